#!/usr/bin/env bash
# Throughput benchmark: Provenir side by side with the tools users would pick instead, on the same
# corpus, on this machine, in one run (ratios between runs on a shared machine mean little).
#
#   bench/run.sh [SIZE_MB=100] [--no-tools] [--no-flink] [--write-docs]
#
# 1. generates the corpus once (bench/make_corpus.py --size-mb SIZE_MB --seed 1; fortunes text,
#    installed with apt-get when possible, else GSM8K text) into target/bench/;
# 2. measures, each over the same bytes:
#    - engine: Provenir's core in-process on one thread (read, parse, PII + secrets, mask, write
#      masked JSONL; bench/EngineBench, JIT warmed up by a first round);
#    - direct: the full pipeline (`provenir run`, decontamination off) on the Direct Runner with
#      its production settings (runner-configs/direct.yaml);
#    - flink-p1, flink-p2: the same on Flink local (runner-configs/flink-local.yaml) at
#      parallelism 1 and 2;
#    - secretlint (recommended preset, report only), redact-pii (SyncRedactor, name redaction off,
#      masked JSONL out) and ripgrep (11 comparable patterns, one thread), installed into
#      target/bench/tools with npm and apt-get when they are missing; skipped with a note when not
#      installable;
# 3. prints MB/s (10^6 bytes of input per wall second), records/s, CPU seconds, peak RSS and the
#    ratios to the engine, and with --write-docs replaces the table in docs/performance.md.
# The engine and the three tools run BENCH_REPEAT times (default 3), in turn (engine, secretlint,
# redact-pii, ripgrep, engine, ...): each row shows the run with the median MB/s, and each target
# ratio is the median of the ratios within a round, so that the machine's drift over minutes
# (+-20-40 % here) falls on both sides of a ratio.
# Pipeline runs include JVM start and planning (~3-5 s); the engine's time excludes them.
set -euo pipefail
# Extra JVM options for every Java row (e.g. BENCH_JAVA_OPTS=-XX:+UseParallelGC to compare
# collectors); none by default. Pipeline rows run through ./provenir, with the launcher's JVM
# settings; the engine row is a plain `java` (the engine embedded in someone's program).
jvm_opts="${BENCH_JAVA_OPTS:-}"
repeat="${BENCH_REPEAT:-3}"
cd "$(dirname "${BASH_SOURCE[0]}")/.."
size=100 tools=1 flink=1 write_docs=0
for a in "$@"; do
  case "$a" in
    --no-tools) tools=0 ;;
    --no-flink) flink=0 ;;
    --write-docs) write_docs=1 ;;
    [0-9]*) size="$a" ;;
    *) echo "usage: bench/run.sh [SIZE_MB] [--no-tools] [--no-flink] [--write-docs]" >&2; exit 2 ;;
  esac
done
dir=target/bench
mkdir -p "$dir/runs" "$dir/tools"
results="$dir/results-$size.jsonl"
: > "$results"

# --- corpus
if [[ ! -d /usr/share/games/fortunes ]] && [[ "$(id -u)" == 0 ]] && command -v apt-get > /dev/null; then
  apt-get install -y -q fortunes > /dev/null 2>&1 || true
fi
if [[ -d /usr/share/games/fortunes ]]; then source_args=(--source fortunes); text=fortunes
else source_args=(--source gsm8k --text-dir src/test/resources/corpora/gsm8k); text=gsm8k; fi
corpus="$dir/corpus-$text-${size}mb.jsonl"
if [[ ! -s "$corpus" ]]; then
  echo "bench: generating $corpus ..." >&2
  python3 bench/make_corpus.py --size-mb "$size" --seed 1 "${source_args[@]}" --out "$corpus" > /dev/null
fi
bytes=$(stat -c %s "$corpus")
records=$(grep -c . "$corpus")
echo "bench: corpus $corpus: $bytes bytes, $records records ($text text)" >&2

# --- builds
./provenir --version > /dev/null
if [[ ! -f target/bench.classpath || pom.xml -nt target/bench.classpath ]]; then
  mvn -q -o test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath \
    > /dev/null 2>&1 || mvn -q test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath
else
  mvn -q -o test-compile > /dev/null 2>&1 || mvn -q test-compile
fi

record() { # measure.py JSON, extra json fields (engine: its own timing), file (default: results)
  local m="$1" extra="${2:-}" to="${3:-$results}"
  python3 - "$m" "$bytes" "$records" "$extra" >> "$to" <<'EOF'
import json, sys
m = json.loads(sys.argv[1]); b = int(sys.argv[2]); n = int(sys.argv[3])
extra = json.loads(sys.argv[4]) if sys.argv[4] else {}
m.update(extra)
wall = m.get("seconds", m["wall_s"])
m["mb_per_s"] = round(b / 1e6 / wall, 2)
m["records_per_s"] = round(n / wall)
print(json.dumps(m))
EOF
  tail -1 "$to" >&2
}

# --- the engine and the other tools, in turn, BENCH_REPEAT rounds
t="$dir/tools"
if [[ $tools -eq 1 ]]; then
  cp bench/tools/package.json bench/tools/.secretlintrc.json bench/tools/redact-jsonl.js "$t/"
  if command -v npm > /dev/null && [[ ! -d "$t/node_modules/secretlint" ]]; then
    (cd "$t" && npm install --no-audit --no-fund --silent > /dev/null 2>&1) || echo "bench: npm install failed; skipping secretlint and redact-pii" >&2
  fi
  if ! command -v rg > /dev/null && [[ "$(id -u)" == 0 ]] && command -v apt-get > /dev/null; then
    apt-get install -y -q ripgrep > /dev/null 2>&1 || true
  fi
  command -v rg > /dev/null || echo "bench: ripgrep not installed; skipped" >&2
fi
rounds="$dir/rounds.jsonl"
tool_startup() { # NAME COMMAND...: wall seconds of COMMAND over the tiny corpus, on core 0
  local name="$1"; shift
  bench/measure.py "$dir/$name-startup" -- taskset -c 0 "$@" | python3 -c 'import json,sys; print(json.load(sys.stdin)["wall_s"])'
}
: > "$rounds"
# The first 10 records: a run over them is a command's fixed cost (start-up), for the pipelines
# and for the tools.
head -n 10 "$corpus" > "$dir/tiny.jsonl"
one_round() { # the engine, then each tool that is installed: one JSON line each in $rounds
  local m line secs cpu steady
  # Three rounds in one JVM: the row is the second (the first warms the JIT up); the third is
  # kept as the steady-state rate, for context (C2 is still compiling during the second).
  m=$(bench/measure.py "$dir/engine" -- java $jvm_opts -Xmx1g -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
    -Dorg.slf4j.simpleLogger.defaultLogLevel=warn io.provenir.bench.EngineBench "$corpus" "$dir/engine-out.jsonl" 3)
  line=$(grep '^engine round=2 ' "$dir/engine.err")
  secs=$(sed -E 's/.*seconds=([0-9.]+) cpu_seconds.*/\1/' <<< "$line")
  cpu=$(sed -E 's/.*cpu_seconds=([0-9.]+).*/\1/' <<< "$line")
  steady=$(sed -E 's/.*seconds=([0-9.]+) cpu_seconds.*/\1/' <<< "$(tail -1 "$dir/engine.out")")
  record "$m" "{\"seconds\": $secs, \"steady_seconds\": $steady, \"engine_cpu_s\": $cpu, \"note\": \"second of 3 rounds, in-process\"}" "$rounds"
  [[ $tools -eq 1 ]] || return 0
  if [[ -x "$t/node_modules/.bin/secretlint" ]]; then
    m=$(bench/measure.py "$dir/secretlint" -- taskset -c 0 "$t/node_modules/.bin/secretlint" \
      --secretlintrc "$t/.secretlintrc.json" --format json "$corpus")
    record "$m" "{\"startup_s\": $(tool_startup secretlint "$t/node_modules/.bin/secretlint" \
      --secretlintrc "$t/.secretlintrc.json" --format json "$dir/tiny.jsonl")}" "$rounds"
  fi
  if [[ -d "$t/node_modules/redact-pii" ]]; then
    m=$(bench/measure.py "$dir/redact-pii" -- taskset -c 0 node "$t/redact-jsonl.js" "$corpus")
    record "$m" "{\"startup_s\": $(tool_startup redact-pii node "$t/redact-jsonl.js" "$dir/tiny.jsonl")}" "$rounds"
  fi
  if command -v rg > /dev/null; then
    record "$(bench/measure.py "$dir/ripgrep" -- rg --threads 1 --count-matches -f bench/tools/rg-patterns.txt "$corpus")" "" "$rounds"
  fi
}
for ((r = 1; r <= repeat; r++)); do one_round; done
# Each name's median run (by MB/s) into the results, with every round's MB/s beside it.
python3 - "$rounds" >> "$results" <<'EOF'
import json, sys
runs = {}
for line in open(sys.argv[1]):
    if line.strip():
        r = json.loads(line)
        runs.setdefault(r["name"], []).append(r)
