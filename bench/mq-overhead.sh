#!/usr/bin/env bash
# RocketMQ throughput overhead: produce + consume on one real broker (testkit), a worker JVM per round without and
# with the agent, alternating. Each worker warms up on MESSAGES/2, then sends MESSAGES 100-byte messages from 4 threads (sync) to a push consumer
# in the same JVM and reports messages/s from the first send to the last delivery (baseline traffic on a baseline
# node: the common case). Last line:
#   mq-overhead without=<n>msg/s with=<n>msg/s ratio=<r>
# Usage: bench/mq-overhead.sh [ROUNDS] [MESSAGES]   (default 5 rounds of 10000)
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS="${1:-5}"; MESSAGES="${2:-10000}"
flock /tmp/graylane-mvn.lock mvn -B -ntp -q package -pl agent-dist,bench -am -DskipTests >&2
flock /tmp/graylane-mvn.lock mvn -B -ntp -q dependency:build-classpath -pl bench \
  -Dmdep.outputFile=target/bench-classpath.txt >&2
cp agent-dist/target/graylane-agent.jar bench/target/mq-agent.jar
java -cp "bench/target/classes:$(cat bench/target/bench-classpath.txt)" io.graylane.bench.MqThroughput \
  driver bench/target/mq-agent.jar "$ROUNDS" "$MESSAGES"
