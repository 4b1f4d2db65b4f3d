#!/usr/bin/env bash
# Start-up benchmark, two applications:
#
#   bench/startup.sh [RUNS]        the small service (bench/startup/StartupApp.java: HTTP server on a thread pool, one
#                                  request, pooled tasks, async stages) launched with and without the agent, alternating,
#                                  RUNS times each (default 15). The OpenTelemetry Java agent (from Maven Central,
#                                  exporters off) runs in the same rounds as a peer, when it can be fetched. Prints every
#                                  run, the medians, and as its last line:
#     startup runs=<n> without=<ms>ms with=<ms>ms added=<ms>ms ratio=<r> otel=<ms>ms otel-added=<ms>ms
#
#   bench/startup.sh node [RUNS]   a realistic node (bench/startup-node: Spring Boot 3.4 web on Tomcat, a Dubbo 3.3.6
#                                  provider and a remote reference to it, no registry, a rocketmq-client 5.3.3 producer
#                                  and push consumer against the testkit's real broker), ready when one HTTP request went
#                                  through Dubbo and RocketMQ; no agent / graylane / OpenTelemetry in every round, the
#                                  order rotating from round to round (default 10 rounds). Wall time from launch to the
#                                  ready line (the node halts right after printing it). Last line:
#     startup-node runs=<n> without=<ms>ms graylane=<ms>ms added=<ms>ms (<p>%) otel=<ms>ms otel-added=<ms>ms graylane/otel=<r>
#                                  (also printed: the JVM uptime at the ready line and the CPU time user+sys, medians)
#                                  STARTUP_NAMESRV=host:port uses a running name server instead of starting the testkit's.
#
# Builds the agent jar first if it is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${1:-}" = node ]; then shift; exec bash bench/startup/node.sh "$@"; fi
RUNS="${1:-15}"
JAR=agent-dist/target/graylane-agent.jar
if [ ! -f "$JAR" ]; then
  echo "building the agent jar…" >&2
  mvn -B -ntp -q -DskipTests -pl agent-dist -am package
fi
OUT=bench/target/startup
mkdir -p "$OUT"
# measure a copy: a rebuild during the run must not swap the jar under it
cp "$JAR" "$OUT/graylane-agent.jar"
JAR="$OUT/graylane-agent.jar"
OTEL_VERSION=2.21.0
OTEL="$OUT/opentelemetry-javaagent-$OTEL_VERSION.jar"
if [ ! -f "$OTEL" ]; then
  mvn -B -ntp -q dependency:copy -Dartifact=io.opentelemetry.javaagent:opentelemetry-javaagent:$OTEL_VERSION \
    -DoutputDirectory="$OUT" >&2 || echo "could not fetch the OpenTelemetry agent; measuring without the peer" >&2
fi
javac -d "$OUT" bench/startup/StartupApp.java
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
run_ms() {
  local s e
  s=$(date +%s%N)
  "$JAVA" -Xshare:auto "$@" -cp "$OUT" StartupApp >/dev/null 2>"$OUT/last-stderr.txt" || { cat "$OUT/last-stderr.txt" >&2; exit 1; }
  e=$(date +%s%N)
  echo $(( (e - s) / 1000000 ))
}
OTEL_ARGS=(-javaagent:"$OTEL" -Dotel.traces.exporter=none -Dotel.metrics.exporter=none -Dotel.logs.exporter=none)
peer=false; [ -f "$OTEL" ] && peer=true
# one warm-up of each, not counted (page cache, JIT-less first launch)
run_ms >/dev/null; run_ms -javaagent:"$JAR" >/dev/null
$peer && run_ms "${OTEL_ARGS[@]}" >/dev/null
without=(); with=(); otel=()
for i in $(seq 1 "$RUNS"); do
  a=$(run_ms); b=$(run_ms -javaagent:"$JAR")
  without+=("$a"); with+=("$b")
  if $peer; then
    c=$(run_ms "${OTEL_ARGS[@]}"); otel+=("$c")
    echo "run $i: without=${a}ms graylane=${b}ms otel=${c}ms"
  else
    echo "run $i: without=${a}ms graylane=${b}ms"
  fi
done
median() { printf '%s\n' "$@" | sort -n | awk '{v[NR]=$1} END {if (NR%2) print v[(NR+1)/2]; else print (v[NR/2]+v[NR/2+1])/2}'; }
mw=$(median "${without[@]}"); ma=$(median "${with[@]}")
added=$(awk -v a="$ma" -v b="$mw" 'BEGIN {printf "%d", a-b}')
ratio=$(awk -v a="$ma" -v b="$mw" 'BEGIN {printf "%.2f", a/b}')
echo "java: $("$JAVA" -version 2>&1 | head -1); cores: $(nproc); load: $(cut -d' ' -f1-3 /proc/loadavg)"
line="startup runs=$RUNS without=${mw}ms with=${ma}ms added=${added}ms ratio=${ratio}"
if $peer; then
  mo=$(median "${otel[@]}")
  line="$line otel=${mo}ms otel-added=$(awk -v a="$mo" -v b="$mw" 'BEGIN {printf "%d", a-b}')ms"
fi
echo "$line"
