#!/usr/bin/env bash
# The closed-loop demo: real Nacos + RocketMQ, a Spring Boot gateway → A → B → C (Dubbo) → RocketMQ → A → B, with
# A and C also running as gray instances, every application started with -javaagent:graylane-agent.jar and nothing
# graylane-specific in its code. Prints the path every request class took and, as its last line,
# "CLOSED LOOP: PASS" (exit 0) or "CLOSED LOOP: FAIL" with the reasons (exit 1).
#   ./demo.sh            run, check, stop everything
#   ./demo.sh --keep     leave everything up (Nacos console URL printed) until Enter or Ctrl-C
#   ./demo.sh --rebuild  rebuild graylane and the demo first
set -euo pipefail
cd "$(dirname "$0")"
args=()
rebuild=false
for a in "$@"; do
  case "$a" in
    --rebuild) rebuild=true ;;
    *) args+=("$a") ;;
  esac
done
CP_FILE=demo-apps/target/demo-classpath.txt
if $rebuild || [ ! -f agent-dist/target/graylane-agent.jar ] || [ ! -f "$CP_FILE" ] \
    || [ ! -d demo-apps/target/classes ] || [ ! -d testkit/target/nacos-lib ] || [ ! -d testkit/target/rocketmq-lib ]; then
  echo "building graylane and the demo applications (first time on a fresh machine: several minutes)…"
  mvn -B -ntp -q -DskipTests install -pl demo-apps,agent-dist -am
  mvn -B -ntp -q dependency:build-classpath -pl demo-apps -Dmdep.outputFile=target/demo-classpath.txt
fi
exec java -Xmx256m -Ddemo.repo="$PWD" -cp "$PWD/demo-apps/target/classes:$(cat "$CP_FILE")" \
  io.graylane.demo.DemoRunner "${args[@]+"${args[@]}"}"
