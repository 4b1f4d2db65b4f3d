#!/usr/bin/env bash
# Rules evaluation benchmark: graylane vs Unleash client-java 9.3.2 on the same flag
# (30 % rollout on userId, region IN a set, appVersion SEMVER_GT 2.3.0), JMH, one fork.
# Reports CPU time per op (ThreadMXBean over the JMH worker thread) and B/op (-prof gc).
# Takes about a minute and a half. The last line is:
#   rules-eval graylane=<ns> ns/op unleash=<ns> ns/op speedup=<x> alloc=<B> B/op
set -euo pipefail
cd "$(dirname "$0")/.."

flock /tmp/graylane-mvn.lock mvn -B -ntp -q package -pl bench -am -DskipTests >&2

out=bench/target/rules-eval.json
java -jar bench/target/benchmarks.jar 'io.graylane.bench.RulesEvalBenchmark' \
  -prof gc -prof io.graylane.bench.CpuTimeProfiler \
  -rf json -rff "$out" "$@" >&2

java -cp bench/target/benchmarks.jar io.graylane.bench.Summary "$out"