for name, rs in runs.items():
    median = sorted(rs, key=lambda r: r["mb_per_s"])[len(rs) // 2]
    median["round_mb_per_s"] = [r["mb_per_s"] for r in rs]
    # Context, not the judged rates: the engine's third round, the tools without their start-up.
    if all("steady_seconds" in r for r in rs):
        median["round_steady_mb_per_s"] = [
            round(r["mb_per_s"] * r["seconds"] / r["steady_seconds"], 2) for r in rs]
    if all("startup_s" in r and r["wall_s"] > r["startup_s"] for r in rs):
        median["round_steady_mb_per_s"] = [
            round(r["mb_per_s"] * r["wall_s"] / (r["wall_s"] - r["startup_s"]), 2) for r in rs]
    print(json.dumps(median))
EOF

# --- hostile inputs (engine): a 10 MB record of digit-dense prose, a 1 MB line of digits and dots,
# a 10 MB record of the corpus's own text in one string
java -Xmx3g -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
  -Dorg.slf4j.simpleLogger.defaultLogLevel=warn io.provenir.bench.HostileBench "$dir" "$corpus" > "$dir/hostile.out"
cat "$dir/hostile.out" >&2

# --- quality on the corpus's ground truth (the same detectors the engine runs)
java -cp "target/classes:$(cat target/bench.classpath)" io.provenir.cli.Main eval pii \
  --cases "${corpus%.jsonl}.truth.jsonl" > "$dir/quality-pii.txt" 2>&1 || true

# --- the pipeline
# The fixed cost of a run (JVM start, planning, translation, runner start, writing the report):
# the same command over the corpus's first 10 records. Rows show MB/s with and without it.
measured_run() { # name, input, runner args...: the measure.py JSON line of one governance run
  local name="$1" input="$2"; shift 2
  rm -rf "$dir/runs/$name"
  bench/measure.py "$dir/$name" -- env PROVENIR_JAVA_OPTS="$jvm_opts -Xmx2g" ./provenir run pipelines/governance.yaml \
    --input "$input" --output "$dir/runs/$name" --decontamination off --audit-dir "$dir/audit" "$@"
}
pipeline() { # name, runner args...
  local name="$1"; shift
  local fixed
  fixed=$(measured_run "$name-startup" "$dir/tiny.jsonl" "$@" \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["wall_s"])')
  record "$(measured_run "$name" "$corpus" "$@")" "{\"startup_s\": $fixed}"
}
pipeline direct
if [[ $flink -eq 1 ]]; then
  pipeline flink-p1 --runner-config runner-configs/flink-local.yaml -- --parallelism=1
  pipeline flink-p2 --runner-config runner-configs/flink-local.yaml -- --parallelism=2
fi

# --- table
cat "$dir/hostile.out" >> "$results"
python3 bench/table.py "$results" "$bytes" "$records" "$text" "$size" | tee "$dir/table-$size.md"
echo; echo "PII precision/recall on the corpus's ground truth (provenir eval pii):"; cat "$dir/quality-pii.txt"
if [[ $write_docs -eq 1 ]]; then
  python3 bench/table.py "$results" "$bytes" "$records" "$text" "$size" --docs docs/performance.md
fi
