"""Two-phase recycled-passage detection in Spark: `leitmotif shingles` and `leitmotif resolve`
run on the executors through Spark SQL's TRANSFORM, with group-by and joins in between.

    recycled_passages(spark, docs, binary, *, id_field="id", text_field="text", order_by=None,
                      ordinal_col="_ordinal", min_words=25, groups=None) -> DataFrame

`docs` is the corpus as read by `spark.read.json(path)`, with a long column `ordinal_col` holding
each document's place in the input (0, 1, 2, ... in input order; the driver adds it, e.g. with
`rdd.zipWithIndex()`); `binary` is the path of the leitmotif binary on the executors (with
`spark-submit --files /path/to/leitmotif` it is `./leitmotif`). The result has the columns of
passages.csv in its order, with the values of `leitmotif reuse ... --format jsonl` (passages.jsonl):
doc_id, start, end, words, source_doc_id, source_start, source_end, source_order, similarity,
cluster_id, cluster_docs, text.

The steps (src/reuse/DESIGN.md, "Two-phase form"):
  1. shingles: one row per kept fingerprint (hash, place, pos, char_start, char_end, doc_id);
  2. the earliest holder of each hash: min(place) grouped by hash (partial aggregation, no
     collect_list); each document's fingerprints joined with it are its seeds;
  3. resolve --grouped per group of targets (a hash of the target modulo `groups`; rows
     clustered by group): each target's seeds, and, once per group, its targets' own records and
     the records of the documents their seeds name. A target whose fallback for long verbatim runs needs
     more asks for it (need-doc / need-hash rows) and runs again with those rows added: the earlier
     holders of the hashes it names (the first 1,025 by place, a window over (target, hash)) and
     the records of the documents it names. Targets that finished are not run again;
  4. resolve --finish on one partition numbers the clusters over all passage rows.
"""

import shlex
import sys

from pyspark.sql import DataFrame, SparkSession, Window
from pyspark.sql import functions as F

DOC_KEY_LEN = 33
HOLDERS_KEPT = 1025
MAX_ROUNDS = 8

PASSAGE_SCHEMA = (
    "doc_id STRING, start BIGINT, `end` BIGINT, words BIGINT, source_doc_id STRING, "
    "source_start BIGINT, source_end BIGINT, source_order STRING, similarity DOUBLE, "
    "cluster_id BIGINT, cluster_docs BIGINT, text STRING"
)
PASSAGE_COLUMNS = [
    "doc_id", "start", "end", "words", "source_doc_id", "source_start", "source_end",
    "source_order", "similarity", "cluster_id", "cluster_docs", "text",
]

_views = [0]


def _view(df: DataFrame) -> str:
    """Registers `df` under a fresh temporary view name."""
    _views[0] += 1
    name = f"_leitmotif_reuse_{_views[0]}"
    df.createOrReplaceTempView(name)
    return name


def _transform(spark: SparkSession, df: DataFrame, columns, command: str, schema: str) -> DataFrame:
    """Pipes the rows of `df` (its `columns`, tab-separated, one row a line) through `command`
    (run by /bin/bash -c on every partition) and reads its tab-separated lines as `schema`."""
    view = _view(df)
    cols = ", ".join(f"`{c}`" for c in columns)
    quoted = command.replace("\\", "\\\\").replace("'", "\\'")
    return spark.sql(
        f"SELECT TRANSFORM({cols}) ROW FORMAT DELIMITED FIELDS TERMINATED BY '\\t' "
        f"USING '{quoted}' AS ({schema}) ROW FORMAT DELIMITED FIELDS TERMINATED BY '\\t' FROM {view}"
    )


