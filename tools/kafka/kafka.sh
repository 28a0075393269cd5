#!/usr/bin/env bash
# Local single-node Apache Kafka broker (KRaft, combined broker+controller) for dev and e2e tests.
# No Docker: the broker jars come from Maven Central (tools/kafka/pom.xml) and run with `java`.
#
#   bash tools/kafka/kafka.sh start    fetch jars if needed, format storage if needed, start, wait for 127.0.0.1:9092
#   bash tools/kafka/kafka.sh stop     SIGTERM, wait up to 15 s, then SIGKILL (data is kept)
#   bash tools/kafka/kafka.sh status   print running / not running (always exits 0)
#   bash tools/kafka/kafka.sh reset    stop and delete the data dir (the jar cache is kept)
#   bash tools/kafka/kafka.sh logs     print the tail of the broker log
#
# Paths (relative to the repo root):
#   .cache/kafka/libs/          broker runtime jars (fetched once by mvn)
#   .data/kafka/data/           KRaft metadata + topic data (survives stop/start)
#   .data/kafka/server.properties, .data/kafka/kafka.pid, .data/kafka/logs/kafka.out
#
# Env: KAFKA_HEAP_OPTS (default "-Xms128m -Xmx512m"), KAFKA_OPTS (extra JVM options),
#      KAFKA_START_TIMEOUT (seconds, default 90), KAFKA_CDS=0 (no class-data-sharing archive),
#      KAFKA_PORT / KAFKA_CONTROLLER_PORT (default 9092 / 9093).
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
REPO_ROOT="$(cd "$SCRIPT_DIR/../.." && pwd -P)"

POM="$SCRIPT_DIR/pom.xml"
LOG4J_CONF="$SCRIPT_DIR/log4j2.properties"
CACHE_DIR="$REPO_ROOT/.cache/kafka"
LIBS_DIR="$CACHE_DIR/libs"
STATE_DIR="$REPO_ROOT/.data/kafka"
DATA_DIR="$STATE_DIR/data"
LOG_DIR="$STATE_DIR/logs"
LOG_FILE="$LOG_DIR/kafka.out"
CONF_FILE="$STATE_DIR/server.properties"
PID_FILE="$STATE_DIR/kafka.pid"
LOCK_FILE="$STATE_DIR/.lock"

HOST=127.0.0.1
BROKER_PORT="${KAFKA_PORT:-9092}"
CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-9093}"
START_TIMEOUT="${KAFKA_START_TIMEOUT:-90}"
STOP_TIMEOUT=15
JVM_ARGS=()

KAFKA_VERSION="$(sed -n 's:.*<kafka.version>\(.*\)</kafka.version>.*:\1:p' "$POM" | head -n1)"

log() { printf 'kafka: %s\n' "$*"; }
die() { printf 'kafka: ERROR: %s\n' "$*" >&2; exit 1; }

show_log_tail() {
  local file="${1:-$LOG_FILE}" n="${2:-40}"
  if [[ -s "$file" ]]; then
    printf -- '----- last %s lines of %s -----\n' "$n" "$file" >&2
    tail -n "$n" "$file" >&2
    printf -- '-----\n' >&2
  fi
}

# --- process / port helpers -------------------------------------------------------------------

port_open() { # port_open <port>: true if something accepts TCP connections on $HOST:<port>
  timeout 2 bash -c "exec 3<>/dev/tcp/$HOST/$1" 2>/dev/null
}

is_our_broker() { # is_our_broker <pid>: alive and is kafka.Kafka with our server.properties
  local pid="$1" cmd
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  kill -0 "$pid" 2>/dev/null || return 1
  cmd="$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null)" || return 1
  [[ "$cmd" == *"kafka.Kafka $CONF_FILE"* ]]
}

broker_pid() { # prints the pid of our running broker, or nothing
  local pid=""
  [[ -f "$PID_FILE" ]] && pid="$(tr -dc '0-9' <"$PID_FILE")"
  if [[ -n "$pid" ]] && is_our_broker "$pid"; then
    echo "$pid"
    return 0
  fi
  # pid file missing/stale: look for a broker started with our config (exact path match).
  for pid in $(pgrep -f -- "kafka.Kafka $CONF_FILE" 2>/dev/null || true); do
    if is_our_broker "$pid"; then
      echo "$pid" >"$PID_FILE"
      echo "$pid"
      return 0
    fi
  done
  return 0
}

with_lock() { # serialize start/stop/reset between concurrent callers
  local i
  for i in 1 2 3 4 5; do
    mkdir -p "$STATE_DIR"
    exec 9>>"$LOCK_FILE"
    flock -w 180 9 || die "could not acquire $LOCK_FILE (another kafka.sh still running?)"
    # Still the file at that path (not deleted/replaced while we waited)? Then we own the lock.
    [[ /dev/fd/9 -ef "$LOCK_FILE" ]] && return 0
    exec 9>&-
  done
  die "could not acquire $LOCK_FILE (it keeps being deleted)"
}

