#!/usr/bin/env bash
# The closed-loop demo: real Nacos + RocketMQ + ZooKeeper + MariaDB, a Spring Boot gateway → web (HTTP: OpenFeign,
# Spring Cloud LoadBalancer, Nacos discovery) → A → B → C (Dubbo) → RocketMQ → A → B, and an LTS job per order
# (A → JobTracker → TaskTracker in C) plus a cron job, with web, A and C also running as gray instances, every application started with -javaagent:graylane-agent.jar and nothing
# graylane-specific in its code. Prints the path every request class took and, as its last line,
# "CLOSED LOOP: PASS" (exit 0) or "CLOSED LOOP: FAIL" with the reasons (exit 1).
#   ./demo.sh            run, check, stop everything (builds first only when the build is missing or stale)
#   ./demo.sh --keep     leave everything up (Nacos console URL printed) until Enter or Ctrl-C
#   ./demo.sh --rebuild  rebuild graylane and the demo first
# After `mvn verify` the demo runs what that build produced. It rebuilds (mvn package, never install) when an output
# is missing or when a main source file or a pom.xml of a module the demo runs is newer than the build's output.
set -euo pipefail
cd "$(dirname "$0")"
args=()
rebuild=false
for a in "$@"; do
  case "$a" in
    --rebuild) rebuild=true ;;
    *) args+=("$a") ;;
  esac
done
AGENT_JAR=agent-dist/target/graylane-agent.jar
CP_FILE=demo-apps/target/demo-classpath.txt
AGENT_MODULES=(agent-bootstrap rules-engine agent-core plugin-* agent-dist)
DEMO_MODULES=(rules-engine testkit demo-apps)

# The first main source or pom.xml under the given paths that is newer than the reference file, if any.
newer_source() {
  local ref=$1
  shift
  find "$@" \( -path '*/src/main/*' -o -name pom.xml \) -not -path '*/target/*' -type f -newer "$ref" \
    -print -quit 2>/dev/null
}

# Why a build is needed (empty: the outputs exist and are fresh).
build_needed() {
  local m jar
  [ -f "$AGENT_JAR" ] || { echo "no $AGENT_JAR"; return; }
  [ -f "$CP_FILE" ] || { echo "no $CP_FILE"; return; }
  for d in demo-apps/target/classes testkit/target/nacos-lib testkit/target/rocketmq-lib testkit/target/zookeeper-lib \
      testkit/target/mariadb-dist; do
    [ -d "$d" ] || { echo "no $d"; return; }
  done
  local changed
  # the shaded agent jar is rewritten by every build of agent-dist: it dates the build (the parent pom included)
  changed=$(newer_source "$AGENT_JAR" pom.xml "${AGENT_MODULES[@]}")
  [ -z "$changed" ] || { echo "$changed is newer than $AGENT_JAR"; return; }
  for m in "${DEMO_MODULES[@]}"; do
    jar=$(ls "$m"/target/"$m"-*.jar 2>/dev/null | grep -v -- '-tests\.jar$' | head -n 1 || true)
    [ -n "$jar" ] || { echo "no $m jar"; return; }
    # a module's jar is rewritten when its classes, resources or pom.xml changed
    changed=$(newer_source "$jar" "$m")
    [ -z "$changed" ] || { echo "$changed is newer than $jar"; return; }
  done
}

reason=$($rebuild && echo "--rebuild" || build_needed)
if [ -n "$reason" ]; then
  echo "building graylane and the demo applications ($reason; first time on a fresh machine: several minutes)…"
  mvn -B -ntp -q -DskipTests package -pl demo-apps,agent-dist -am
  reason=$(build_needed)
  if [ -n "$reason" ]; then
    echo "the build finished but the demo's outputs still look older than the sources: $reason" >&2
    exit 1
  fi
fi
exec java -Xmx256m -Ddemo.repo="$PWD" -cp "$PWD/demo-apps/target/classes:$(cat "$CP_FILE")" \
  io.graylane.demo.DemoRunner "${args[@]+"${args[@]}"}"
