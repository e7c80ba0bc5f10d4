"""The one function the engine examples share: a partition (or batch) of JSONL lines in, one row per
document out, from one `leitmotif score` process — in order, with errors inside the rows."""

import json
import subprocess


def score_partition(lines, binary="leitmotif"):
    """Scores a partition's JSONL lines; returns one dict per document (the columns of `score`)."""
    text = "".join(line if line.endswith("\n") else line + "\n" for line in lines)
    out = subprocess.run([binary, "score", "--quiet"], input=text, capture_output=True, text=True, check=True).stdout
    return [json.loads(row) for row in out.splitlines()]