# --- jars --------------------------------------------------------------------------------------

pom_hash() { sha256sum "$POM" | cut -d' ' -f1; }

jars_cached() {
  [[ -f "$LIBS_DIR/.complete" && "$(cat "$LIBS_DIR/.complete")" == "$(pom_hash)" ]] &&
    compgen -G "$LIBS_DIR/kafka_2.13-$KAFKA_VERSION.jar" >/dev/null
}

fetch_jars() {
  jars_cached && return 0
  command -v mvn >/dev/null || die "mvn not found; it is needed once to fetch the Kafka jars into $LIBS_DIR"
  log "fetching Kafka $KAFKA_VERSION jars from Maven Central into ${LIBS_DIR#"$REPO_ROOT"/} (one-off) ..."
  mkdir -p "$CACHE_DIR"
  local tmp="$CACHE_DIR/libs.tmp.$$" mvn_log="$CACHE_DIR/mvn.log"
  rm -rf "$tmp"
  if ! mvn -B -q -f "$POM" dependency:copy-dependencies "-Dkafka.libs.dir=$tmp" >"$mvn_log" 2>&1; then
    rm -rf "$tmp"
    show_log_tail "$mvn_log" 40
    die "mvn could not fetch the Kafka jars (full log: $mvn_log). After a network error, retry with: mvn -U -f $POM dependency:copy-dependencies"
  fi
  if [[ ! -f "$tmp/kafka_2.13-$KAFKA_VERSION.jar" ]] || ! compgen -G "$tmp/log4j-slf4j-impl-*.jar" >/dev/null; then
    rm -rf "$tmp"
    die "jar download incomplete (kafka_2.13-$KAFKA_VERSION.jar or log4j-slf4j-impl missing); see $mvn_log"
  fi
  pom_hash >"$tmp/.complete"
  rm -rf "$LIBS_DIR"
  mv "$tmp" "$LIBS_DIR"
  rm -f "$CACHE_DIR"/kafka-*.jsa # a CDS archive is only valid for the exact jar files it was made from
}

# --- config / storage --------------------------------------------------------------------------

write_config() {
  mkdir -p "$DATA_DIR" "$LOG_DIR"
  cat >"$CONF_FILE.tmp" <<EOF
# Generated by tools/kafka/kafka.sh on every start - edit the script, not this file.
# Single-node KRaft: this process is broker and controller.
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@$HOST:$CONTROLLER_PORT
controller.listener.names=CONTROLLER
listeners=PLAINTEXT://$HOST:$BROKER_PORT,CONTROLLER://$HOST:$CONTROLLER_PORT
advertised.listeners=PLAINTEXT://$HOST:$BROKER_PORT
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT

log.dirs=$DATA_DIR

# Single node: every replication factor / ISR must be 1 (defaults 3 / 2 break groups and transactions).
default.replication.factor=1
min.insync.replicas=1
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
# Fewer internal partitions => faster first FindCoordinator / InitProducerId (defaults are 50).
offsets.topic.num.partitions=1
transaction.state.log.num.partitions=1

# Fast consumer groups in tests: no 3 s initial rebalance delay; allow sessionTimeout down to 1 s.
group.initial.rebalance.delay.ms=0
group.min.session.timeout.ms=1000

# After a crash (kill -9) the restarted broker cannot register until the controller has expired the
# old registration (broker.session.timeout.ms, default 9000): shorter values make that ~4 s instead of ~10 s.
broker.heartbeat.interval.ms=500
broker.session.timeout.ms=4000

# Topics must be created explicitly (kafkajs admin.createTopics with waitForLeaders).
num.partitions=1
auto.create.topics.enable=false
delete.topic.enable=true

# Small box.
num.network.threads=2
num.io.threads=2
num.recovery.threads.per.data.dir=1
background.threads=2
# __consumer_offsets is compacted: keep the cleaner, but with a small dedupe buffer (default 128 MB of heap).
log.cleaner.threads=1
log.cleaner.dedupe.buffer.size=8388608
EOF
  mv "$CONF_FILE.tmp" "$CONF_FILE"
}

is_formatted() { [[ -f "$DATA_DIR/meta.properties" ]]; }

