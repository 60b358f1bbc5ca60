#!/usr/bin/env bash
# Starts (and stops) the infrastructure Lotbridge runs on, without Docker:
#   - Apache Kafka 4.1.1 (one KRaft broker+controller) from Maven Central jars,
#   - Apicurio Registry 3.3.3 (Confluent-compatible schema registry API) from Maven Central,
#   - PostgreSQL (must be installed; started when stopped), one database schema per service,
#     Prisma migrations applied and Prisma clients generated.
# Downloads are cached in $LOTBRIDGE_CACHE (default ~/.cache/lotbridge) and never repeated.
# Runtime state (logs, data, pid files, env) lives in <repo>/.run.
#
# usage: scripts/infra.sh up|down|status
# Point at servers that already run instead: KAFKA_BROKERS, SCHEMA_REGISTRY_URL, DATABASE_URL.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CACHE="${LOTBRIDGE_CACHE:-$HOME/.cache/lotbridge}"
RUN="$ROOT/.run"
KAFKA_VERSION=4.1.1
# Ports chosen at the first `up` stay this checkout's until `rm -rf .run` (later calls need not repeat them).
# shellcheck source=/dev/null
[[ -f "$RUN/ports" ]] && source "$RUN/ports"
KAFKA_PORT="${LOTBRIDGE_KAFKA_PORT:-19092}"
KAFKA_CONTROLLER_PORT="${LOTBRIDGE_KAFKA_CONTROLLER_PORT:-19093}"
REGISTRY_PORT="${LOTBRIDGE_REGISTRY_PORT:-18081}"
REGISTRY_MANAGEMENT_PORT="${LOTBRIDGE_REGISTRY_MANAGEMENT_PORT:-18082}"
MVN_DEPENDENCY_PLUGIN=org.apache.maven.plugins:maven-dependency-plugin:3.6.1

log() { printf '[infra] %s\n' "$*" >&2; }
die() { printf '[infra] ERROR: %s\n' "$*" >&2; exit 1; }

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# Prints the pid in $RUN/<name>.pid when that process is alive.
running_pid() {
  local pidfile="$RUN/$1.pid"
  [[ -f "$pidfile" ]] || return 1
  local pid; pid="$(cat "$pidfile")"
  kill -0 "$pid" 2>/dev/null && echo "$pid"
}

wait_until() { # <seconds> <description> <command...>
  local deadline=$((SECONDS + $1)) what="$2"; shift 2
  until "$@"; do
    ((SECONDS < deadline)) || return 1
    sleep 0.25
  done
  log "$what"
}

