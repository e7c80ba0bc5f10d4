"""Checks that a Spark run of driver.py gives the figures of a single-machine run, cell for cell.

    python compare.py SINGLE_DIR SPARK_DIR

SINGLE_DIR holds documents.csv (and passages.csv) of `leitmotif scan`; SPARK_DIR the Parquet
datasets of driver.py. Every column of scores.parquet that documents.csv also has is compared row by
row, matched on doc_id (numbers as the same double, text exactly; an empty CSV cell equals NULL or
''); passages.parquet is compared with passages.csv in the same way, in their order. Exits 1 and
prints the first differences when they disagree.
"""

import csv
import math
import sys
from pathlib import Path

import pyarrow.parquet as pq


def read_csv(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def same(csv_value, spark_value):
    if spark_value is None or spark_value == "":
        return csv_value == ""
    if isinstance(spark_value, bool):
        return csv_value == str(spark_value).lower()
    if isinstance(spark_value, (int, float)):
        try:
            number = float(csv_value)
        except ValueError:
            return False
        return number == spark_value or (math.isnan(number) and math.isnan(spark_value))
    text = csv_value[1:] if csv_value.startswith("'") and csv_value[1:2] in "=+-@'\t\r" else csv_value
    return text == spark_value


def compare(name, csv_rows, spark_rows, key):
    problems = []
    if len(csv_rows) != len(spark_rows):
        problems.append(f"{name}: {len(csv_rows)} rows on one machine, {len(spark_rows)} on Spark")
    columns = [c for c in (spark_rows[0].keys() if spark_rows else []) if csv_rows and c in csv_rows[0]]
    cells = 0
    for single, spark in zip(csv_rows, spark_rows):
        for column in columns:
            cells += 1
            if not same(single[column], spark[column]):
                problems.append(f"{name} {single[key]} {column}: {single[column]!r} on one machine, "
                                f"{spark[column]!r} on Spark")
    print(f"{name}: {len(spark_rows)} rows × {len(columns)} columns compared ({cells} cells), "
          f"{len(problems)} differences")
    return problems


def main(single_dir, spark_dir):
    single_dir, spark_dir = Path(single_dir), Path(spark_dir)
    problems = []
    documents = read_csv(single_dir / "documents.csv")
    scores = pq.read_table(spark_dir / "scores.parquet").to_pylist()
    errors = [row for row in scores if row.get("error")]
    if errors:
        problems.append(f"scores: {len(errors)} rows with errors, e.g. {errors[0]['error']}")
    by_id = {row["doc_id"]: row for row in scores}
    if len(by_id) != len(scores):
        problems.append("scores: repeated doc_id values; cannot match rows")
    matched = [by_id.get(row["doc_id"]) for row in documents]
    missing = [row["doc_id"] for row, spark in zip(documents, matched) if spark is None]
    if missing:
        problems.append(f"scores: {len(missing)} documents have no row on Spark, e.g. {missing[:3]}")
    pairs = [(row, spark) for row, spark in zip(documents, matched) if spark is not None]
    problems += compare("scores", [p[0] for p in pairs], [p[1] for p in pairs], "doc_id")
    if (spark_dir / "passages.parquet").exists():
        # Both in (document, start) order: Spark's parts come in no particular order.
        def order(row):
            return (row["doc_id"], int(row["start"]))
        passages = sorted(pq.read_table(spark_dir / "passages.parquet").to_pylist(), key=order)
        single = sorted(read_csv(single_dir / "passages.csv"), key=order)
        problems += compare("passages", single, passages, "doc_id")
    for problem in problems[:20]:
        print("  " + problem)
    return 1 if problems else 0


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    sys.exit(main(sys.argv[1], sys.argv[2]))
