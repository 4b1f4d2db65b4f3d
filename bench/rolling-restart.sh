#!/usr/bin/env bash
# Rolling restart under load: two Dubbo 3.3 provider instances (B1, B2) behind a real ZooKeeper, a Dubbo consumer
# sending 150 req/s (retries 0, every request counted), every JVM with the agent. Runs e2e-dubbo's
# RollingRestartE2ETest: each B in turn `node offline --wait-drained` → SIGKILL → start → `node online`; a control
# leg with plain kill -9 and no drain (must show failures); then each B with SIGTERM only. Prints as its last line:
#   rolling-restart requests=<n> failed=<n> drained-ms-p50=<ms> messages-lost=<n> jobs-doubled=<n>
# requests/failed: the drained and SIGTERM legs; drained-ms-p50: offline → drained as the node measured it, over the
# four drains. jobs-doubled: e2e-lts's LtsDrainTest, the job node restart (a TaskTracker running a 15 s job taken
# offline, awaited drained, killed, started, online): jobs that ran or completed more than once (n/a when that test
# wrote no result). messages-lost: e2e-rocketmq's ConsumerRestartTest (a node of a two-node consumer group taken
# offline and drained, SIGTERMed, or SIGKILLed, then started again while a producer sends thousands of messages):
# messages sent and never consumed, summed over its three legs (n/a when that test wrote no result).
# Usage: bench/rolling-restart.sh   (builds the agent jar in this checkout if it is missing)
set -euo pipefail
cd "$(dirname "$0")/.."
MVN=(mvn -B -ntp -q)
if command -v flock >/dev/null 2>&1; then MVN=(flock /tmp/graylane-mvn.lock "${MVN[@]}"); fi
if [ ! -f agent-dist/target/graylane-agent.jar ]; then
  "${MVN[@]}" -pl agent-dist -am package -DskipTests >&2
fi
rm -f e2e-dubbo/target/rolling-restart.txt
"${MVN[@]}" -pl e2e-dubbo -am test -Dtest='RollingRestartE2ETest' -Dsurefire.failIfNoSpecifiedTests=false >&2 || status=$?
if [ ! -f e2e-dubbo/target/rolling-restart.txt ]; then
  echo "rolling-restart: no result (see e2e-dubbo/target/surefire-reports)" >&2
  exit 1
fi
rm -f e2e-lts/target/job-restart.txt
"${MVN[@]}" -pl e2e-lts -am test -Dtest='LtsDrainTest' -Dsurefire.failIfNoSpecifiedTests=false >&2 || status=$?
jobs_doubled=n/a
if [ -f e2e-lts/target/job-restart.txt ]; then
  tail -n 1 e2e-lts/target/job-restart.txt >&2
  jobs_doubled=$(tail -n 1 e2e-lts/target/job-restart.txt | sed -n 's/.*jobs-doubled=\([^ ]*\).*/\1/p')
else
  echo "rolling-restart: no job-restart result (see e2e-lts/target/surefire-reports)" >&2
fi
rm -f e2e-rocketmq/target/consumer-restart.txt
"${MVN[@]}" -pl e2e-rocketmq -am test -Dtest='ConsumerRestartTest' -Dsurefire.failIfNoSpecifiedTests=false >&2 || status=$?
messages_lost=n/a
if [ -f e2e-rocketmq/target/consumer-restart.txt ]; then
  cat e2e-rocketmq/target/consumer-restart.txt >&2
  messages_lost=$(sed -n 's/.* lost=\([0-9]*\).*/\1/p' e2e-rocketmq/target/consumer-restart.txt | awk '{s+=$1} END {print s+0}')
else
  echo "rolling-restart: no consumer-restart result (see e2e-rocketmq/target/surefire-reports)" >&2
fi
tail -n 1 e2e-dubbo/target/rolling-restart.txt \
  | sed "s|jobs-doubled=[^ ]*|jobs-doubled=${jobs_doubled:-n/a}|; s|messages-lost=[^ ]*|messages-lost=${messages_lost:-n/a}|"
exit ${status:-0}
