#!/usr/bin/env bash
# A standalone Apache Flink 1.19 session cluster on this machine, from Maven artifacts (no Flink
# distribution needed): one JobManager and N TaskManagers, each its own JVM, every port on
# 127.0.0.1, every process bounded in time, pids recorded.
#
#   scripts/flink-cluster.sh start      # JobManager + TaskManagers; waits until they registered
#   scripts/flink-cluster.sh status     # processes, task slots, jobs
#   scripts/flink-cluster.sh stop       # stops exactly the processes this script started
#   scripts/flink-cluster.sh add-tm NAME    # one more TaskManager (e.g. to replace a lost one)
#   scripts/flink-cluster.sh kill-tm NAME   # kill -9 a TaskManager (fault injection)
#
# Then: ./provenir run PIPELINE.yaml --runner-config runner-configs/flink-cluster.yaml
# Web UI: http://127.0.0.1:8081/
#
# Settings (environment):
#   FLINK_CLUSTER_DIR   state: config, logs, pids, temp files   (default: .flink-cluster)   
#   FLINK_REST_PORT     REST API and web UI                      (default: 8081)
#   FLINK_RPC_PORT      JobManager RPC                           (default: 6123)
#   FLINK_BLOB_PORT     JobManager blob server                   (default: 6124)
#   FLINK_TASKMANAGERS  number of TaskManagers                   (default: 2)
#   FLINK_SLOTS         task slots per TaskManager               (default: 2)
#   FLINK_TM_MEMORY     TaskManager process size                 (default: 2560m)
#   FLINK_JM_MEMORY     JobManager process size                  (default: 1024m)
#   FLINK_MAX_SECONDS   every daemon is killed after this long   (default: 14400, 4 hours)
#   JAVA_HOME / JAVA    the Java 17 to run Flink with
# Exit codes: 0 ok; 1 failed (message on stderr); 2 usage; 3 status: not running.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/.." && pwd)"
DIR="${FLINK_CLUSTER_DIR:-$repo/.flink-cluster}"
REST_PORT="${FLINK_REST_PORT:-8081}"
RPC_PORT="${FLINK_RPC_PORT:-6123}"
BLOB_PORT="${FLINK_BLOB_PORT:-6124}"
NTM="${FLINK_TASKMANAGERS:-2}"
SLOTS="${FLINK_SLOTS:-2}"
TM_MEMORY="${FLINK_TM_MEMORY:-2560m}"
JM_MEMORY="${FLINK_JM_MEMORY:-1024m}"
MAX_SECONDS="${FLINK_MAX_SECONDS:-14400}"
if [[ -n "${JAVA:-}" ]]; then :; elif [[ -n "${JAVA_HOME:-}" ]]; then JAVA="$JAVA_HOME/bin/java"; else JAVA=java; fi
CONF="$DIR/conf"
LOGS="$DIR/logs"
RUN="$DIR/run"
REST="http://127.0.0.1:$REST_PORT"

# Java 17 module flags, as flink-dist's default env.java.opts.all sets them.
J17=(--add-exports=java.base/sun.net.util=ALL-UNNAMED --add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED
  --add-exports=jdk.compiler/com.sun.tools.javac.api=ALL-UNNAMED --add-exports=jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED
  --add-exports=jdk.compiler/com.sun.tools.javac.parser=ALL-UNNAMED --add-exports=jdk.compiler/com.sun.tools.javac.tree=ALL-UNNAMED
  --add-exports=jdk.compiler/com.sun.tools.javac.util=ALL-UNNAMED --add-exports=java.security.jgss/sun.security.krb5=ALL-UNNAMED
  --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.net=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED
  --add-opens=java.base/java.nio=ALL-UNNAMED --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/java.lang.reflect=ALL-UNNAMED
  --add-opens=java.base/java.text=ALL-UNNAMED --add-opens=java.base/java.time=ALL-UNNAMED --add-opens=java.base/java.util=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent=ALL-UNNAMED --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED)

