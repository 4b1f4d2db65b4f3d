#!/usr/bin/env bash
# Start-up benchmark: the same small service (bench/startup/StartupApp.java: HTTP server on a thread pool, one
# request, pooled tasks, async stages) launched with and without the agent, alternating, RUNS times each.
# The OpenTelemetry Java agent (from Maven Central, exporters off) runs in the same rounds as a peer, when it can be
# fetched. Prints every run, the medians, and as its last line:
#   startup runs=<n> without=<ms>ms with=<ms>ms added=<ms>ms ratio=<r> otel=<ms>ms otel-added=<ms>ms
# Usage: bench/startup.sh [RUNS]   (default 15). Builds the agent jar first if it is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
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