java_major() { "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = \([0-9]*\).*/\1/p'; }

# Finds a java binary of at least the given major version: JAVA_HOME, then PATH, then /usr/lib/jvm/*.
find_java() {
  local min="$1" candidate
  for candidate in ${JAVA_HOME:+"$JAVA_HOME/bin/java"} "$(command -v java || true)" /usr/lib/jvm/*/bin/java; do
    [[ -n "$candidate" && -x "$candidate" ]] || continue
    local major; major="$(java_major "$candidate")"
    if [[ -n "$major" ]] && ((major >= min)); then echo "$candidate"; return 0; fi
  done
  return 1
}

require_mvn() { command -v mvn >/dev/null || die "Apache Maven (mvn) is needed once to fetch $1 from Maven Central: apt-get install maven"; }

# ---------------------------------------------------------------- Kafka
kafka_libs() {
  local libs="$CACHE/kafka-$KAFKA_VERSION/libs"
  if [[ ! -f "$libs/.complete" ]]; then
    require_mvn "the Kafka broker"
    log "fetching Kafka $KAFKA_VERSION jars from Maven Central into $libs (once)"
    rm -rf "$libs"
    mvn -B -q -f "$ROOT/infra/kafka/pom.xml" "$MVN_DEPENDENCY_PLUGIN:copy-dependencies" \
      -DincludeScope=runtime -DoutputDirectory="$libs" >&2
    touch "$libs/.complete"
  fi
  echo "$libs"
}

kafka_up() {
  if [[ -n "${KAFKA_BROKERS:-}" ]]; then log "using Kafka at $KAFKA_BROKERS (KAFKA_BROKERS is set)"; return; fi
  if running_pid kafka >/dev/null; then log "Kafka already running on 127.0.0.1:$KAFKA_PORT"; return; fi
  port_open "$KAFKA_PORT" && die "port $KAFKA_PORT is taken by a process this checkout did not start; stop it, or set KAFKA_BROKERS to use it, or LOTBRIDGE_KAFKA_PORT to pick another port"
  local java; java="$(find_java 17)" || die "Kafka $KAFKA_VERSION needs Java 17 or newer: apt-get install openjdk-17-jre-headless"
  local libs; libs="$(kafka_libs)"
  local dir="$RUN/kafka"
  mkdir -p "$dir/data"
  sed -e "s#@KAFKA_PORT@#$KAFKA_PORT#g" -e "s#@CONTROLLER_PORT@#$KAFKA_CONTROLLER_PORT#g" -e "s#@DATA_DIR@#$dir/data#g" \
    "$ROOT/infra/kafka/server.properties" > "$dir/server.properties"
  local opts=(-Xms128m -Xmx512m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:+ExitOnOutOfMemoryError
    -Djava.awt.headless=true "-Dlog4j2.configurationFile=$ROOT/infra/kafka/log4j2.properties")
  if [[ ! -f "$dir/data/meta.properties" ]]; then
    touch "$RUN/kafka.fresh"
    "$java" "${opts[@]}" -cp "$libs/*" kafka.tools.StorageTool format \
      -t "$(cat "$ROOT/infra/kafka/cluster-id")" -c "$dir/server.properties" > "$dir/format.log" 2>&1 \
      || die "formatting the Kafka log directory failed, see $dir/format.log"
  fi
  nohup "$java" "${opts[@]}" -cp "$libs/*" kafka.Kafka "$dir/server.properties" > "$dir/server.log" 2>&1 &
  echo $! > "$RUN/kafka.pid"
  log "Kafka starting (pid $!, log $dir/server.log)"
}

kafka_ready() { grep -q 'Kafka Server started' "$RUN/kafka/server.log" 2>/dev/null && port_open "$KAFKA_PORT"; }

# ---------------------------------------------------------------- schema registry
# Apicurio 3.x needs Java 21+. Where none is found the 2.6 line, which runs on Java 17, is used instead.
registry_up() {
  if [[ -n "${SCHEMA_REGISTRY_URL:-}" ]]; then log "using the schema registry at $SCHEMA_REGISTRY_URL (SCHEMA_REGISTRY_URL is set)"; return; fi
  if running_pid registry >/dev/null; then log "schema registry already running on 127.0.0.1:$REGISTRY_PORT"; return; fi
  port_open "$REGISTRY_PORT" && die "port $REGISTRY_PORT is taken by a process this checkout did not start; stop it, or set SCHEMA_REGISTRY_URL, or LOTBRIDGE_REGISTRY_PORT"
  local java version jar
  if java="$(find_java 21)"; then
    version=3.3.3; jar=quarkus-run.jar
  else
    java="$(find_java 17)" || die "the schema registry needs Java 17 or newer (21 or newer for Apicurio 3.x)"
    version=2.6.13.Final; jar=apicurio-registry-app-2.6.13.Final-runner.jar
    log "no Java 21+ found (JAVA_HOME, PATH, /usr/lib/jvm): using Apicurio Registry $version on $java"
  fi
  local home="$CACHE/apicurio-$version"
  if [[ ! -f "$home/.complete" ]]; then
    require_mvn "Apicurio Registry"
    log "fetching Apicurio Registry $version from Maven Central into $home (once)"
    rm -rf "$home"; mkdir -p "$home"
    mvn -B -q "$MVN_DEPENDENCY_PLUGIN:copy" -Dartifact="io.apicurio:apicurio-registry-app:$version:tar.gz:all" \
      -DoutputDirectory="$home" >&2
    tar -xzf "$home/apicurio-registry-app-$version-all.tar.gz" -C "$home"
    rm "$home/apicurio-registry-app-$version-all.tar.gz"
    touch "$home/.complete"
  fi
  local app; app="$(find "$home" -maxdepth 2 -name "$jar" | head -1)"
  [[ -n "$app" ]] || die "$jar not found under $home; delete that folder to fetch it again"
  mkdir -p "$RUN/registry"
  echo "$version" > "$RUN/registry/version"
  # Schemas are kept on disk beside the broker's data (H2 file, default is in memory): records already on Kafka
  # name schema ids that must still resolve after a restart.
  local storage=(-Dapicurio.datasource.url="jdbc:h2:file:$RUN/registry/data/registry")
  [[ $version == 2.* ]] && storage=(-Dregistry.datasource.url="jdbc:h2:file:$RUN/registry/data/registry")
  nohup "$java" -Xms64m -Xmx384m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 \
    -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port="$REGISTRY_PORT" \
    -Dquarkus.management.host=127.0.0.1 -Dquarkus.management.port="$REGISTRY_MANAGEMENT_PORT" \
    "${storage[@]}" -jar "$app" > "$RUN/registry/server.log" 2>&1 &
  echo $! > "$RUN/registry.pid"
  log "Apicurio Registry $version starting (pid $!, log $RUN/registry/server.log)"
}

registry_ready() {
  local url="http://127.0.0.1:$REGISTRY_MANAGEMENT_PORT/health/ready"
  [[ "$(cat "$RUN/registry/version" 2>/dev/null)" == 2.* ]] && url="http://127.0.0.1:$REGISTRY_PORT/health/ready"
  curl -fs -o /dev/null "$url"
}

# ---------------------------------------------------------------- PostgreSQL
postgres_up() {
  if [[ -n "${DATABASE_URL:-}" ]]; then log "using PostgreSQL at ${DATABASE_URL%%\?*} (DATABASE_URL is set)"; return; fi
  if pg_ready; then return; fi
  local cluster
  if command -v pg_ctlcluster >/dev/null && cluster="$(ls /etc/postgresql 2>/dev/null | sort -V | tail -1)" && [[ -n "$cluster" ]]; then
    log "PostgreSQL $cluster is installed but not running: starting it"
    pg_ctlcluster --skip-systemctl-redirect "$cluster" main start
    echo "$cluster" > "$RUN/postgres.started"
    wait_until 30 "PostgreSQL is up" pg_ready || die "PostgreSQL $cluster did not start; see /var/log/postgresql"
  else
    die "PostgreSQL is not running on 127.0.0.1:5432 and not installed: apt-get install postgresql (15 or newer, trust or password auth for user postgres), or set DATABASE_URL to a server you have"
  fi
}

pg_ready() {
  if command -v pg_isready >/dev/null; then pg_isready -q -h 127.0.0.1 -p 5432; else port_open 5432; fi
}

# ---------------------------------------------------------------- commands
# Each checkout has its own Kafka (.run/kafka) and so its own database: the database holds state derived from
# that Kafka's topics and consumer offsets, and two checkouts sharing one would corrupt each other's stock.
checkout_database() { echo "lotbridge_$(printf '%s' "$ROOT" | sha256sum | cut -c1-8)"; }

write_env() {
  cat > "$RUN/ports" <<EOF
LOTBRIDGE_KAFKA_PORT=\${LOTBRIDGE_KAFKA_PORT:-$KAFKA_PORT}
LOTBRIDGE_KAFKA_CONTROLLER_PORT=\${LOTBRIDGE_KAFKA_CONTROLLER_PORT:-$KAFKA_CONTROLLER_PORT}
LOTBRIDGE_REGISTRY_PORT=\${LOTBRIDGE_REGISTRY_PORT:-$REGISTRY_PORT}
LOTBRIDGE_REGISTRY_MANAGEMENT_PORT=\${LOTBRIDGE_REGISTRY_MANAGEMENT_PORT:-$REGISTRY_MANAGEMENT_PORT}
EOF
  cat > "$RUN/env" <<EOF
KAFKA_BROKERS=${KAFKA_BROKERS:-127.0.0.1:$KAFKA_PORT}
SCHEMA_REGISTRY_URL=${SCHEMA_REGISTRY_URL:-http://127.0.0.1:$REGISTRY_PORT/apis/ccompat/v7}
DATABASE_URL=${DATABASE_URL:-postgresql://postgres@127.0.0.1:5432/$(checkout_database)}
EOF
}

up() {
  local caller_database="${DATABASE_URL:-}"
  mkdir -p "$RUN" "$CACHE"
  local t0=$SECONDS
  # Both JVMs start in the background while PostgreSQL and the database are prepared.
  kafka_up
  registry_up
  postgres_up
  write_env
  set -a; source "$RUN/env"; set +a
  # A new broker means new topics: state derived from the old ones (our database) goes with them, unless the
  # database is one the caller brought (DATABASE_URL set).
  if [[ -f "$RUN/kafka.fresh" && -z "$caller_database" ]]; then
    log "new Kafka log directory: recreating the database so that it matches the (empty) topics"
    node "$ROOT/scripts/db.js" recreate
  else
    node "$ROOT/scripts/db.js" setup
  fi
  rm -f "$RUN/kafka.fresh"
  if running_pid kafka >/dev/null; then
    wait_until 90 "Kafka is accepting clients on 127.0.0.1:$KAFKA_PORT" kafka_ready \
      || die "Kafka did not start within 90 s; see $RUN/kafka/server.log"
  fi
  if running_pid registry >/dev/null; then
    wait_until 90 "schema registry is ready at $SCHEMA_REGISTRY_URL" registry_ready \
      || die "the schema registry did not start within 90 s; see $RUN/registry/server.log"
  fi
  log "infrastructure up in $((SECONDS - t0)) s; settings in .run/env"
}

stop_pid() { # <name>
  local pid
  pid="$(running_pid "$1")" || { rm -f "$RUN/$1.pid"; return 0; }
  kill -TERM "$pid"
  local deadline=$((SECONDS + 20))
  while kill -0 "$pid" 2>/dev/null; do
    if ((SECONDS > deadline)); then kill -KILL "$pid"; break; fi
    sleep 0.2
  done
  rm -f "$RUN/$1.pid"
  log "stopped $1 (pid $pid)"
}

down() {
  stop_pid registry
  stop_pid kafka
  if [[ -f "$RUN/postgres.started" ]]; then
    pg_ctlcluster --skip-systemctl-redirect "$(cat "$RUN/postgres.started")" main stop && log "stopped PostgreSQL (this script had started it)"
    rm -f "$RUN/postgres.started"
  fi
}

status() {
  local name
  for name in kafka registry; do
    if pid="$(running_pid "$name")"; then echo "$name: running (pid $pid)"; else echo "$name: stopped"; fi
  done
  if pg_ready; then echo "postgres: accepting connections on 127.0.0.1:5432"; else echo "postgres: not reachable"; fi
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  status) status ;;
  *) echo "usage: $0 up|down|status" >&2; exit 2 ;;
esac