new_cluster_id() { # 16 random bytes, base64url without padding (Kafka Uuid string); no leading '-' (CLI would read it as a flag)
  local id
  while :; do
    id="$(head -c16 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n')"
    [[ ${#id} -eq 22 && "$id" != -* ]] && break
  done
  echo "$id"
}

java_opts() {
  # shellcheck disable=SC2206 # word splitting of the env options is intended
  JVM_ARGS=(${KAFKA_HEAP_OPTS:--Xms128m -Xmx512m} -XX:+UseSerialGC -Djava.awt.headless=true
    "-Dlog4j2.configurationFile=$LOG4J_CONF" "-Dkafka.logs.dir=$LOG_DIR" ${KAFKA_OPTS:-}
    -cp "$LIBS_DIR/*")
}

# --- AppCDS (class-data sharing) -----------------------------------------------------------------
# Roughly halves the broker's start time (about 4 s -> 2 s on 2 vCPUs). Java 17 has no
# -XX:+AutoCreateSharedArchive, so: the first broker run after a jar fetch is started with
# -XX:ArchiveClassesAtExit (the JVM writes the archive when it exits, which makes that one stop take
# a few seconds longer); later runs use -XX:SharedArchiveFile. The archive is keyed on pom.xml and
# the JVM build; if it does not match, the JVM just runs without it. KAFKA_CDS=0 disables all this.
CDS_PENDING="$STATE_DIR/cds.pending"

cds_file() {
  local key
  key="$( (pom_hash; readlink -f "$(command -v java)"; java -version 2>&1) | sha256sum | cut -c1-16)"
  echo "$CACHE_DIR/kafka-$key.jsa"
}

cds_opts() { # appends CDS options to JVM_ARGS for the broker JVM
  [[ "${KAFKA_CDS:-1}" == 0 ]] && return 0
  local file
  file="$(cds_file)"
  rm -f "$CDS_PENDING" "$CACHE_DIR"/*.jsa.tmp
  if [[ -s "$file" ]]; then
    JVM_ARGS+=("-XX:SharedArchiveFile=$file")
  else
    rm -f "$CACHE_DIR"/kafka-*.jsa
    JVM_ARGS+=("-XX:ArchiveClassesAtExit=$file.tmp" "-Xlog:cds*=error")
    echo "$file" >"$CDS_PENDING"
  fi
}

cds_finish() { # cds_finish <clean-exit 0|1>: after the broker exited, keep or drop a freshly dumped archive
  [[ -f "$CDS_PENDING" ]] || return 0
  local file
  file="$(cat "$CDS_PENDING")"
  # Keep it only if the JVM exited cleanly and can actually map it (-Xshare:on fails on any mismatch;
  # a truncated archive would crash the JVM, so it must never be used).
  if [[ "$1" == 1 && -s "$file.tmp" ]] &&
    java -Xshare:on "-XX:SharedArchiveFile=$file.tmp" -XX:ErrorFile=/dev/null -XX:-CreateCoredumpOnCrash \
      -cp "$LIBS_DIR/*" -version >/dev/null 2>&1; then
    mv -f "$file.tmp" "$file"
  else
    rm -f "$file.tmp"
  fi
  rm -f "$CDS_PENDING"
}

format_storage() {
  is_formatted && return 0
  # Unformatted leftovers are worthless: start from an empty dir.
  rm -rf "$DATA_DIR"
  mkdir -p "$DATA_DIR"
  local cid out
  cid="$(new_cluster_id)"
  java_opts
  if ! out="$(java "${JVM_ARGS[@]}" kafka.tools.StorageTool format -t "$cid" -c "$CONF_FILE" 2>&1)"; then
    printf '%s\n' "$out" >&2
    die "formatting $DATA_DIR failed"
  fi
  printf '%s\n' "$out" >"$LOG_DIR/format.log"
  echo "$cid" >"$STATE_DIR/cluster.id"
  log "formatted ${DATA_DIR#"$REPO_ROOT"/} (cluster id $cid)"
}

# --- commands ----------------------------------------------------------------------------------

wait_ready() { # wait_ready <pid>
  local pid="$1" deadline=$((SECONDS + START_TIMEOUT))
  while ((SECONDS < deadline)); do
    if ! kill -0 "$pid" 2>/dev/null; then
      rm -f "$PID_FILE"
      show_log_tail
      if [[ "${JVM_ARGS[*]}" == *SharedArchiveFile* ]]; then
        rm -f "$CACHE_DIR"/kafka-*.jsa # rule out the CDS archive next time
        die "broker (pid $pid) exited during startup (CDS archive deleted; try again, or set KAFKA_CDS=0); log: $LOG_FILE"
      fi
      die "broker (pid $pid) exited during startup; log: $LOG_FILE"
    fi
    port_open "$BROKER_PORT" && return 0
    sleep 0.2
  done
  show_log_tail
  die "broker (pid $pid) did not open $HOST:$BROKER_PORT within ${START_TIMEOUT}s (still running; 'kafka.sh stop' to kill it); log: $LOG_FILE"
}

cmd_start() {
  command -v java >/dev/null || die "java not found (Java 17+ required)"
  with_lock
  local pid
  pid="$(broker_pid)"
  if [[ -n "$pid" ]]; then
    if port_open "$BROKER_PORT"; then
      log "already running (pid $pid), listening on $HOST:$BROKER_PORT"
      return 0
    fi
    log "already starting (pid $pid), waiting for $HOST:$BROKER_PORT ..."
    wait_ready "$pid"
    log "listening on $HOST:$BROKER_PORT"
    return 0
  fi
  rm -f "$PID_FILE"
  for p in "$BROKER_PORT" "$CONTROLLER_PORT"; do
    if port_open "$p"; then
      die "port $HOST:$p is already in use by another process (not this repo's broker): $(ss -ltnpH "sport = :$p" 2>/dev/null | head -n1)"
    fi
  done

  fetch_jars
  write_config
  format_storage

  mkdir -p "$LOG_DIR"
  [[ -f "$LOG_FILE" ]] && mv -f "$LOG_FILE" "$LOG_FILE.1"
  java_opts
  cds_opts
  # New session (setsid) + nohup: survives the calling shell / terminal. The inner shell writes its
  # own pid and then execs java, so the pid file holds the JVM's pid. fd 9 (the lock) is not inherited.
  setsid nohup bash -c 'echo $$ >"$0"; exec "$@"' "$PID_FILE" \
    java "${JVM_ARGS[@]}" kafka.Kafka "$CONF_FILE" </dev/null >"$LOG_FILE" 2>&1 9>&- &
  local deadline=$((SECONDS + 10))
  until [[ -s "$PID_FILE" ]]; do
    ((SECONDS < deadline)) || die "broker process did not start (no pid file)"
    sleep 0.05
  done
  pid="$(tr -dc '0-9' <"$PID_FILE")"
  wait_ready "$pid"
  log "listening on $HOST:$BROKER_PORT"
}

stop_broker() {
  local pid
  pid="$(broker_pid)"
  if [[ -z "$pid" ]]; then
    rm -f "$PID_FILE"
    log "not running"
    return 0
  fi
  # A JVM that writes its CDS archive at exit needs a few more seconds.
  local timeout="$STOP_TIMEOUT" clean=1
  [[ -f "$CDS_PENDING" ]] && timeout=$((STOP_TIMEOUT + 45))
  kill -TERM "$pid" 2>/dev/null || true
  local deadline=$((SECONDS + timeout))
  while kill -0 "$pid" 2>/dev/null && ((SECONDS < deadline)); do sleep 0.1; done
  if kill -0 "$pid" 2>/dev/null; then
    log "pid $pid did not exit within ${timeout}s after SIGTERM, sending SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
    while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
    clean=0
  fi
  cds_finish "$clean"
  rm -f "$PID_FILE"
  log "stopped (pid $pid)"
}

cmd_stop() {
  with_lock
  stop_broker
}

cmd_status() {
  local pid
  pid="$(broker_pid)"
  if [[ -z "$pid" ]]; then
    log "not running"
  elif port_open "$BROKER_PORT"; then
    log "running (pid $pid), listening on $HOST:$BROKER_PORT, Kafka $KAFKA_VERSION"
  else
    log "running (pid $pid) but not (yet) listening on $HOST:$BROKER_PORT"
  fi
  return 0
}

cmd_reset() {
  with_lock
  stop_broker
  rm -rf "$DATA_DIR" "$CONF_FILE" "$STATE_DIR/cluster.id"
  log "deleted ${DATA_DIR#"$REPO_ROOT"/} (jar cache in ${LIBS_DIR#"$REPO_ROOT"/} kept)"
}

cmd_logs() {
  if [[ -f "$LOG_FILE" ]]; then tail -n "${1:-100}" "$LOG_FILE"; else log "no log yet ($LOG_FILE)"; fi
}

usage() {
  cat <<EOF
usage: $(basename "$0") start|stop|status|reset|logs
  start   start the local Kafka $KAFKA_VERSION broker on $HOST:$BROKER_PORT (fetches jars / formats storage on first use)
  stop    stop it (SIGTERM, SIGKILL after ${STOP_TIMEOUT}s); topics and messages are kept
  status  print whether it is running (exit 0 either way)
  reset   stop it and delete its data (${DATA_DIR#"$REPO_ROOT"/}); the jar cache is kept
  logs    print the tail of the broker log ($LOG_FILE)
EOF
}

case "${1:-}" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  reset) cmd_reset ;;
  logs) shift; cmd_logs "$@" ;;
  -h | --help | help) usage ;;
  *) usage >&2; exit 2 ;;
esac
