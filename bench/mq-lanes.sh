#!/usr/bin/env bash
# RocketMQ message lanes, lane start and retire under continuous sending (real broker from the testkit, producer,
# baseline and gray consumers in their own JVMs with the agent). Runs e2e-rocketmq's
# MqLanesTest#laneStartAndRetireUnderContinuousSendingLoseNothing and prints, as its last line:
#   mq-lanes sent=<n> consumed=<n> lost=<n> duplicates=<n> switch-ms=<ms>
# switch-ms: the slower of (gray consumer start -> baseline excludes the lane) and (gray consumer stopped ->
# baseline includes the lane again and starts draining).
# Usage: bench/mq-lanes.sh [-Prmq4]   (needs the agent jar: mvn -pl agent-dist -am install -DskipTests)
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -f agent-dist/target/graylane-agent.jar ]; then
  flock /tmp/graylane-mvn.lock mvn -B -ntp -q -pl agent-dist -am install -DskipTests
fi
rm -f e2e-rocketmq/target/mq-lanes.txt
flock /tmp/graylane-mvn.lock mvn -B -ntp -q -f e2e-rocketmq/pom.xml test "$@" \
  -Dtest='MqLanesTest#laneStartAndRetireUnderContinuousSendingLoseNothing' \
  -Dsurefire.failIfNoSpecifiedTests=false >&2 || status=$?
grep -h '\[mq-e2e\]' e2e-rocketmq/target/surefire-reports/*-output.txt 2>/dev/null | grep -v '^\[mq-e2e\] mq-lanes' >&2 || true
if [ ! -f e2e-rocketmq/target/mq-lanes.txt ]; then
  echo "mq-lanes: no result (see e2e-rocketmq/target/surefire-reports)" >&2
  exit 1
fi
tail -n 1 e2e-rocketmq/target/mq-lanes.txt
exit ${status:-0}