TM_JIT="-XX:Tier4InvocationThreshold=150000 -XX:Tier4CompileThreshold=450000 -XX:Tier4BackEdgeThreshold=1200000"

die() { echo "flink-cluster: $*" >&2; exit 1; }
say() { echo "flink-cluster: $*" >&2; }

usage() {
  sed -n '2,28p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
}

# The java process a recorded timeout wrapper runs, if it is still ours.
java_of() {
  local wrapper="$1" pid
  pid="$(pgrep -P "$wrapper" java 2>/dev/null | head -n1 || true)"
  [[ -n "$pid" ]] || return 1
  # A recycled pid would not have our config dir on its command line.
  tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "$CONF" || return 1
  echo "$pid"
}

alive() { # name -> 0 when its JVM runs
  local f="$RUN/$1.pid"
  [[ -f "$f" ]] && java_of "$(cat "$f")" >/dev/null
}

rest() { curl -sf --max-time 3 "$REST$1"; }

json_field() { # field -> value of a top-level number/string field of the JSON on stdin
  python3 -c 'import json,sys; print(json.load(sys.stdin).get(sys.argv[1], ""))' "$1" 2>/dev/null || true
}

classpath() {
  local pom="$here/flink-cluster/pom.xml" cp="$DIR/cp.txt"
  if [[ ! -s "$cp" || "$pom" -nt "$cp" ]]; then
    say "resolving the Flink 1.19 class path from Maven (once) ..."
    (cd "$here/flink-cluster" && mvn -q -B dependency:build-classpath -Dmdep.outputFile="$cp" 2>&1 | sed "s/\x1b\[[0-9;]*m//g" >&2; exit "${PIPESTATUS[0]}") \
      || die "could not resolve $pom; run 'mvn -B dependency:build-classpath' in $here/flink-cluster"
  fi
  cat "$cp"
}

write_config() {
  mkdir -p "$CONF" "$LOGS" "$RUN" "$DIR/tmp"
  cp "$here/flink-cluster/log4j.properties" "$CONF/log4j.properties"
  cat > "$CONF/config.yaml" <<EOF
# Written by scripts/flink-cluster.sh; edits are overwritten at the next start.
jobmanager.rpc.address: 127.0.0.1
jobmanager.rpc.port: $RPC_PORT
jobmanager.bind-host: 127.0.0.1
jobmanager.memory.process.size: $JM_MEMORY
jobmanager.execution.failover-strategy: region
taskmanager.host: 127.0.0.1
taskmanager.bind-host: 127.0.0.1
taskmanager.numberOfTaskSlots: $SLOTS
taskmanager.memory.process.size: $TM_MEMORY
taskmanager.memory.managed.fraction: 0.25
# A Beam batch job is ~40 Flink operators, many running at once, each blocking result partition
# asking for sort-shuffle buffers: with Flink's default of 512 per partition, 2 slots run out of
# network memory ("Insufficient number of network buffers") and the job restarts.
taskmanager.memory.network.fraction: 0.15
taskmanager.network.sort-shuffle.min-buffers: 64
parallelism.default: $SLOTS
rest.address: 127.0.0.1
rest.bind-address: 127.0.0.1
rest.port: $REST_PORT
blob.server.port: $BLOB_PORT
io.tmp.dirs: $DIR/tmp
web.tmpdir: $DIR/tmp/web
# A lost TaskManager restarts the failed regions of the job, 2 s apart. In BATCH mode every
# consumer that finds a result of the lost TaskManager gone counts as one failure (5-8 for one
# lost TaskManager in scripts/flink-fault-test.sh), so allow 30.
restart-strategy.type: fixed-delay
restart-strategy.fixed-delay.attempts: 30
restart-strategy.fixed-delay.delay: 2 s
# Notice a killed TaskManager within seconds, not the default 50.
heartbeat.interval: 2000
heartbeat.timeout: 10000
cluster.evenly-spread-out-slots: true
# The adaptive batch scheduler would size each operator by the bytes it receives; Provenir's main
# chain receives only file ranges (a few bytes) and would get one subtask.
execution.batch.adaptive.auto-parallelism.enabled: false
# Native code (the tokenizer, ONNX Runtime) comes from the cluster's class path, once per JVM.
classloader.parent-first-patterns.additional: [ai.djl., ai.onnxruntime.]
EOF
}

