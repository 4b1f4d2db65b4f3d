#!/usr/bin/env bash
# bench/startup.sh node [RUNS]: see bench/startup.sh.
set -euo pipefail
cd "$(dirname "$0")/../.."
RUNS="${1:-10}"
NODE_RUN_NAME=startup
# shellcheck source=node-common.sh
source bench/startup/node-common.sh

run_ms() { # cfg round → "wall-ms jvm-uptime-ms cpu-ms": launch to exit (the node halts right after its ready line)
  local cfg=$1 round=$2 dir=$RUN/$1-$2 s e cmd cpu
  cmd=$(node_cmd "$dir" "$cfg" -Dstartup.exit=true)
  s=$(date +%s%N)
  # shellcheck disable=SC2086
  /usr/bin/time -f '%U %S' -o "$dir/cpu.txt" $cmd > "$dir/console.log" 2>&1 || true
  e=$(date +%s%N)
  if ! grep -q '^READY' "$dir/console.log"; then
    echo "the node did not get ready ($cfg, $round):" >&2; tail -40 "$dir/console.log" >&2; exit 1
  fi
  cpu=$(awk '{printf "%d", ($1 + $2) * 1000}' "$dir/cpu.txt")
  echo "$(( (e - s) / 1000000 )) $(sed -n 's/^READY uptime=\([0-9]*\).*/\1/p' "$dir/console.log") $cpu"
}

echo "startup-node: $RUNS rounds × (none, graylane, otel), name server $STARTUP_NAMESRV; load $(cut -d' ' -f1-3 /proc/loadavg)" >&2
# one uncounted warm-up of each (page cache; the first run also creates the topic)
for cfg in none graylane otel; do run_ms "$cfg" 0 >/dev/null; done
declare -A wall uptime cpu
cfgs=(none graylane otel)
for round in $(seq 1 "$RUNS"); do
  line="round $round:"
  for i in 0 1 2; do
    cfg=${cfgs[$(( (i + round - 1) % 3 ))]}
    read -r w u c < <(run_ms "$cfg" "$round")
    wall[$cfg]="${wall[$cfg]:-} $w"; uptime[$cfg]="${uptime[$cfg]:-} $u"; cpu[$cfg]="${cpu[$cfg]:-} $c"
    line="$line $cfg=${w}ms(jvm ${u}ms, cpu ${c}ms)"
  done
  echo "$line  load $(cut -d' ' -f1 /proc/loadavg)"
done
median() { printf '%s\n' "$@" | sort -n | awk '{v[NR]=$1} END {if (NR%2) print v[(NR+1)/2]; else print (v[NR/2]+v[NR/2+1])/2}'; }
# shellcheck disable=SC2086
mn=$(median ${wall[none]}); mg=$(median ${wall[graylane]}); mo=$(median ${wall[otel]})
# shellcheck disable=SC2086
un=$(median ${uptime[none]}); ug=$(median ${uptime[graylane]}); uo=$(median ${uptime[otel]})
echo "java: $("$JAVA" -version 2>&1 | head -1); cores: $(nproc); load: $(cut -d' ' -f1-3 /proc/loadavg)"
# shellcheck disable=SC2086
cn=$(median ${cpu[none]}); cg=$(median ${cpu[graylane]}); co=$(median ${cpu[otel]})
echo "JVM uptime at the ready line (medians): none=${un}ms graylane=${ug}ms otel=${uo}ms"
echo "CPU time user+sys, launch to exit (medians): none=${cn}ms graylane=${cg}ms otel=${co}ms"
awk -v runs="$RUNS" -v n="$mn" -v g="$mg" -v o="$mo" 'BEGIN {
  printf "startup-node runs=%d without=%dms graylane=%dms added=%dms (%+.1f%%) otel=%dms otel-added=%dms graylane/otel=%.2f\n",
    runs, n, g, g - n, 100 * (g - n) / n, o, o - n, (o - n) != 0 ? (g - n) / (o - n) : 0 }'