def recycled_passages(spark, docs, binary, *, id_field="id", text_field="text", order_by=None,
                      ordinal_col="_ordinal", min_words=25, groups=None) -> DataFrame:
    """The recycled passages of `docs` (see the module's text). `groups`: how many groups of
    targets phase two runs (each group is sent the records its targets need once); default: the
    number of shuffle partitions."""
    exe = shlex.quote(binary)
    groups = int(groups or spark.conf.get("spark.sql.shuffle.partitions"))
    group_of = lambda c: F.pmod(F.xxhash64(c), F.lit(groups)).cast("string")  # noqa: E731
    # 1. Phase one. Each document goes to the binary as one JSON line (JSON never holds a raw tab or
    # newline), read exactly as `leitmotif reuse` reads a JSONL line.
    fields = [c for c in (id_field, text_field, order_by, ordinal_col) if c is not None]
    records = docs.select(F.to_json(F.struct(*[F.col(f"`{c}`") for c in dict.fromkeys(fields)])).alias("json"))
    command = (
        f"{exe} shingles - --threads 1 --error-rows --id-field {shlex.quote(id_field)} --text-field {shlex.quote(text_field)} "
        f"--ordinal-field {shlex.quote(ordinal_col)}"
        + (f" --order-by {shlex.quote(order_by)}" if order_by else "")
    )
    rows = _transform(spark, records, ["json"], command,
                      "hash STRING, place STRING, pos STRING, char_start STRING, char_end STRING, doc_id STRING")
    rows = rows.persist()
    errors = rows.filter(F.col("hash") == "error").limit(11).collect()
    if errors:
        shown = "; ".join(f"line {e['pos']} of a partition: {e['doc_id']}" for e in errors[:10])
        print(f"leitmotif reuse_job: warning: records that could not be read were left out: {shown}", file=sys.stderr)
    shingles = (rows.filter(F.col("hash") != "error")
                .select(F.col("hash").cast("long").alias("hash"), "place", F.col("pos").cast("int").alias("pos"))
                .persist())
    doc_of = lambda c: F.substring(c, 1, DOC_KEY_LEN)  # noqa: E731

    # 2. The earliest holder of each hash, and each document's seeds (fingerprints held earlier).
    first = shingles.groupBy("hash").agg(F.min("place").alias("first"))
    seeds = (shingles.join(first, "hash")
             .select(doc_of("place").alias("target"), F.lit("seed").alias("kind"),
                     F.col("pos").cast("string").alias("a"), F.col("first").alias("b"))
             .filter(doc_of("b") != F.col("target"))
             .persist())

    # The records, keyed: the key of a document is on its shingle rows (its ordinal is hex digits 18-33).
    keys = shingles.select(doc_of("place").alias("key")).distinct()
    keys = keys.withColumn("ordinal", F.conv(F.substring("key", 18, 16), 16, 10).cast("long"))
    record_fields = [F.col(f"`{id_field}`").cast("string").alias("id")]
    if order_by:
        record_fields.append(F.coalesce(F.col(f"`{order_by}`").cast("string"), F.lit("")).alias("order"))
    record_fields.append(F.col(f"`{text_field}`").alias("text"))
    records = (docs.select(F.col(f"`{ordinal_col}`").cast("long").alias("ordinal"), F.to_json(F.struct(*record_fields)).alias("record"))
               .join(keys, "ordinal")
               .select("key", "record")
               .persist())

    # What each target is given in the first round: its own record and those its seeds name.
    wanted_docs = (seeds.select("target", doc_of("b").alias("key"))
                   .union(seeds.select("target", F.col("target").alias("key")))
                   .distinct()
                   .persist())
    wanted_hashes = spark.createDataFrame([], "target STRING, hash LONG")
    pending = seeds.select("target").distinct()
    found = []
    for round_number in range(MAX_ROUNDS):
        doc_rows = (wanted_docs.join(pending, "target").select(group_of("target").alias("group"), "key").distinct()
                    .join(records, "key")
                    .select("group", F.lit("").alias("target"), F.lit("doc").alias("kind"), F.col("key").alias("a"),
                            F.col("record").alias("b")))
        holders = (wanted_hashes.join(pending, "target").join(shingles, "hash")
                   .filter(doc_of("place") < F.col("target")))
        rank = Window.partitionBy("target", "hash").orderBy("place")
        hold_rows = (holders.withColumn("n", F.row_number().over(rank)).filter(F.col("n") <= HOLDERS_KEPT)
                     .select(group_of("target").alias("group"), "target", F.lit("hold").alias("kind"),
                             F.col("hash").cast("string").alias("a"), F.col("place").alias("b")))
        given = (seeds.join(pending, "target").select(group_of("target").alias("group"), "target", "kind", "a", "b")
                 .union(doc_rows).union(hold_rows)
                 .repartition(groups, "group").sortWithinPartitions("group"))
        out = _transform(spark, given, ["group", "target", "kind", "a", "b"],
                         f"{exe} resolve --grouped -q --min-words {int(min_words)}",
                         "kind STRING, target STRING, value STRING").localCheckpoint()
        found.append(out.filter(F.col("kind") == "passage"))
        needs = out.filter(F.col("kind") != "passage")
        pending = needs.select("target").distinct().localCheckpoint()
        if pending.isEmpty():
            break
        wanted_docs = wanted_docs.union(
            needs.filter(F.col("kind") == "need-doc").select("target", F.col("value").alias("key"))).distinct().localCheckpoint()
        wanted_hashes = wanted_hashes.union(
            needs.filter(F.col("kind") == "need-hash").select("target", F.col("value").cast("long").alias("hash"))
        ).distinct().localCheckpoint()
    else:
        raise RuntimeError(f"some targets still need data after {MAX_ROUNDS} rounds")

    # 4. Clusters over all passages, on one partition.
    passages = found[0]
    for more in found[1:]:
        passages = passages.union(more)
    lines = _transform(spark, passages.coalesce(1), ["kind", "target", "value"],
                       f"{exe} resolve --finish --stdout -q", "line STRING")
    parsed = lines.select(F.from_json("line", PASSAGE_SCHEMA).alias("p"))
    return parsed.select(*[F.col(f"p.`{c}`").alias(c) for c in PASSAGE_COLUMNS])
