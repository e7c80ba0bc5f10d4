#!/usr/bin/env bash
# Runs examples/spark/driver.py in Spark local[2] on UNGDC speeches and checks that its scores and
# recycled passages are the same as a single-machine run of leitmotif, cell for cell.
# Not part of .ci/run: PySpark is a ~500 MB install. Needs Java 17+ (Debian:
# openjdk-17-jre-headless), Python 3.9+ and ../shared/corpora/ungdc.jsonl.gz.
#
#   examples/spark/test.sh                 # 2,000 speeches
#   SPEECHES=500 examples/spark/test.sh
#   SPARK_VENV=/path/to/venv examples/spark/test.sh   # reuse a venv that has pyspark
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
speeches="${SPEECHES:-2000}"
corpus="${UNGDC:-$root/../shared/corpora/ungdc.jsonl.gz}"
venv="${SPARK_VENV:-$root/target/spark-venv}"

command -v java >/dev/null || { echo "test.sh: java not found (Spark needs Java 17+: apt-get install openjdk-17-jre-headless)" >&2; exit 2; }
[ -f "$corpus" ] || { echo "test.sh: $corpus not found (set UNGDC=path/to/ungdc.jsonl.gz)" >&2; exit 2; }
if ! "$venv/bin/python" -c 'import pyspark, pyarrow' 2>/dev/null; then
    echo "test.sh: installing pyspark and pyarrow into $venv"
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet 'pyspark>=3.5' pyarrow 'pandas<3'
fi

(cd "$root" && cargo build --release --quiet)
binary="$root/target/release/leitmotif"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# (zcat stops with SIGPIPE when head has its lines: not a failure)
(set +o pipefail; zcat -f "$corpus" | head -n "$speeches" > "$work/ungdc.jsonl")
echo "test.sh: $speeches speeches, $(du -h "$work/ungdc.jsonl" | cut -f1), in $work"

# The recommended workflow: train the corpus model once, then frame every part with it.
"$binary" scan "$work/ungdc.jsonl" --save-model "$work/model.json" --tables documents --out "$work/train" --quiet

timed() { local label="$1"; shift; local start end; start=$(date +%s.%N); "$@"; end=$(date +%s.%N);
          awk -v label="$label" -v s="$start" -v e="$end" 'BEGIN { printf "test.sh: %s: %.1f s\n", label, e - s }'; }

timed "single machine, scan --reuse (2 threads)" \
    "$binary" scan "$work/ungdc.jsonl" --model "$work/model.json" --reuse --order-by year \
    --tables documents --threads 2 --out "$work/single" --quiet
timed "Spark local[2], scores (tsv rows) and passages" \
    "$venv/bin/python" "$here/driver.py" --master 'local[2]' --corpus "$work/ungdc.jsonl" \
    --out "$work/spark" --binary "$binary" --model "$work/model.json" --order-by year --keep year,country \
    --shuffle-partitions 8 --driver-memory 3g \
    2> "$work/spark.log" || { tail -30 "$work/spark.log" >&2; exit 1; }
timed "Spark local[2], scores only (jsonl rows)" \
    "$venv/bin/python" "$here/driver.py" --master 'local[2]' --corpus "$work/ungdc.jsonl" \
    --out "$work/spark-jsonl" --binary "$binary" --model "$work/model.json" --rows jsonl --no-reuse \
    2> "$work/spark-jsonl.log" || { tail -30 "$work/spark-jsonl.log" >&2; exit 1; }

status=0
"$venv/bin/python" "$here/compare.py" "$work/single" "$work/spark" || status=1
"$venv/bin/python" "$here/compare.py" "$work/single" "$work/spark-jsonl" || status=1
if [ "$status" = 0 ]; then echo "test.sh: passed"; else echo "test.sh: FAILED"; fi
exit "$status"
