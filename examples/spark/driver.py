"""leitmotif on Apache Spark: framing scores and recycled passages of a JSONL corpus, written as
Parquet. Every figure is computed by the leitmotif binary itself, run by Spark on each partition
(SQL `TRANSFORM ... USING`); this script only moves rows.

    spark-submit --files leitmotif,model.json examples/spark/driver.py \
        --corpus hdfs:///archive/*.jsonl.gz --out hdfs:///archive/leitmotif \
        --binary ./leitmotif --model model.json --order-by year

Outputs in --out: `scores.parquet` (one row per document: the figures of documents.csv, plus the
--keep fields and `error`), `passages.parquet` (the rows of passages.csv; not with --no-reuse).
See README.md in this folder for the contract, the costs and other engines.
"""

import argparse
import shlex
import subprocess
import sys
import time
from pathlib import Path

from pyspark.sql import DataFrame, SparkSession


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--corpus", required=True, help="JSONL files (a path or glob Spark reads; .gz is fine)")
    p.add_argument("--out", required=True, help="output folder (Parquet datasets are written inside)")
    p.add_argument("--binary", default="./leitmotif",
                   help="the leitmotif binary as executors see it (shipped with --files: ./leitmotif)")
    p.add_argument("--lexicon", action="append", default=[],
                   help="lexicon file as executors see it (ship it with --files); default: the bundled lexicons")
    p.add_argument("--model", help="corpus model saved by `leitmotif scan --save-model` (ship it with --files)")
    p.add_argument("--keep", default="", help="input fields copied into each score row, comma-separated")
    p.add_argument("--id-field", default="id")
    p.add_argument("--text-field", default="text")
    p.add_argument("--rows", choices=["tsv", "jsonl"], default="tsv",
                   help="how score rows cross the pipe: tsv (TRANSFORM's delimited rows) or jsonl "
                        "(one JSON string per row, parsed with from_json: exact for any text)")
    p.add_argument("--order-by", help="field that orders documents for recycled passages (earliest first)")
    p.add_argument("--min-words", type=int, default=25)
    p.add_argument("--no-reuse", action="store_true", help="scores only")
    p.add_argument("--master", help="Spark master for a run outside spark-submit, e.g. local[2]")
    p.add_argument("--partitions", type=int, help="repartition the corpus into this many parts first")
    p.add_argument("--shuffle-partitions", type=int,
                   help="spark.sql.shuffle.partitions: the groups of the reuse job (Spark's default, 200, "
                        "suits a cluster; a few per core suit local[N])")
    p.add_argument("--driver-memory", help="spark.driver.memory for a run outside spark-submit, e.g. 3g")
    return p.parse_args(argv)


def score_command(args, row_format):
    """The command every executor runs on its partition."""
    command = [args.binary, "score", "--format", row_format, "--quiet",
               "--id-field", args.id_field, "--text-field", args.text_field]
    for lexicon in args.lexicon:
        command += ["--lexicon", lexicon]
    if args.model:
        command += ["--model", args.model]
    if args.keep:
        command += ["--keep", args.keep]
    return command


def score_schema(args):
    """`leitmotif score --schema`: the columns and their Spark SQL types, from the same binary and
    lexicons the executors use (the driver needs its own copy of both)."""
    command = score_command(args, "tsv") + ["--schema"]
    return subprocess.run(command, check=True, capture_output=True, text=True).stdout.strip()


def sql_string(text):
    """`text` as a Spark SQL string literal."""
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"


def scores(spark, lines: DataFrame, args) -> DataFrame:
    """One row per document. `lines` has one column, `value`: the JSONL lines as read, unparsed, so
    the binary sees exactly the bytes a local run would."""
    schema = score_schema(args)
    lines.createOrReplaceTempView("leitmotif_lines")
    if args.rows == "tsv":
        # Tab-separated both ways (the default without Hive support is \u0001). A JSON line holds
        # no raw line break, so one input line is one row. Text cells arrive with tab, line break,
        # carriage return and backslash escaped; \N is NULL.
        command = shlex.join(score_command(args, "tsv"))
        return spark.sql(f"""
            SELECT TRANSFORM (value)
              ROW FORMAT DELIMITED FIELDS TERMINATED BY '\\t'
              USING {sql_string(command)}
              AS ({schema})
              ROW FORMAT DELIMITED FIELDS TERMINATED BY '\\t'
            FROM leitmotif_lines""")
    command = shlex.join(score_command(args, "jsonl"))
    raw = spark.sql(f"""
        SELECT TRANSFORM (value)
          ROW FORMAT DELIMITED FIELDS TERMINATED BY '\\t'
          USING {sql_string(command)}
          AS (row STRING)
          ROW FORMAT DELIMITED FIELDS TERMINATED BY '\\t'
        FROM leitmotif_lines""")
    return raw.selectExpr(f"from_json(row, {sql_string(schema)}) AS r").select("r.*")


def documents_with_ordinal(spark, lines: DataFrame, ordinal_col="_ordinal") -> DataFrame:
    """The corpus as Spark reads JSON, with each document's place in the input (file order: the
    earliest-first order of recycled passages breaks ties by it, as a local run does)."""
    parsed = spark.read.json(lines.rdd.map(lambda row: row.value))
    numbered = parsed.rdd.zipWithIndex().map(lambda pair: (*pair[0], pair[1]))
    return spark.createDataFrame(numbered, parsed.schema.add(ordinal_col, "long"))


def main(argv):
    args = parse_args(argv)
    builder = SparkSession.builder.appName("leitmotif")
    if args.master:
        builder = builder.master(args.master).config("spark.ui.enabled", "false")
    if args.driver_memory:
        builder = builder.config("spark.driver.memory", args.driver_memory)
    if args.shuffle_partitions:
        builder = builder.config("spark.sql.shuffle.partitions", str(args.shuffle_partitions))
    spark = builder.getOrCreate()
    lines = spark.read.text(args.corpus).where("trim(value) != ''")
    if args.partitions:
        lines = lines.repartition(args.partitions)
    out = args.out.rstrip("/")
    started = time.monotonic()
    scores(spark, lines, args).write.mode("overwrite").parquet(f"{out}/scores.parquet")
    print(f"driver.py: scores.parquet written in {time.monotonic() - started:.1f} s", flush=True)
    if not args.no_reuse:
        sys.path.insert(0, str(Path(__file__).resolve().parent))
        from reuse_job import recycled_passages

        docs = documents_with_ordinal(spark, spark.read.text(args.corpus).where("trim(value) != ''"))
        passages = recycled_passages(spark, docs, args.binary, id_field=args.id_field, text_field=args.text_field,
                                     order_by=args.order_by, min_words=args.min_words)
        started = time.monotonic()
        passages.write.mode("overwrite").parquet(f"{out}/passages.parquet")
        print(f"driver.py: passages.parquet written in {time.monotonic() - started:.1f} s", flush=True)
    spark.stop()


if __name__ == "__main__":
    main(sys.argv[1:])
