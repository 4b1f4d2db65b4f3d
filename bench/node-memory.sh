#!/usr/bin/env bash
# Memory the agent adds to a realistic node (bench/startup-node: Spring Boot web + Dubbo provider and remote reference +
# RocketMQ producer and push consumer, testkit broker): for no agent / graylane / OpenTelemetry (exporters off), each
# round starts a fresh node (-Xmx512m, native memory tracking on for all three) and measures, right after start and again
# after traffic (TRAFFIC HTTP requests on baseline, then TRAFFIC in the lane 'gray' — each one Dubbo call and one message
# send — and every message consumed):
#   heap used after a full GC (jcmd GC.run, then jstat -gc: S0U+S1U+EU+OU), metaspace used (jstat MU), and the JVM's
#   committed native memory (jcmd VM.native_memory summary, Total committed: heap, metaspace, code, threads, GC...).
# graylane runs with ingress.trusted-cidrs=127.0.0.1/32 so the lane header is believed, and with its admin endpoint on
# (admin.port=0): after the traffic the script prints graylane's per-lane Dubbo and RocketMQ counters from /metrics, to
# show the lane traffic really ran in the lane. Last line:
#   node-memory rounds=<n> graylane-added heap+metaspace start=<MB>MB traffic=<MB>MB otel-added start=<MB>MB traffic=<MB>MB
# Usage: bench/node-memory.sh [ROUNDS] [TRAFFIC]   (default 3 rounds, 1000 requests per lane)
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS="${1:-3}"; TRAFFIC="${2:-1000}"
NODE_RUN_NAME=memory
GRAYLANE_OPTS="ingress.trusted-cidrs=127.0.0.1/32,admin.port=0"
# shellcheck source=startup/node-common.sh
source bench/startup/node-common.sh
RESULTS=$RUN/results.txt
: > "$RESULTS"
NODE_PID=
cleanup() { [ -n "$NODE_PID" ] && kill "$NODE_PID" 2>/dev/null || true; stop_testkit; }
trap cleanup EXIT

measure() { # pid → "heapKB metaKB nmtKB" after a full GC
  local pid=$1
  jcmd "$pid" GC.run >/dev/null
  local heap meta nmt
  read -r heap meta < <(jstat -gc "$pid" | awk 'NR==1 {for (i=1;i<=NF;i++) c[$i]=i} NR==2 {printf "%d %d\n", $c["S0U"]+$c["S1U"]+$c["EU"]+$c["OU"], $c["MU"]}')
  nmt=$(jcmd "$pid" VM.native_memory summary | sed -n 's/^Total: reserved=[0-9]*KB, committed=\([0-9]*\)KB.*/\1/p')
  echo "$heap $meta $nmt"
}

await() { # what url-or-file condition
  for _ in $(seq 1 1200); do eval "$2" && return 0; sleep 0.1; done
  echo "timed out waiting for $1" >&2; return 1
}

