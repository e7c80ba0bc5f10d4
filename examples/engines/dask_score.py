"""leitmotif score over a Dask bag: one leitmotif process per partition, rows back as a DataFrame.

    python dask_score.py path/to/leitmotif 'corpus/*.jsonl'

Checked on 2,000 UNGDC speeches: 2,000 rows, the word total of documents.csv (README, "At scale").
"""

import json
import subprocess
import sys

import dask.bag as db


def score_partition(lines, binary="leitmotif"):
    """A partition's JSONL lines in, one JSON row per document out (in order, errors in the row)."""
    text = "".join(line if line.endswith("\n") else line + "\n" for line in lines)
    out = subprocess.run([binary, "score", "--quiet"], input=text, capture_output=True, text=True, check=True).stdout
    return [json.loads(row) for row in out.splitlines()]


if __name__ == "__main__":
    binary, corpus = sys.argv[1], sys.argv[2]
    bag = db.read_text(corpus, blocksize="64MiB").map_partitions(score_partition, binary=binary)
    scores = bag.to_dataframe().compute()
    print(len(scores), "rows;", scores["words"].sum(), "words;", (scores["error"] != "").sum(), "errors")