# Runs BashJavaUtils as flink-dist's config.sh does: JVM flags, then dynamic -D properties.
resource_params() {
  "$JAVA" -cp "$CP" org.apache.flink.runtime.util.bash.BashJavaUtils "$1" --configDir "$CONF" 2>&1 \
    | grep '^BASH_JAVA_UTILS_EXEC_RESULT:' | sed 's/^BASH_JAVA_UTILS_EXEC_RESULT://' | tail -n 2
}

# daemon NAME MAINCLASS "JVM_PARAMS" "DYNAMIC" [extra args]
daemon() {
  local name="$1" main="$2" jvm="$3" dyn="$4"; shift 4
  # shellcheck disable=SC2086
  nohup timeout -s KILL "$MAX_SECONDS" "$JAVA" $jvm -XX:+UseG1GC "${J17[@]}" \
    -Dlog.file="$LOGS/$name.log" -Dlog4j.configurationFile="file:$CONF/log4j.properties" \
    -cp "$CP" "$main" --configDir "$CONF" $dyn "$@" > "$LOGS/$name.out" 2>&1 < /dev/null &
  echo $! > "$RUN/$name.pid"
}

start_tm() {
  local name="$1"
  alive "$name" && die "TaskManager $name is already running"
  [[ -n "${TM_PARAMS:-}" ]] || TM_PARAMS="$(resource_params GET_TM_RESOURCE_PARAMS)"
  [[ "$(echo "$TM_PARAMS" | wc -l)" -eq 2 ]] || die "BashJavaUtils printed no TaskManager memory settings; see $CONF/config.yaml"
  # The launcher's C2 thresholds (docs/runners.md, "JIT"; Flink's env.java.opts.taskmanager).
  daemon "$name" org.apache.flink.runtime.taskexecutor.TaskManagerRunner \
    "$(echo "$TM_PARAMS" | head -n1) $TM_JIT" "$(echo "$TM_PARAMS" | tail -n1)" \
    -D "taskmanager.resource-id=$name"
  say "TaskManager $name started (log $LOGS/$name.log)"
}

registered_tms() { rest /overview | json_field taskmanagers; }

wait_for_tms() { # count seconds
  local want="$1" secs="$2" n i
  for ((i = 0; i < secs * 2; i++)); do
    n="$(registered_tms)"
    [[ "${n:-0}" -ge "$want" ]] && return 0
    sleep 0.5
  done
  return 1
}

port_in_use() { ss -ltnH "sport = :$1" 2>/dev/null | grep -q .; }

