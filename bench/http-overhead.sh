#!/usr/bin/env bash
# Overhead of graylane on a loopback HTTP chain client → Spring Cloud Gateway → A → B (Spring Boot 3.2.12, Spring Cloud
# 2023.0.3; the gateway's route is lb://svc-a, A calls B with a @LoadBalanced RestTemplate; Spring Cloud LoadBalancer
# over Spring Cloud's SimpleDiscoveryClient, instances given as properties: the load balancer and graylane's
# lane-aware instance filter run on every call, no registry server does), baseline lane (no rules), compared with no
# agent and with the OpenTelemetry Java agent 2.x (exporters off). Configurations alternate within each round, the order
# rotating from round to round, all in one session; every configuration starts three fresh JVMs (gateway, A, B; the
# agent, when any, on all three; the client runs without agent). Reports, as the median over rounds of the difference
# or ratio to the same round's no-agent run: per-call latency p50/p99 (one client thread, sequential calls) per hop
# (3 HTTP hops: client → gateway → A → B) and throughput at saturation (THREADS client threads).
#
#   bench/http-overhead.sh            # ROUNDS=3 WARMUP=30 CALLS=2000 THREADS=8 TPUT_SECONDS=10
# Last line: http-overhead per-hop-added-median=<µs>us p99-added=<µs>us throughput-ratio=<r>
#            otel-per-hop-added-median=<µs>us otel-throughput-ratio=<r>
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
ROUNDS=${ROUNDS:-3}
WARMUP=${WARMUP:-30}
CALLS=${CALLS:-2000}
THREADS=${THREADS:-8}
TPUT_SECONDS=${TPUT_SECONDS:-10}
MVN=(mvn -B -ntp -q)
if command -v flock >/dev/null 2>&1; then MVN=(flock /tmp/graylane-mvn.lock "${MVN[@]}"); fi

AGENT=$ROOT/agent-dist/target/graylane-agent.jar
if [ ! -f "$AGENT" ]; then
  echo "building the agent…" >&2
  "${MVN[@]}" -pl agent-dist -am package -DskipTests >&2
fi
JAR=$ROOT/bench/http/target/bench-http-0.1.0-SNAPSHOT.jar
if [ ! -f bench/http/target/otel/opentelemetry-javaagent.jar ] || [ ! -d bench/http/target/lib ] || [ ! -f "$JAR" ] \
   || [ -n "$(find bench/http/src bench/http/pom.xml -newer "$JAR" 2>/dev/null)" ]; then
  echo "building bench/http (Spring Boot 3.2, Spring Cloud 2023.0, OpenTelemetry agent from Maven Central)…" >&2
  "${MVN[@]}" -f bench/http/pom.xml package >&2
fi
OTEL=$ROOT/bench/http/target/otel/opentelemetry-javaagent.jar
# the gateway runs without the servlet stack, A and B without Spring Cloud Gateway (as real deployments do)
class_path() { # jar-name prefixes to leave out, as an extended regex
  local cp=$JAR f
  for f in "$ROOT"/bench/http/target/lib/*.jar; do
    [[ "$(basename "$f")" =~ ^($1) ]] || cp=$cp:$f
  done
  echo "$cp"
}
GATEWAY_CP=$(class_path 'spring-webmvc-|tomcat-|spring-boot-starter-tomcat-|spring-boot-starter-web-')
NODE_CP=$(class_path 'spring-cloud-gateway-|spring-cloud-starter-gateway-')
RUN=$ROOT/bench/http/target/run
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

start_node() { # cfg name class-path main-class args...; appends to PIDS and LOGS
  local cfg=$1 name=$2 cp=$3 main=$4
  shift 4
  local dir=$RUN/$cfg-$round-$name; mkdir -p "$dir"
  # shellcheck disable=SC2046
  java -Xmx256m -Duser.home="$dir" -Djava.io.tmpdir="$dir" $(agent_flags "$cfg") -cp "$cp" \
    "$main" --server.address=127.0.0.1 --spring.main.banner-mode=off --logging.level.root=WARN "$@" \
    > "$dir/console.log" 2>&1 &
  PIDS+=($!)
  LOGS+=("$dir/console.log")
}

await_ready() {
  for _ in $(seq 1 1800); do grep -q READY "$1" 2>/dev/null && return 0; sleep 0.1; done
  echo "not ready: $1" >&2; tail -30 "$1" >&2; exit 1
}

run_config() { # cfg
  local cfg=$1 pg pa pb l
  pg=$(free_port); pa=$(free_port); pb=$(free_port)
  PIDS=(); LOGS=()
  start_node "$cfg" B "$NODE_CP" io.graylane.bench.http.node.NodeMain --role=B --server.port="$pb"
  start_node "$cfg" A "$NODE_CP" io.graylane.bench.http.node.NodeMain --role=A --server.port="$pa" \
    --spring.cloud.discovery.client.simple.instances.svc-b[0].uri=http://127.0.0.1:"$pb"
  start_node "$cfg" gateway "$GATEWAY_CP" io.graylane.bench.http.gateway.GatewayMain --server.port="$pg" \
    --spring.main.web-application-type=reactive \
    --spring.cloud.discovery.client.simple.instances.svc-a[0].uri=http://127.0.0.1:"$pa" \
    --spring.cloud.gateway.routes[0].id=a --spring.cloud.gateway.routes[0].uri=lb://svc-a \
    --spring.cloud.gateway.routes[0].predicates[0]=Path=/**
  for l in "${LOGS[@]}"; do await_ready "$l"; done
  local dir=$RUN/$cfg-$round-client; mkdir -p "$dir"
  local out
  out=$(java -Xmx256m -Duser.home="$dir" -Djava.io.tmpdir="$dir" -cp "$JAR" \
    io.graylane.bench.http.client.HttpBenchClient "$pg" "$WARMUP" "$CALLS" "$THREADS" "$TPUT_SECONDS" \
    "$(IFS=,; echo "${PIDS[*]}")" 2> "$dir/stderr.log" | grep '^RESULT' || true)
  cleanup; wait "${PIDS[@]}" 2>/dev/null || true
  if [ -z "$out" ]; then echo "client failed ($cfg, round $round):" >&2; tail -30 "$dir/stderr.log" >&2; exit 1; fi
  case "$out" in
    *" errors=0 "*) ;;
    *) echo "$cfg round=$round $out" >&2
       echo "calls failed in the measured phases ($cfg, round $round): see $RUN/$cfg-$round-*/console.log" >&2
       exit 1 ;;
  esac
  echo "$cfg round=$round $out load=$(cut -d' ' -f1 /proc/loadavg)" | tee -a "$RESULTS" >&2
}

