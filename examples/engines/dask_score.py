"""leitmotif score over a Dask bag: one leitmotif process per partition, rows back as a DataFrame.

    python dask_score.py path/to/leitmotif 'corpus/*.jsonl'

Checked on 2,000 UNGDC speeches: 2,000 rows, the word total of documents.csv (README, "At scale").
"""

import sys

import dask.bag as db
from partition import score_partition


if __name__ == "__main__":
    binary, corpus = sys.argv[1], sys.argv[2]
    bag = db.read_text(corpus, blocksize="64MiB").map_partitions(score_partition, binary=binary)
    scores = bag.to_dataframe().compute()
    print(len(scores), "rows;", scores["words"].sum(), "words;", (scores["error"] != "").sum(), "errors")