cmd_start() {
  if alive jobmanager; then
    say "already running (scripts/flink-cluster.sh stop first to change its settings)"
    cmd_status
    return 0
  fi
  local var port
  for var in REST_PORT RPC_PORT BLOB_PORT; do
    port="${!var}"
    port_in_use "$port" && die "port $port (FLINK_$var) is in use on this machine; free it or set FLINK_$var"
  done
  command -v "$JAVA" >/dev/null || die "no java ($JAVA); set JAVA_HOME"
  CP="$(classpath)"
  write_config
  rm -rf "${DIR:?}/tmp/"* "$RUN"/*.pid
  local t0=$SECONDS jm
  jm="$(resource_params GET_JM_RESOURCE_PARAMS)"
  [[ "$(echo "$jm" | wc -l)" -eq 2 ]] || die "BashJavaUtils printed no JobManager memory settings; see $CONF/config.yaml"
  daemon jobmanager org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint \
    "$(echo "$jm" | head -n1)" "$(echo "$jm" | tail -n1)" --executionMode cluster
  say "JobManager started (log $LOGS/jobmanager.log)"
  local i
  for ((i = 1; i <= NTM; i++)); do start_tm "tm$i"; done
  if ! wait_for_tms "$NTM" 180; then
    say "the cluster did not come up within 180 s; last lines of the logs:"
    tail -n 5 "$LOGS"/*.out "$LOGS"/*.log >&2 2>/dev/null || true
    cmd_stop
    exit 1
  fi
  say "ready in $((SECONDS - t0)) s: $NTM TaskManagers x $SLOTS slots, web UI $REST/"
  say "submit with: ./provenir run PIPELINE.yaml --runner-config runner-configs/flink-cluster.yaml"
}

cmd_stop() {
  shopt -s nullglob
  local f name wrapper pid pids=() wrappers=()
  for f in "$RUN"/*.pid; do
    name="$(basename "$f" .pid)"
    wrapper="$(cat "$f")"
    if pid="$(java_of "$wrapper")"; then
      kill -TERM "$pid" 2>/dev/null || true
      pids+=("$pid")
      say "stopping $name (pid $pid)"
    fi
    wrappers+=("$wrapper")
  done
  local i left
  for ((i = 0; i < 30; i++)); do
    left=0
    for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null && left=1; done
    [[ $left -eq 0 ]] && break
    sleep 0.5
  done
  for pid in "${pids[@]}"; do
    if kill -0 "$pid" 2>/dev/null; then say "pid $pid ignored SIGTERM; killing it"; kill -KILL "$pid" 2>/dev/null || true; fi
  done
  for wrapper in "${wrappers[@]}"; do
    # The timeout wrapper exits with its JVM; make sure, but only if it still is a timeout process.
    if [[ "$(cat "/proc/$wrapper/comm" 2>/dev/null)" == timeout ]]; then kill -KILL "$wrapper" 2>/dev/null || true; fi
  done
  rm -f "$RUN"/*.pid
  # Staged job jars (hundreds of MB each) pile up under tmp; they are of no use once stopped.
  rm -rf "${DIR:?}/tmp/"*
  [[ ${#pids[@]} -gt 0 ]] && say "stopped" || say "not running"
}

cmd_status() {
  shopt -s nullglob
  local f name any=0
  for f in "$RUN"/*.pid; do
    any=1
    name="$(basename "$f" .pid)"
    if pid="$(java_of "$(cat "$f")")"; then
      printf '%-12s running  pid %s\n' "$name" "$pid"
    else
      printf '%-12s stopped  (see %s)\n' "$name" "$LOGS/$name.log"
    fi
  done
  [[ $any -eq 1 ]] || { echo "not running (no processes recorded in $RUN)"; return 3; }
  local o
  if o="$(rest /overview)"; then
    echo "$o" | python3 -c 'import json,sys; d=json.load(sys.stdin); print("REST %s: flink %s, %d TaskManagers, %d/%d slots free, jobs: %d running, %d finished, %d failed" % (sys.argv[1], d["flink-version"], d["taskmanagers"], d["slots-available"], d["slots-total"], d["jobs-running"], d["jobs-finished"], d["jobs-failed"]))' "$REST"
  else
    echo "REST $REST: not answering"
    return 1
  fi
}

cmd_add_tm() {
  local name="${1:?usage: flink-cluster.sh add-tm NAME}"
  alive jobmanager || die "the cluster is not running"
  CP="$(classpath)"
  local before
  before="$(registered_tms)"
  start_tm "$name"
  wait_for_tms "$((before + 1))" 120 || die "TaskManager $name did not register within 120 s; see $LOGS/$name.log"
  say "TaskManager $name registered"
}

cmd_kill_tm() {
  local name="${1:?usage: flink-cluster.sh kill-tm NAME}" pid
  [[ -f "$RUN/$name.pid" ]] || die "no TaskManager $name was started by this script"
  pid="$(java_of "$(cat "$RUN/$name.pid")")" || die "TaskManager $name is not running"
  kill -KILL "$pid"
  say "killed TaskManager $name (pid $pid) with SIGKILL"
}

case "${1:-}" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  add-tm) shift; cmd_add_tm "$@" ;;
  kill-tm) shift; cmd_kill_tm "$@" ;;
  -h | --help | help) usage ;;
  *) usage >&2; exit 2 ;;
esac
