#!/usr/bin/env bash
# The seed incident as a measurement: an LTS cron "deposit" job fires every second and adds 100 to an account row in
# MariaDB (testkit), with a baseline and a gray TaskTracker, while the job is assigned to lane gray by the rule
# document, the gray TaskTracker restarts, and the job is assigned back (e2e-lts LtsCronExactlyOnceTest, every LTS
# node in its own JVM with the agent). Prints, as its last line:
#   lts-cron fires=<n> runs=<n> doubled=<n> missed=<n> balance-ok=<true|false>
# fires: distinct trigger times booked; runs: bookings; doubled = runs - fires; missed: cron seconds from the first
# fire to the last counted one that were never booked; balance-ok: the balance is 100 x every booking.
# Usage: bench/lts-cron.sh   (builds the agent jar and the modules it needs inside the reactor; installs nothing)
set -euo pipefail
cd "$(dirname "$0")/.."
rm -f e2e-lts/target/lts-cron.txt
flock /tmp/graylane-mvn.lock mvn -B -ntp -q -pl e2e-lts -am verify -Dtest=LtsCronExactlyOnceTest \
  -Dsurefire.failIfNoSpecifiedTests=false "$@" >&2 || status=$?
if [ ! -f e2e-lts/target/lts-cron.txt ]; then
  echo "lts-cron: no result (see e2e-lts/target/surefire-reports)" >&2
  exit 1
fi
tail -n 1 e2e-lts/target/lts-cron.txt
exit ${status:-0}
