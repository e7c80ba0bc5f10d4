#!/usr/bin/env python3
"""Annotation aid: lists every colon after capitalised words at a plausible turn position in the
selected documents (a deliberately loose net), with context, so that a reader can go through
them and write bench/speakers/turns.jsonl by hand. Not used by score.py.

Usage: python3 bench/speakers/propose.py [--doc SUBSTRING]
"""
import csv
import json
import os
import re
import sys

csv.field_size_limit(1 << 30)
HERE = os.path.dirname(os.path.abspath(__file__))
SHARED = os.environ.get("LEITMOTIF_SHARED", "/work/shared/corpora")
EN = re.compile(r"(?:^|(?<=[.!?…\"”*)] ))([A-Z][^:.!?\n]{0,160}?(?:\.[^:.!?\n]{0,40}?)?):(?=\s|…)")
RU = re.compile(r"(?m)^[ \u00a0\t]*([^\s:][^\n:]{0,160}):")


def main():
    only = sys.argv[2] if len(sys.argv) > 2 and sys.argv[1] == "--doc" else ""
    with open(os.path.join(HERE, "selection.jsonl"), encoding="utf-8") as f:
        selection = [json.loads(line) for line in f]
    for item in selection:
        if only not in item["doc_id"]:
            continue
        with open(os.path.join(SHARED, item["corpus"]), encoding="utf-8", newline="") as f:
            row = list(csv.DictReader(f))[item["row"]]
        text = row["body"] if "kremlin-news" in item["corpus"] else row["text"]
        print(f"=== {item['doc_id']} row {item['row']} chars {len(text)} :: {item['title']}")
        for m in (EN if "kremlin-news" in item["corpus"] else RU).finditer(text):
            label = m.group(1)
            before = text[max(0, m.start(1) - 50):m.start(1)].replace("\n", "⏎")
            after = text[m.end():m.end() + 60].replace("\n", "⏎")
            print(f"  {m.start(1):6} {m.end() + 1:6} [{label}]   …{before}|{after}")


if __name__ == "__main__":
    main()
