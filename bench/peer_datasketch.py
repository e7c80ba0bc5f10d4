#!/usr/bin/env python3
"""Side-by-side peer for issue 3: paragraph-level MinHash LSH (datasketch), the usual quick way to
find recycled text. Not part of the test suite.

Each document is split into paragraphs (single newlines, as in UNGDC); every paragraph of at least
25 words is turned into a MinHash of its word 3-shingles (128 permutations) and, in year order,
queried against the LSH index (Jaccard threshold 0.5) *before* being inserted, so that a hit names
an earlier paragraph. Run it on the corpus written by planted_reuse.py and compare with leitmotif:

    pip install datasketch
    python3 bench/planted_reuse.py --work /tmp/leitmotif-planted
    python3 bench/peer_datasketch.py --work /tmp/leitmotif-planted
"""
import argparse
import csv
import json
import re
import time
from pathlib import Path

from datasketch import MinHash, MinHashLSH


def shingles(words, k=3):
    return {" ".join(words[i:i + k]) for i in range(max(len(words) - k + 1, 1))}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--work", default="/tmp/leitmotif-planted")
    args = parser.parse_args()
    work = Path(args.work)
    docs = [json.loads(line) for line in open(work / "planted.jsonl", encoding="utf-8")]
    docs.sort(key=lambda d: (int(d["year"]), d["id"]))
    truth = list(csv.DictReader(open(work / "truth.csv", encoding="utf-8")))
    started = time.time()
    lsh = MinHashLSH(threshold=0.5, num_perm=128)
    found = []  # (doc, paragraph start, paragraph end, earlier key)
    for d in docs:
        offset = 0
        for n, paragraph in enumerate(d["text"].split("\n")):
            start, offset = offset, offset + len(paragraph) + 1
            words = re.findall(r"\w+", paragraph.lower())
            if len(words) < 25:
                continue
            m = MinHash(num_perm=128)
            for s in shingles(words):
                m.update(s.encode("utf-8"))
            hits = lsh.query(m)
            key = f"{d['id']}#{n}"
            if hits:
                found.append((d["id"], start, start + len(paragraph), sorted(hits)[0]))
            lsh.insert(key, m)
    seconds = time.time() - started

    def overlaps(doc, start, end):
        return [t for t in truth if t["doc"] == doc and min(end, int(t["end"])) > max(start, int(t["start"]))]

    recalled = {(t["doc"], t["start"]) for f in found for t in overlaps(f[0], f[1], f[2])}
    right_source = {(t["doc"], t["start"]) for f in found for t in overlaps(f[0], f[1], f[2])
                    if f[3].split("#")[0] == t["source"]}
    leitmotif = list(csv.DictReader(open(work / "out-planted" / "passages.csv", encoding="utf-8")))
    leitmotif_found = {(t["doc"], t["start"]) for p in leitmotif for t in overlaps(p["doc_id"], int(p["start"]), int(p["end"]))}
    other = [f for f in found if not overlaps(f[0], f[1], f[2])]
    print(f"datasketch MinHashLSH, paragraphs: {seconds:.2f} s for {len(docs)} speeches")
    print(f"planted passages found {len(recalled)} of {len(truth)} (recall {len(recalled) / len(truth):.3f}), "
          f"source right {len(right_source)}")
    print(f"other paragraph matches (natural reuse) {len(other)}")
    print(f"planted passages leitmotif finds and MinHash misses: {len(leitmotif_found - recalled)}")
    print(f"planted passages MinHash finds and leitmotif misses: {len(recalled - leitmotif_found)}")
    natural_leitmotif = {(p["doc_id"], p["source_doc_id"]) for p in leitmotif
                         if not overlaps(p["doc_id"], int(p["start"]), int(p["end"]))}
    natural_minhash = {(f[0], f[3].split("#")[0]) for f in other}
    print(f"natural (document, source) pairs: leitmotif {len(natural_leitmotif)}, MinHash {len(natural_minhash)}, "
          f"both {len(natural_leitmotif & natural_minhash)}")
    for pair in sorted(natural_minhash - natural_leitmotif)[:5]:
        print("  MinHash only:", pair)


if __name__ == "__main__":
    main()
