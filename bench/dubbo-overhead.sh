#!/usr/bin/env bash
# Overhead of graylane on a loopback Dubbo 3.3.6 chain client → A → B → C (baseline lane, direct dubbo:// URLs, no
# registry), compared with no agent and with the OpenTelemetry Java agent 2.x (exporters off). Configurations
# alternate within each round, the order rotating from round to round, all in one session; every configuration starts
# four fresh JVMs (the agent, when any, on all four). Reports, as the median over rounds of the ratio or difference to
# the same round's no-agent run: per-call latency p50/p99
# (one client thread, sequential calls) and throughput at saturation (THREADS client threads; two cores saturate).
#
#   bench/dubbo-overhead.sh            # ROUNDS=3 WARMUP=8 CALLS=20000 THREADS=8 TPUT_SECONDS=10
# Last line: dubbo-overhead per-hop-added-median=<µs>us p99-added=<µs>us throughput-ratio=<r> otel-throughput-ratio=<r>
# (latency figures are per hop: the chain has 3 remote hops; p99-added is also per hop).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
ROUNDS=${ROUNDS:-3}
WARMUP=${WARMUP:-8}
CALLS=${CALLS:-20000}
THREADS=${THREADS:-8}
TPUT_SECONDS=${TPUT_SECONDS:-10}
MVN=(mvn -B -ntp -q)
if command -v flock >/dev/null 2>&1; then MVN=(flock /tmp/graylane-mvn.lock "${MVN[@]}"); fi

AGENT=$ROOT/agent-dist/target/graylane-agent.jar
if [ ! -f "$AGENT" ]; then
  echo "building the agent…" >&2
  "${MVN[@]}" -pl agent-dist -am install -DskipTests >&2
fi
if [ ! -f bench/dubbo/target/otel/opentelemetry-javaagent.jar ] || [ ! -d bench/dubbo/target/lib ] \
   || [ -n "$(find bench/dubbo/src bench/dubbo/pom.xml -newer bench/dubbo/target/bench-dubbo-0.1.0-SNAPSHOT.jar 2>/dev/null)" ]; then
  echo "building bench/dubbo (Dubbo 3.3.6, OpenTelemetry agent from Maven Central)…" >&2
  "${MVN[@]}" -f bench/dubbo/pom.xml package >&2
fi
OTEL=$ROOT/bench/dubbo/target/otel/opentelemetry-javaagent.jar
CP="$ROOT/bench/dubbo/target/bench-dubbo-0.1.0-SNAPSHOT.jar:$ROOT/bench/dubbo/target/lib/*"
RUN=$ROOT/bench/dubbo/target/run
rm -rf "$RUN"; mkdir -p "$RUN"
# private copies: a rebuild of the agent during the run must not change (or remove) what is measured
cp "$AGENT" "$RUN/graylane-agent.jar"; AGENT=$RUN/graylane-agent.jar
cp "$OTEL" "$RUN/opentelemetry-javaagent.jar"; OTEL=$RUN/opentelemetry-javaagent.jar
RESULTS=$RUN/results.txt
: > "$RESULTS"

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

agent_flags() {
  case "$1" in
    none) ;;
    graylane) echo "-javaagent:$AGENT" ;;
    otel) echo "-javaagent:$OTEL -Dotel.traces.exporter=none -Dotel.metrics.exporter=none -Dotel.logs.exporter=none -Dotel.service.name=bench -Dotel.javaagent.logging=none" ;;
  esac
}

PIDS=()
cleanup() { for p in "${PIDS[@]:-}"; do [ -n "$p" ] && kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

start_node() { # cfg letter port [downstream]; sets LOG (no command substitution: PIDS must stay in this shell)
  local cfg=$1 letter=$2 port=$3 down=${4:-}
  local dir=$RUN/$cfg-$round-$letter; mkdir -p "$dir"
  # shellcheck disable=SC2046
  java -Xmx256m -Duser.home="$dir" -Djava.io.tmpdir="$dir" $(agent_flags "$cfg") -cp "$CP" \
    io.graylane.bench.dubbo.BenchNode "$letter" "$port" $down > "$dir/console.log" 2>&1 &
  PIDS+=($!)
  LOG=$dir/console.log
}

await_ready() {
  for _ in $(seq 1 600); do grep -q READY "$1" 2>/dev/null && return 0; sleep 0.1; done
  echo "not ready: $1" >&2; tail -30 "$1" >&2; exit 1
}

run_config() { # cfg
  local cfg=$1 pc pb pa
  pc=$(free_port); pb=$(free_port); pa=$(free_port)
  PIDS=()
  # downstream first: each node is READY only once the chain below it answers, so no measured call meets a connection
  # still being set up (starting the three at once made A's first connect to B fail now and then; Dubbo then fails
  # calls until its reconnect task runs — the "No provider available" errors of earlier runs, with or without agent)
  start_node "$cfg" C "$pc"; await_ready "$LOG"
  start_node "$cfg" B "$pb" "$pc"; await_ready "$LOG"
  start_node "$cfg" A "$pa" "$pb"; await_ready "$LOG"
  local dir=$RUN/$cfg-$round-client; mkdir -p "$dir"
  # shellcheck disable=SC2046
  local out
  out=$(java -Xmx256m -Duser.home="$dir" -Djava.io.tmpdir="$dir" $(agent_flags "$cfg") -cp "$CP" \
    io.graylane.bench.dubbo.BenchClient "$pa" "$WARMUP" "$CALLS" "$THREADS" "$TPUT_SECONDS" \
    "$(IFS=,; echo "${PIDS[*]}")" 2> "$dir/stderr.log" \
    | grep '^RESULT' || true)
  cleanup; wait "${PIDS[@]}" 2>/dev/null || true
  if [ -z "$out" ]; then echo "client failed ($cfg, round $round):" >&2; tail -30 "$dir/stderr.log" >&2; exit 1; fi
  case "$out" in
    *" errors=0 "*) ;;
    *) echo "$cfg round=$round $out" >&2
       echo "calls failed in the measured phases ($cfg, round $round): see $dir/stderr.log and $RUN/$cfg-$round-*/console.log" >&2
       exit 1 ;;
  esac
  echo "$cfg round=$round $out" | tee -a "$RESULTS" >&2
}

