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
cfgs=(none graylane otel)
for round in $(seq 1 "$RUNS"); do
  line="round $round:"
  for i in 0 1 2; do
    cfg=${cfgs[$(( (i + round - 1) % 3 ))]}
    read -r w u c < <(run_ms "$cfg" "$round")
    line="$line $cfg=${w}ms(jvm ${u}ms, cpu ${c}ms)"
  done
  echo "$line  load $(cut -d' ' -f1 /proc/loadavg)"
done | tee "$RUN/rounds.txt"
echo "java: $("$JAVA" -version 2>&1 | head -1); cores: $(nproc); load: $(cut -d' ' -f1-3 /proc/loadavg)"
python3 - "$RUN/rounds.txt" "$RUNS" <<'PY'
import re, statistics, sys
# figures[kind][cfg][round]; the three launches of a round ran back to back, so besides the medians of each
# configuration the paired per-round differences are shown (they cancel part of the load drift)
figures = {"wall": {}, "jvm": {}, "cpu": {}}
for line in open(sys.argv[1]):
    r = int(line.split()[1].rstrip(":"))
    for cfg, w, u, c in re.findall(r"(\w+)=(\d+)ms\(jvm (\d+)ms, cpu (\d+)ms\)", line):
        for kind, v in (("wall", w), ("jvm", u), ("cpu", c)):
            figures[kind].setdefault(cfg, {})[r] = int(v)
med = statistics.median
rounds = sorted(figures["wall"]["none"])
for kind, what in (("jvm", "JVM uptime at the ready line"), ("cpu", "CPU time user+sys, launch to exit")):
    f = figures[kind]
    print("%s (medians): none=%dms graylane=%dms otel=%dms" % (what, med(f["none"].values()),
          med(f["graylane"].values()), med(f["otel"].values())))
for kind in ("wall", "cpu"):
    f = figures[kind]
    g = [f["graylane"][r] - f["none"][r] for r in rounds]
    gp = [100.0 * (f["graylane"][r] - f["none"][r]) / f["none"][r] for r in rounds]
    o = [f["otel"][r] - f["none"][r] for r in rounds]
    print("%s, paired per round: graylane added median %+dms (%+.1f%%; rounds: %s) otel added median %+dms;"
          " graylane/otel median %.2f" % (kind, med(g), med(gp), " ".join("%+d" % x for x in g), med(o),
          med([a / b for a, b in zip(g, o) if b])))
w = figures["wall"]
n, g, o = med(w["none"].values()), med(w["graylane"].values()), med(w["otel"].values())
print("startup-node runs=%s without=%dms graylane=%dms added=%dms (%+.1f%%) otel=%dms otel-added=%dms graylane/otel=%.2f"
      % (sys.argv[2], n, g, g - n, 100.0 * (g - n) / n, o, o - n, (g - n) / (o - n) if o != n else 0))
PY
