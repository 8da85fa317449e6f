#!/usr/bin/env bash
# Number-heavy text shapes through the engine (EngineBench, one thread): seconds for ~200 KB of
# each (the third of three rounds in one JVM) and findings. The phone detector is what such text
# stresses: a run of digit groups it cannot refuse by shape costs ten libphonenumber questions.
#
# usage: bench/shapes.sh [SIZE_BYTES]
set -euo pipefail
cd "$(dirname "$0")/.."
dir=target/bench/shapes
python3 bench/text_shapes.py "$dir" "${1:-200000}"
if [[ ! -f target/bench.classpath || pom.xml -nt target/bench.classpath ]]; then
  mvn -q -o test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath \
    > /dev/null 2>&1 || mvn -q test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath
else
  mvn -q -o test-compile > /dev/null 2>&1
fi
cp="target/test-classes:target/classes:$(cat target/bench.classpath)"
printf "%-14s %10s %8s %9s\n" shape bytes seconds findings
for f in "$dir"/*.jsonl; do
  line=$(java -cp "$cp" -Dorg.slf4j.simpleLogger.defaultLogLevel=warn io.provenir.bench.EngineBench \
    "$f" "$dir/out.jsonl" 3 2>&1 | grep '^engine round=3 ')
  secs=$(sed -E 's/.*seconds=([0-9.]+) cpu.*/\1/' <<< "$line")
  found=$(sed -E 's/.*findings=([0-9]+) .*/\1/' <<< "$line")
  printf "%-14s %10d %8s %9s\n" "$(basename "$f" .jsonl)" "$(stat -c %s "$f")" "$secs" "$found"
done
rm -f "$dir/out.jsonl"
