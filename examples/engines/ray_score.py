"""leitmotif score over Ray Data: one leitmotif process per batch, rows back as a pandas DataFrame.

    python ray_score.py path/to/leitmotif corpus.jsonl

Checked on 2,000 UNGDC speeches: 2,000 rows, the word total of documents.csv (README, "At scale").
"""

import sys

import pandas
import ray
from partition import score_partition


if __name__ == "__main__":
    binary, corpus = sys.argv[1], sys.argv[2]
    ray.init(include_dashboard=False, log_to_driver=False)
    dataset = ray.data.read_text(corpus).map_batches(
        lambda batch: pandas.DataFrame(score_partition(batch["text"].tolist(), binary)), batch_format="pandas"
    )
    scores = dataset.to_pandas()
    print(len(scores), "rows;", scores["words"].sum(), "words;", (scores["error"] != "").sum(), "errors")