run_config() { # cfg round
  local cfg=$1 round=$2 dir=$RUN/$1-$2 cmd port start traffic consumed want
  cmd=$(node_cmd "$dir" "$cfg" -XX:NativeMemoryTracking=summary)
  # shellcheck disable=SC2086
  $cmd > "$dir/console.log" 2>&1 &
  NODE_PID=$!
  await "ready ($cfg)" "grep -q '^READY' '$dir/console.log' || ! kill -0 $NODE_PID 2>/dev/null"
  grep -q '^READY' "$dir/console.log" || { echo "node failed ($cfg):" >&2; tail -40 "$dir/console.log" >&2; exit 1; }
  port=$(sed -n 's/^READY .*port=\([0-9]*\).*/\1/p' "$dir/console.log")
  # the consumer is live once the ready request's message is consumed (a consumer started before its topic existed, as
  # in the first run on a fresh broker, waits ~30 s for the route)
  await "the ready message consumed ($cfg)" "[ \"\$(curl -sf http://127.0.0.1:$port/stats | tr -dc 0-9)\" -ge 1 ]"
  sleep 5 # let start-up's background work (rebalance, heartbeats, the agent's ByteBuddy set-up) finish
  start=$(measure "$NODE_PID")
  curl -sf "http://127.0.0.1:$port/traffic?n=$TRAFFIC" >/dev/null
  curl -sf -H 'x-graylane-lane: gray' "http://127.0.0.1:$port/traffic?n=$TRAFFIC" >/dev/null
  want=$(( 2 * TRAFFIC + 1 ))
  await "$want messages consumed ($cfg)" \
    "[ \"\$(curl -sf http://127.0.0.1:$port/stats | tr -dc 0-9)\" -ge $want ]"
  traffic=$(measure "$NODE_PID")
  consumed=$(curl -sf "http://127.0.0.1:$port/stats" | tr -dc 0-9)
  if [ "$cfg" = graylane ]; then
    local admin
    admin=$(sed -n 's|.*admin endpoint on \(http://[0-9.:]*\)/status.*|\1|p' "$dir/console.log")
    curl -sf "$admin/metrics" > "$dir/metrics.txt" || true
    echo "graylane counters: $(grep -E '^graylane_(dubbo_calls_(in|out)|mq_(stamped|consumed))_total' "$dir/metrics.txt" | tr '\n' ' ')" >&2
  fi
  kill "$NODE_PID"; wait "$NODE_PID" 2>/dev/null || true; NODE_PID=
  echo "$cfg round=$round start=${start// /,} traffic=${traffic// /,} consumed=$consumed load=$(cut -d' ' -f1 /proc/loadavg)" \
    | tee -a "$RESULTS" >&2
}

echo "node-memory: $ROUNDS rounds × (none, graylane, otel), $TRAFFIC requests per lane; load $(cut -d' ' -f1-3 /proc/loadavg)" >&2
cfgs=(none graylane otel)
for round in $(seq 1 "$ROUNDS"); do
  for i in 0 1 2; do run_config "${cfgs[$(( (i + round - 1) % 3 ))]}" "$round"; done
done
echo "java: $("$JAVA" -version 2>&1 | head -1); cores: $(nproc); load: $(cut -d' ' -f1-3 /proc/loadavg)"
python3 - "$RESULTS" <<'PY'
import re, statistics, sys
rows = {}
for line in open(sys.argv[1]):
    cfg = line.split()[0]
    r = int(re.search(r'round=(\d+)', line).group(1))
    s = [int(x) for x in re.search(r'start=([\d,]+)', line).group(1).split(',')]
    t = [int(x) for x in re.search(r'traffic=([\d,]+)', line).group(1).split(',')]
    rows.setdefault(cfg, {})[r] = (s, t)
rounds = sorted(rows['none'])
mb = lambda kb: kb / 1024.0
med = statistics.median
print("%-9s %-8s %10s %12s %14s %12s" % ("config", "when", "heap MB", "metaspace MB", "heap+meta MB", "NMT MB"))
for c in ("none", "graylane", "otel"):
    for k, when in ((0, "start"), (1, "traffic")):
        xs = [rows[c][r][k] for r in rounds]
        print("%-9s %-8s %10.1f %12.1f %14.1f %12.1f" % (c, when, med([mb(x[0]) for x in xs]), med([mb(x[1]) for x in xs]),
              med([mb(x[0] + x[1]) for x in xs]), med([mb(x[2]) for x in xs])))
summary = {}
for c in ("graylane", "otel"):
    for k, when in ((0, "start"), (1, "traffic")):
        hm = [mb(rows[c][r][k][0] + rows[c][r][k][1] - rows['none'][r][k][0] - rows['none'][r][k][1]) for r in rounds]
        me = [mb(rows[c][r][k][1] - rows['none'][r][k][1]) for r in rounds]
        nm = [mb(rows[c][r][k][2] - rows['none'][r][k][2]) for r in rounds]
        print("%-8s added at %-7s heap+metaspace median %+6.1f MB (rounds: %s); metaspace %+6.1f MB; NMT committed %+6.1f MB"
              % (c, when, med(hm), " ".join("%+.1f" % x for x in hm), med(me), med(nm)))
        summary[(c, when)] = med(hm)
print("node-memory rounds=%d graylane-added heap+metaspace start=%.1fMB traffic=%.1fMB otel-added start=%.1fMB traffic=%.1fMB"
      % (len(rounds), summary[("graylane", "start")], summary[("graylane", "traffic")], summary[("otel", "start")],
         summary[("otel", "traffic")]))
PY
