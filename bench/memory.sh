#!/usr/bin/env bash
# Memory: a large corpus through the full pipeline with a 1 GiB heap, on the Direct Runner and on
# Flink local (parallelism 2); prints wall time, MB/s and peak RSS of each. Memory must not grow
# with the input: a run that needed more would fail with OutOfMemoryError. The "engine" row is the
# single-thread engine (EngineBench, one round) over the same bytes, for the ratios; it runs before
# and after the pipelines, and the ratios are to the mean of the two (the machine's speed drifts
# within minutes: the two engine rows show by how much).
#
#   bench/memory.sh [GB=5]      (needs bench/run.sh's 100 MB corpus;
#                                RUNNERS="engine direct flink-p2 engine" by default)
#
# The corpus is the 100 MB benchmark corpus repeated (records repeat; the pipeline neither
# dedupes nor cares). Outputs go to target/bench/memory/ and are deleted after each run.
set -euo pipefail
# Extra JVM options for every Java row (e.g. BENCH_JAVA_OPTS=-XX:+UseParallelGC to compare
# collectors); none by default. Pipeline rows run through ./provenir, with the launcher's JVM
# settings; the engine row is a plain `java` (the engine embedded in someone's program).
jvm_opts="${BENCH_JAVA_OPTS:-}"
cd "$(dirname "${BASH_SOURCE[0]}")/.."
gb="${1:-5}"
dir=target/bench/memory
mkdir -p "$dir"
base=$(ls target/bench/corpus-*-100mb.jsonl 2>/dev/null | head -1)
[[ -n "$base" ]] || { echo "bench/memory.sh: run bench/run.sh 100 first (it generates the corpus)" >&2; exit 2; }
big="$dir/corpus-${gb}gb.jsonl"
if [[ ! -s "$big" ]]; then
  for ((i = 0; i < gb * 10; i++)); do cat "$base"; done > "$big"
fi
bytes=$(stat -c %s "$big")
cat "$big" > /dev/null # into the page cache, so that the first run does not also wait for the disk
echo "memory: $big: $bytes bytes" >&2
./provenir --version > /dev/null
if [[ " ${RUNNERS:-engine} " == *" engine "* ]]; then   # the engine runs from the test classes
  mvn -q -o test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath \
    > /dev/null 2>&1 || mvn -q test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath
fi
: > "$dir/rates.txt"
for runner in ${RUNNERS:-engine direct flink-p2 engine}; do
  if [[ $runner == engine ]]; then
    m=$(bench/measure.py "$dir/engine" -- java $jvm_opts -Xmx1g -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
      -Dorg.slf4j.simpleLogger.defaultLogLevel=warn io.provenir.bench.EngineBench "$big" "$dir/engine-out.jsonl" 1)
    python3 - "$m" "$bytes" <<'PY'
import json, sys
m = json.loads(sys.argv[1]); b = int(sys.argv[2])
print(f"engine    -Xmx1g: exit {m['rc']}, {m['wall_s']:.0f} s, {b / 1e6 / m['wall_s']:.1f} MB/s, "
      f"peak RSS {m['peak_rss_mib']:.0f} MiB, CPU {m['cpu_s']:.0f} s (one thread, in-process)")
PY
    echo "engine $m" >> "$dir/rates.txt"
    rm -f "$dir/engine-out.jsonl"
    continue
  fi
  args=()
  [[ $runner == flink-p2 ]] && args=(--runner-config runner-configs/flink-local.yaml -- --parallelism=2)
  rm -rf "$dir/out" "$dir/audit"
  m=$(bench/measure.py "$dir/$runner" -- env PROVENIR_JAVA_OPTS="$jvm_opts -Xmx1g" ./provenir run pipelines/governance.yaml \
    --input "$big" --output "$dir/out" --decontamination off --audit-dir "$dir/audit" "${args[@]}")
  python3 - "$m" "$bytes" "$runner" <<'PY'
import json, sys
m = json.loads(sys.argv[1]); b = int(sys.argv[2])
print(f"{sys.argv[3]:9s} -Xmx1g: exit {m['rc']}, {m['wall_s']:.0f} s, {b / 1e6 / m['wall_s']:.1f} MB/s, "
      f"peak RSS {m['peak_rss_mib']:.0f} MiB, CPU {m['cpu_s']:.0f} s")
PY
  echo "$runner $m" >> "$dir/rates.txt"
  grep -E "reconciled|OutOfMemory" "$dir/$runner.out" "$dir/$runner.err" | head -2 || true
  rm -rf "$dir/out"
done
python3 - "$dir/rates.txt" "$bytes" <<'PY'
import json, sys
rows = [(l.split(' ', 1)[0], json.loads(l.split(' ', 1)[1])) for l in open(sys.argv[1]) if l.strip()]
b = int(sys.argv[2])
engine = [b / 1e6 / m['wall_s'] for name, m in rows if name == 'engine']
if engine and len(rows) > len(engine):
    mean = sum(engine) / len(engine)
    print(f"ratios to the engine's mean rate, {mean:.1f} MB/s "
          f"(its runs: {', '.join(f'{e:.1f}' for e in engine)} MB/s):")
    for name, m in rows:
        if name != 'engine':
            print(f"  {name:9s} {b / 1e6 / m['wall_s'] / mean:.2f}x")
PY
