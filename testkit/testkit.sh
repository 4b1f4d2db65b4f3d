#!/usr/bin/env bash
# graylane testkit: real Nacos 3.1.0, RocketMQ 5.3.3, ZooKeeper and MariaDB 11.4 on 127.0.0.1.
#   testkit.sh start nacos|rocketmq|zookeeper|mariadb|all   print the addresses, stay up until Ctrl-C / stop
#   testkit.sh stop                                 stop what 'start' started
#   testkit.sh check                                start all three, one real round trip each, stop;
#                                                   last line: testkit nacos=..s rocketmq=..s zookeeper=..s rss=..MB ok
#   testkit.sh build                                (re)build the module (done automatically when needed)
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$HERE")"
T="$HERE/target"
PIDFILE="$T/testkit-cli.pid"

build() {
  local mvn=(mvn -B -ntp -q -f "$ROOT/pom.xml" -pl testkit -DskipTests package)
  if command -v flock >/dev/null 2>&1; then
    flock /tmp/graylane-mvn.lock "${mvn[@]}"
  else
    "${mvn[@]}"
  fi
}

ensure_built() {
  local f
  for f in "$T/cli-classpath.txt" "$T/classes/io/graylane/testkit/TestkitCli.class" \
           "$T/test-classes/io/graylane/testkit/TestkitCheck.class" \
           "$T/nacos-lib/classpath.txt" "$T/rocketmq-lib/classpath.txt" \
           "$T/zookeeper-lib/classpath.txt" "$T/nacos-client-lib/classpath.txt" \
           "$T/mariadb-lib/classpath.txt"; do
    if [[ ! -f "$f" ]]; then
      echo "testkit: building the module (first run downloads ~300 MB of server jars)..." >&2
      build
      return
    fi
  done
}

classpath() {
  echo "$T/classes:$T/test-classes:$(cat "$T/cli-classpath.txt")"
}

java_cmd() {
  if [[ -n "${JAVA_HOME:-}" ]]; then echo "$JAVA_HOME/bin/java"; else echo java; fi
}

JOPTS=(-Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Dgraylane.testkit.home="$T"
       -Dgraylane.testkit.runs="$T/testkit-runs" -Drocketmq.client.logRoot="$T/rocketmq-client-logs")

case "${1:-}" in
  build)
    build
    ;;
  start)
    shift
    [[ $# -ge 1 ]] || { echo "usage: $0 start nacos|rocketmq|zookeeper|mariadb|all" >&2; exit 2; }
    if [[ -f "$PIDFILE" ]] && kill -0 "$(cat "$PIDFILE")" 2>/dev/null; then
      echo "testkit: already running (pid $(cat "$PIDFILE")); '$0 stop' first" >&2; exit 1
    fi
    ensure_built
    echo $$ > "$PIDFILE"
    exec "$(java_cmd)" "${JOPTS[@]}" -cp "$(classpath)" io.graylane.testkit.TestkitCli start "$@"
    ;;
  stop)
    if [[ ! -f "$PIDFILE" ]]; then echo "testkit: not running"; exit 0; fi
    pid="$(cat "$PIDFILE")"
    if kill -0 "$pid" 2>/dev/null; then
      kill -TERM "$pid"
      for _ in $(seq 1 600); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      if kill -0 "$pid" 2>/dev/null; then echo "testkit: pid $pid did not stop in 60 s" >&2; exit 1; fi
    fi
    rm -f "$PIDFILE"
    echo "testkit: stopped (pid $pid)"
    ;;
  check)
    ensure_built
    exec "$(java_cmd)" "${JOPTS[@]}" -cp "$(classpath)" io.graylane.testkit.TestkitCheck
    ;;
  *)
    sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//'
    exit 2
    ;;
esac
