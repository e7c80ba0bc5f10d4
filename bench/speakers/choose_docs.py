#!/usr/bin/env python3
"""Deterministic selection of the speaker audit set (independent of bench/eval).

Documents whose ids are in /work/eval_doc_ids.txt (the evaluation set) are never read beyond
their id. From the rest:

- Kremlin EN (`kremlin-news-2021-2022.csv`, id = `link`): 21 items with at least two distinct
  speaker-label strings (a rough regex: capitalised words and a colon after a sentence end) and
  4 items with exactly one (single-speaker speeches), bodies of 1,500-30,000 characters, sampled
  with a fixed seed.
- Kremlin EN, batch 2 (added after batch 1 was annotated, to measure on documents the fixes were
  not made on): 10 more multi-speaker items of 30,000-120,000 characters (press conferences,
  long meetings) and 5 more of 1,500-30,000, none of batch 1, sampled with seed `SEED + 1`.
- Russian (`ru/*.csv`, id = `url`, else `<file>#<row>`): every document with a line-initial label
  (`В.Путин:`, `Вопрос:`…), exact duplicate texts dropped, at most 40,000 characters; if more
  than 15 remain, 15 sampled with the same seed.

Prints one JSON object per line: corpus, row, doc_id, batch, title, chars.
"""
import csv
import json
import os
import random
import re

csv.field_size_limit(1 << 30)
SHARED = os.environ.get("LEITMOTIF_SHARED", "/work/shared/corpora")
SEED = 20261207
OFF_LIMITS = set(open("/work/eval_doc_ids.txt", encoding="utf-8").read().split())
EN_LABEL = re.compile(r"(?:^|[.!?…\"”] )((?:[A-Z][\w\-.]*[ ,]+(?:(?:of|the|and|to) )*){0,8}[A-Z][\w\-]*):\s")
RU_LABEL = re.compile(r"(?m)^\s*(?:[А-ЯЁ]\.)+\s?[А-ЯЁ][а-яё\-]+(?: \([^)\n]*\))?:|^\s*Вопрос:")


def rows(corpus):
    with open(os.path.join(SHARED, corpus), encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def select():
    chosen = []
    corpus = "kremlin-news-2021-2022.csv"
    multi, single, long = [], [], []
    for index, row in enumerate(rows(corpus)):
        if row["link"] in OFF_LIMITS or not 1500 <= len(row["body"]) <= 120000:
            continue
        labels = set(EN_LABEL.findall(row["body"]))
        if len(row["body"]) > 30000:
            if len(labels) >= 2:
                long.append(index)
        elif len(labels) >= 2:
            multi.append(index)
        elif len(labels) == 1:
            single.append(index)
    rng = random.Random(SEED)
    batch1 = sorted(rng.sample(multi, 21) + rng.sample(single, 4))
    rng = random.Random(SEED + 1)
    rest = [index for index in multi if index not in batch1]
    batch2 = sorted(rng.sample(long, 10) + rng.sample(rest, 5))
    for batch, indices in ((1, batch1), (2, batch2)):
        for index in indices:
            row = rows(corpus)[index]
            chosen.append({"corpus": corpus, "row": index, "doc_id": row["link"], "batch": batch,
                           "title": row["headline"][:80], "chars": len(row["body"])})
    ru = []
    for corpus in sorted(f"ru/{name}" for name in os.listdir(os.path.join(SHARED, "ru"))):
        seen = set()
        for index, row in enumerate(rows(corpus)):
            doc_id = row["url"] or f"{corpus}#{index}"
            if doc_id in OFF_LIMITS or row["text"] in seen:
                continue
            seen.add(row["text"])
            if RU_LABEL.search(row["text"]) and len(row["text"]) <= 40000:
                ru.append({"corpus": corpus, "row": index, "doc_id": doc_id, "batch": 1,
                           "title": row["title"][:80], "chars": len(row["text"])})
    if len(ru) > 15:
        ru = [ru[i] for i in sorted(random.Random(SEED).sample(range(len(ru)), 15))]
    return chosen + ru


if __name__ == "__main__":
    for item in select():
        print(json.dumps(item, ensure_ascii=False))