echo "dubbo-overhead: $ROUNDS rounds × (none, graylane, otel); $CALLS sequential calls, $THREADS threads × ${TPUT_SECONDS}s; load $(cut -d' ' -f1-3 /proc/loadavg)" >&2
for round in $(seq 1 "$ROUNDS"); do
  # rotate the order each round (none graylane otel / graylane otel none / ...) so no configuration always runs
  # right after another one or first in a round
  read -r -a cfgs <<< "${CONFIGS:-none graylane otel}"
  n=${#cfgs[@]}
  for i in $(seq 0 $((n - 1))); do run_config "${cfgs[$(( (i + round - 1) % n ))]}"; done
done

[ "${CONFIGS:-none graylane otel}" = "none graylane otel" ] || exit 0
python3 - "$RESULTS" <<'PY'
import re, statistics, sys
# rows[cfg][round] = figures; the configurations of one round ran back to back, so a round's ratios compare runs that
# met the same machine conditions: the summary is the median over rounds of those paired ratios/differences, with the
# range shown (the spread is this machine's noise, not the agent's)
rows = {}
for line in open(sys.argv[1]):
    cfg = line.split()[0]
    vals = dict(re.findall(r'(\w+)=([\d.]+)', line))
    rows.setdefault(cfg, {})[int(vals.pop('round'))] = {k: float(v) for k, v in vals.items()}
rounds = sorted(rows["none"])
hops = 3
med = lambda xs: statistics.median(xs)
print("%-9s %9s %9s %10s %12s %14s" % ("config", "p50 µs", "p99 µs", "mean µs", "calls/s", "CPU µs/call"))
for c in ("none", "graylane", "otel"):
    rs = [rows[c][r] for r in rounds]
    print("%-9s %9.1f %9.1f %10.1f %12.0f %14.1f" % (c, med([x["p50us"] for x in rs]), med([x["p99us"] for x in rs]),
          med([x["meanus"] for x in rs]), med([x["tput"] for x in rs]), med([x.get("cpuus", 0) for x in rs])))
def paired(c, f):
    return [f(rows[c][r], rows["none"][r]) for r in rounds]
def show(name, xs, fmt):
    print(("%-34s median " + fmt + "  (rounds: %s)") % (name, med(xs), " ".join(fmt % x for x in xs)))
p50g = paired("graylane", lambda g, n: (g["p50us"] - n["p50us"]) / hops)
p99g = paired("graylane", lambda g, n: (g["p99us"] - n["p99us"]) / hops)
p50o = paired("otel", lambda o, n: (o["p50us"] - n["p50us"]) / hops)
tg = paired("graylane", lambda g, n: g["tput"] / n["tput"])
to = paired("otel", lambda o, n: o["tput"] / n["tput"])
show("per hop added p50, graylane (µs)", p50g, "%+.1f")
show("per hop added p50, otel (µs)", p50o, "%+.1f")
show("per hop added p99, graylane (µs)", p99g, "%+.1f")
show("throughput ratio, graylane", tg, "%.3f")
show("throughput ratio, otel", to, "%.3f")
if all("cpuus" in rows[c][r] and rows[c][r]["cpuus"] > 0 for c in rows for r in rounds):
    show("CPU per call ratio, graylane", paired("graylane", lambda g, n: g["cpuus"] / n["cpuus"]), "%.3f")
    show("CPU per call ratio, otel", paired("otel", lambda o, n: o["cpuus"] / n["cpuus"]), "%.3f")
print("dubbo-overhead per-hop-added-median=%.1fus p99-added=%.1fus throughput-ratio=%.3f otel-throughput-ratio=%.3f"
      % (med(p50g), med(p99g), med(tg), med(to)))
PY
