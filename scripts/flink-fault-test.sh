#!/usr/bin/env bash
# Fault test: a governance run on a real Flink session cluster (JobManager + 2 TaskManagers, each
# its own JVM, from scripts/flink-cluster.sh) survives kill -9 of a TaskManager in the middle of
# the job, and its outputs are exactly what the Direct Runner writes for the same input: no record
# lost, none duplicated. Also checks that the audit shards verify and that report.json records
# the restart. CI runs it (.ci/run); it takes about 5 minutes on 2 cores.
#
#   scripts/flink-fault-test.sh [RECORDS=4000]
#
# Uses its own cluster (target/fault-test/cluster, REST port 18081), so a cluster you started
# with scripts/flink-cluster.sh on the default ports is left alone. Exit code 0 when every check
# passes, 1 otherwise.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
records="${1:-4000}"
work="target/fault-test"
export FLINK_CLUSTER_DIR="$PWD/$work/cluster"
export FLINK_REST_PORT="${FAULT_TEST_REST_PORT:-18081}"
export FLINK_RPC_PORT="${FAULT_TEST_RPC_PORT:-16123}"
export FLINK_BLOB_PORT="${FAULT_TEST_BLOB_PORT:-16124}"
export FLINK_TASKMANAGERS=2 FLINK_SLOTS=2 FLINK_MAX_SECONDS=1800
rest="http://127.0.0.1:$FLINK_REST_PORT"
victim=tm1

say() { echo "fault-test: $*"; }
fail() { echo "fault-test: FAILED: $*" >&2; exit 1; }
json() { python3 -c "import json,sys; d=json.load(sys.stdin); print(eval(sys.argv[1]))" "$1"; }

rm -rf "$work/direct" "$work/flink" "$work/audit-direct" "$work/audit-flink"
mkdir -p "$work"
corpus="$work/corpus-$records.jsonl"
if [[ ! -s "$corpus" ]]; then
  # GSM8K text (in the test resources) with planted PII, secrets and decoys; deterministic.
  python3 bench/make_corpus.py --source gsm8k --text-dir src/test/resources/corpora/gsm8k \
    --records "$records" --seed 8 --out "$corpus" > /dev/null
fi
say "corpus $corpus: $(wc -l < "$corpus") records, $(du -h "$corpus" | cut -f1)"

# 1. The reference: the Direct Runner.
t0=$SECONDS
./provenir run pipelines/governance.yaml --input "$corpus" --output "$work/direct" \
  --audit-dir "$work/audit-direct" --run-id fault-direct > "$work/direct.log" 2>&1 \
  || { tail -20 "$work/direct.log"; fail "the Direct Runner run failed"; }
say "Direct Runner done in $((SECONDS - t0)) s"

# 2. The cluster.
trap 'scripts/flink-cluster.sh stop > /dev/null 2>&1 || true' EXIT
scripts/flink-cluster.sh stop > /dev/null 2>&1 || true
scripts/flink-cluster.sh start 2>&1 | sed 's/^/  /'

# 3. The same run on the cluster, in the background.
t0=$SECONDS
./provenir run pipelines/governance.yaml --runner-config runner-configs/flink-cluster.yaml \
  --input "$corpus" --output "$work/flink" --audit-dir "$work/audit-flink" --run-id fault-flink \
  -- --flinkMaster="127.0.0.1:$FLINK_REST_PORT" --parallelism=2 > "$work/flink.log" 2>&1 &
client=$!

# 4. Once the job embeds records (the long stage), kill -9 a TaskManager that runs part of it.
jid=""
for ((i = 0; i < 600; i++)); do
  kill -0 "$client" 2>/dev/null || { tail -20 "$work/flink.log"; fail "the run ended before the fault"; }
  jid="$(curl -sf "$rest/jobs/overview" | json '[j["jid"] for j in d["jobs"] if j["state"]=="RUNNING"][0] if any(j["state"]=="RUNNING" for j in d["jobs"]) else ""' 2>/dev/null || true)"
  if [[ -n "$jid" ]]; then
    stage="$(curl -sf "$rest/jobs/$jid" | json '"yes" if any("Decontaminate/Check" in v["name"] and v["status"]=="RUNNING" for v in d["vertices"]) else ""' 2>/dev/null || true)"
    [[ -n "$stage" ]] && break
  fi
  sleep 0.5
done
[[ -n "$jid" ]] || fail "the job never reached the decontamination stage"
sleep 10
say "job $jid is embedding records at +$((SECONDS - t0)) s; killing TaskManager $victim"
scripts/flink-cluster.sh kill-tm "$victim"

if ! wait "$client"; then
  tail -30 "$work/flink.log"
  fail "the Flink run did not finish after losing $victim"
fi
say "Flink run done in $((SECONDS - t0)) s"
grep -E "^  flink " "$work/flink.log" | sed 's/^ */  /' || true

# 5. Checks.
restarts="$(json 'd.get("execution", {}).get("restarts", -1)' < "$work/flink/report.json")"
lost="$(json '",".join(sorted({f.get("taskmanager","") for f in d.get("execution", {}).get("failures", [])}))' < "$work/flink/report.json")"
[[ "$restarts" -ge 1 ]] || fail "report.json records no restart (execution.restarts=$restarts)"
say "report.json: execution.restarts=$restarts, failures reported by: $lost"
check() { # description command...
  local what="$1"; shift
  if "$@" > "$work/check.txt" 2>&1; then sed 's/^/  /' "$work/check.txt"; else
    sed 's/^/  /' "$work/check.txt"; fail "$what"; fi
}
check "the Flink outputs differ from the Direct Runner's" \
  java -jar target/provenir.jar compare "$work/direct" "$work/flink"
check "the audit trail of the Flink run does not verify" \
  java -jar target/provenir.jar audit verify --dir "$work/audit-flink"
leftovers="$(find "$work/flink" -name '.temp-beam*' | head -3)"
[[ -z "$leftovers" ]] || fail "temporary files left in the output: $leftovers"
say "passed: $victim killed mid-job, $restarts restart(s), outputs identical to the Direct Runner's, audit intact"