echo "http-overhead: $ROUNDS rounds × (none, graylane, otel); $CALLS sequential calls, $THREADS threads × ${TPUT_SECONDS}s; load $(cut -d' ' -f1-3 /proc/loadavg)" >&2
for round in $(seq 1 "$ROUNDS"); do
  # rotate the order each round so no configuration always runs first or right after another one
  read -r -a cfgs <<< "${CONFIGS:-none graylane otel}"
  n=${#cfgs[@]}
  for i in $(seq 0 $((n - 1))); do run_config "${cfgs[$(( (i + round - 1) % n ))]}"; done
done
echo "load at the end: $(cut -d' ' -f1-3 /proc/loadavg)" >&2

[ "${CONFIGS:-none graylane otel}" = "none graylane otel" ] || exit 0
python3 - "$RESULTS" <<'PY'
import re, statistics, sys
# rows[cfg][round]; a round's configurations ran back to back: the summary is the median over rounds of the paired
# differences / ratios to that round's no-agent run, each round shown (the spread is the machine's noise)
rows = {}
for line in open(sys.argv[1]):
    cfg = line.split()[0]
    vals = dict(re.findall(r'(\w+)=([\d.]+)', line))
    rows.setdefault(cfg, {})[int(vals.pop('round'))] = {k: float(v) for k, v in vals.items()}
rounds = sorted(rows["none"])
hops = 3
med = statistics.median
print("%-9s %9s %9s %10s %12s %14s" % ("config", "p50 µs", "p99 µs", "mean µs", "calls/s", "CPU µs/call"))
for c in ("none", "graylane", "otel"):
    rs = [rows[c][r] for r in rounds]
    print("%-9s %9.1f %9.1f %10.1f %12.0f %14.1f" % (c, med([x["p50us"] for x in rs]), med([x["p99us"] for x in rs]),
          med([x["meanus"] for x in rs]), med([x["tput"] for x in rs]), med([x["cpuus"] for x in rs])))
def paired(c, f):
    return [f(rows[c][r], rows["none"][r]) for r in rounds]
def show(name, xs, fmt):
    print(("%-34s median " + fmt + "  (rounds: %s)") % (name, med(xs), " ".join(fmt % x for x in xs)))
p50g = paired("graylane", lambda g, n: (g["p50us"] - n["p50us"]) / hops)
p99g = paired("graylane", lambda g, n: (g["p99us"] - n["p99us"]) / hops)
p50o = paired("otel", lambda o, n: (o["p50us"] - n["p50us"]) / hops)
p99o = paired("otel", lambda o, n: (o["p99us"] - n["p99us"]) / hops)
tg = paired("graylane", lambda g, n: g["tput"] / n["tput"])
to = paired("otel", lambda o, n: o["tput"] / n["tput"])
show("per hop added p50, graylane (µs)", p50g, "%+.1f")
show("per hop added p50, otel (µs)", p50o, "%+.1f")
show("per hop added p99, graylane (µs)", p99g, "%+.1f")
show("per hop added p99, otel (µs)", p99o, "%+.1f")
show("throughput ratio, graylane", tg, "%.3f")
show("throughput ratio, otel", to, "%.3f")
show("CPU per call ratio, graylane", paired("graylane", lambda g, n: g["cpuus"] / n["cpuus"]), "%.3f")
show("CPU per call ratio, otel", paired("otel", lambda o, n: o["cpuus"] / n["cpuus"]), "%.3f")
print("http-overhead per-hop-added-median=%.1fus p99-added=%.1fus throughput-ratio=%.3f otel-per-hop-added-median=%.1fus"
      " otel-throughput-ratio=%.3f" % (med(p50g), med(p99g), med(tg), med(p50o), med(to)))
PY
