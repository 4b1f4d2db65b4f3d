# Sourced by bench/startup/node.sh and bench/node-memory.sh (run from the repository root): builds the start-up node
# and the agent, starts the testkit's RocketMQ unless STARTUP_NAMESRV is set, defines node_cmd.
MVN=(mvn -B -ntp -q)
if command -v flock >/dev/null 2>&1; then MVN=(flock /tmp/graylane-mvn.lock "${MVN[@]}"); fi
ROOT=$(pwd)
AGENT_SRC=$ROOT/agent-dist/target/graylane-agent.jar
if [ ! -f "$AGENT_SRC" ]; then
  echo "building the agent…" >&2
  "${MVN[@]}" -o -pl agent-dist -am package -DskipTests >&2
fi
NODE=$ROOT/bench/startup-node
if [ ! -f "$NODE/target/otel/opentelemetry-javaagent.jar" ] || [ ! -d "$NODE/target/lib" ] \
   || [ -n "$(find "$NODE/src" "$NODE/pom.xml" -newer "$NODE/target/bench-startup-node-0.1.0-SNAPSHOT.jar" 2>/dev/null)" ]; then
  echo "building bench/startup-node (Spring Boot 3.4.9, Dubbo 3.3.6, rocketmq-client 5.3.3, OpenTelemetry agent)…" >&2
  "${MVN[@]}" -f "$NODE/pom.xml" package >&2
fi
RUN=$NODE/target/${NODE_RUN_NAME:-run}
rm -rf "$RUN"; mkdir -p "$RUN"
# private copies: a rebuild during the run must not change what is measured
cp "$AGENT_SRC" "$RUN/graylane-agent.jar"; AGENT=$RUN/graylane-agent.jar
cp "$NODE/target/otel/opentelemetry-javaagent.jar" "$RUN/opentelemetry-javaagent.jar"; OTEL=$RUN/opentelemetry-javaagent.jar
CP="$NODE/target/bench-startup-node-0.1.0-SNAPSHOT.jar:$NODE/target/lib/*"
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"

TESTKIT_PID=
stop_testkit() {
  if [ -n "$TESTKIT_PID" ]; then
    kill "$TESTKIT_PID" 2>/dev/null || true
    wait "$TESTKIT_PID" 2>/dev/null || true
  fi
}
if [ -z "${STARTUP_NAMESRV:-}" ]; then
  ENV_FILE=$ROOT/testkit/target/testkit-cli.env
  rm -f "$ENV_FILE"
  testkit/testkit.sh start rocketmq > "$RUN/testkit.log" 2>&1 &
  TESTKIT_PID=$!
  trap stop_testkit EXIT
  for _ in $(seq 1 1200); do
    grep -q '^ROCKETMQ_NAMESRV=' "$ENV_FILE" 2>/dev/null && break
    kill -0 "$TESTKIT_PID" 2>/dev/null || { echo "testkit did not start:" >&2; tail -30 "$RUN/testkit.log" >&2; exit 1; }
    sleep 0.1
  done
  STARTUP_NAMESRV=$(sed -n 's/^ROCKETMQ_NAMESRV=//p' "$ENV_FILE" | tr -d "\"'")
  [ -n "$STARTUP_NAMESRV" ] || { echo "no name server address from the testkit" >&2; exit 1; }
fi

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

agent_flags() { # cfg [graylane agent options]
  case "$1" in
    none) ;;
    graylane) echo "-javaagent:$AGENT${2:+=$2}" ;;
    otel) echo "-javaagent:$OTEL -Dotel.traces.exporter=none -Dotel.metrics.exporter=none -Dotel.logs.exporter=none -Dotel.service.name=startup-node -Dotel.javaagent.logging=none" ;;
  esac
}

# node_cmd DIR CFG [extra JVM flags...]: the node's command line (a fresh Dubbo port, its own user.home)
node_cmd() {
  local dir=$1 cfg=$2; shift 2
  mkdir -p "$dir"
  # shellcheck disable=SC2046
  echo "$JAVA" -Xmx512m -Duser.home="$dir" -Djava.io.tmpdir="$dir" -Drocketmq.client.logRoot="$dir/logs" \
    $(agent_flags "$cfg" "${GRAYLANE_OPTS:-}") "$@" -Dstartup.namesrv="$STARTUP_NAMESRV" \
    -Dstartup.dubbo.port="$(free_port)" -cp "$CP" io.graylane.bench.node.StartupNode
}
