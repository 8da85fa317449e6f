#!/usr/bin/env bash
# Decontamination benchmark: the raw model vs the Decontaminate step (same records, same
# threads, same run), the join's share of the step, and eval-index memory for 10k/100k items.
# Usage: bench/decontam.sh [RECORDS=3000] [THREADS=cores]      (from the repository root)
# Needs the fortunes package for the training text (apt-get install -y fortunes).
set -euo pipefail
cd "$(dirname "$0")/.."
records=${1:-3000}
threads=${2:-$(nproc)}
corpus=target/bench/decontam-$records.jsonl
mkdir -p target/bench
[ -f "$corpus" ] || python3 bench/make_corpus.py --records "$records" --seed 1 --source fortunes \
  --out "$corpus" >/dev/null
mvn -q -o test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath \
  >/dev/null 2>&1 || mvn -q test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench.classpath
exec java -Xmx8g -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
  -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -Dorg.slf4j.simpleLogger.log.ai.djl=error \
  io.provenir.bench.DecontamBench "$corpus" "$threads"
