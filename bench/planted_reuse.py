#!/usr/bin/env python3
"""Planted-reuse evaluation of `leitmotif reuse` (issue 3).

Takes 2,000 UNGDC speeches (seeded sample), copies a few hundred passages of 40-120 words from
earlier speeches into later ones with 0-15% of the words edited (substituted, deleted or inserted),
runs leitmotif on the original and on the planted corpus, and reports passage precision, recall,
fragmentation, edge accuracy and how often the earliest source is named correctly.

    cargo build --release
    python3 bench/planted_reuse.py [--ungdc ../shared/corpora/ungdc.jsonl.gz] [--work /tmp/planted]

A reported passage counts as correct when it covers at least half of a planted passage (in the
planted document) or when it is natural reuse, i.e. the run on the original 2,000 speeches reports
the same document and source. Recall: planted passages at least half covered by one reported
passage. Source: the reported source is the speech the passage was copied from.

A second planted set (issue 13) copies 120 passages of 50-110 words **verbatim** into later
speeches, in a corpus of their own (the same 2,000 speeches). Most of them are generic UN prose:
among many candidate windows of a speech, the one whose rarest 4-word shingle is the most common
in the sample (every shingle of such a passage also occurs in other speeches, so the first
occurrence of each points elsewhere). Every one must yield a passage in the receiving speech;
"exact copies found: N of M" counts those covered at least half by one reported passage, and the
source is right when it is the earliest speech holding the whole passage (its words, in order).
"""
import argparse
import csv
import gzip
import json
import random
import re
import subprocess
import sys
import time
from pathlib import Path

SEED = 20261129
SPEECHES = 2000
PLANTED = 300
EXACT = 120


def load(path):
    rng = random.Random(SEED)
    with gzip.open(path, "rt", encoding="utf-8") as f:
        docs = [json.loads(line) for line in f]
    sample = rng.sample(docs, SPEECHES)
    sample.sort(key=lambda d: (int(d["year"]), d["id"]))
    return sample


def edit(words, rate, rng, vocabulary):
    out = []
    for w in words:
        if rng.random() >= rate:
            out.append(w)
            continue
        kind = rng.choice(("substitute", "delete", "insert"))
        if kind == "substitute":
            out.append(rng.choice(vocabulary))
        elif kind == "insert":
            out.extend([w, rng.choice(vocabulary)])
    return out


def plant(sample):
    rng = random.Random(SEED + 1)
    vocabulary = sorted({w for d in sample[:200] for w in d["text"].split() if w.isalpha() and len(w) > 3})
    by_year = {}
    for i, d in enumerate(sample):
        by_year.setdefault(int(d["year"]), []).append(i)
    plans = {}  # target index -> list of (paragraph position, planted text, source index, source span)
    planted = 0
    while planted < PLANTED:
        source = rng.randrange(len(sample) - 50)
        later = [i for i in range(source + 1, len(sample)) if int(sample[i]["year"]) > int(sample[source]["year"])]
        if not later:
            continue
        target = rng.choice(later)
        words = list(re.finditer(r"\S+", sample[source]["text"]))
        length = rng.randint(40, 120)
        if len(words) < length + 10:
            continue
        first = rng.randrange(len(words) - length)
        span = (words[first].start(), words[first + length - 1].end())
        original = sample[source]["text"][span[0]:span[1]].split()
        copied = " ".join(edit(original, rng.uniform(0.0, 0.15), rng, vocabulary))
        paragraphs = sample[target]["text"].split("\n")
        plans.setdefault(target, []).append((rng.randrange(len(paragraphs) + 1), copied, source, span))
        planted += 1
    return insert(sample, plans)


def norm_words(text):
    return re.findall(r"\w+", text.lower())


def plant_exact(sample):
    """Verbatim copies of 50-110 words, most of them chosen for common shingles."""
    rng = random.Random(SEED + 2)
    df = {}
    tokens = [norm_words(d["text"]) for d in sample]
    for words in tokens:
        for g in {tuple(words[i:i + 4]) for i in range(len(words) - 3)}:
            df[g] = df.get(g, 0) + 1
    plans = {}
    planted = 0
    while planted < EXACT:
        source = rng.randrange(len(sample) - 50)
        later = [i for i in range(source + 1, len(sample)) if int(sample[source]["year"]) < int(sample[i]["year"])]
        words = list(re.finditer(r"\S+", sample[source]["text"]))
        length = rng.randint(50, 110)
        if not later or len(words) < length + 10:
            continue
        target = rng.choice(later)
        generic = planted % 5 != 4  # four in five generic, one in five anywhere

        def commonness(first):
            grams = norm_words(sample[source]["text"][words[first].start():words[first + length - 1].end()])
            return min((df.get(tuple(grams[i:i + 4]), 0) for i in range(len(grams) - 3)), default=0)

        starts = [rng.randrange(len(words) - length) for _ in range(60 if generic else 1)]
        first = max(starts, key=commonness)
        span = (words[first].start(), words[first + length - 1].end())
        copied = sample[source]["text"][span[0]:span[1]]
        paragraphs = sample[target]["text"].split("\n")
        plans.setdefault(target, []).append((rng.randrange(len(paragraphs) + 1), copied, source, span))
        planted += 1
    return insert(sample, plans)


def insert(sample, plans):
    texts = [d["text"] for d in sample]
    truth = []
    for target, items in plans.items():
        paragraphs = sample[target]["text"].split("\n")
        for position, copied, source, span in sorted(items, key=lambda x: -x[0]):
            paragraphs.insert(position, copied)
        text = "\n".join(paragraphs)
        cursor = 0
        for position, copied, source, span in sorted(items, key=lambda x: x[0]):
            start = text.index(copied, cursor)
            cursor = start + len(copied)
            truth.append({"doc": sample[target]["id"], "start": start, "end": start + len(copied),
                          "source": sample[source]["id"], "source_start": span[0], "source_end": span[1]})
        texts[target] = text
    return texts, truth


def write(path, sample, texts):
    with open(path, "w", encoding="utf-8") as f:
        for d, text in zip(sample, texts):
            f.write(json.dumps({"id": d["id"], "year": d["year"], "text": text}) + "\n")


def run(binary, corpus, out):
    started = time.time()
    subprocess.run([binary, "reuse", str(corpus), "--order-by", "year", "--out", str(out), "--quiet"], check=True)
    return time.time() - started, list(csv.DictReader(open(out / "passages.csv", encoding="utf-8")))


def char_to_word_index(text):
    """Character offset -> word number, for edge errors in words."""
    index = [0] * (len(text) + 1)
    count = 0
    inside = False
    for i, c in enumerate(text):
        if c.isalnum() and not inside:
            count += 1
        inside = c.isalnum()
        index[i] = count
    index[len(text)] = count
    return index


def overlap(a_start, a_end, b_start, b_end):
    return max(0, min(a_end, b_end) - max(a_start, b_start))


def evaluate(truth, reported, natural_pairs, text_of, expected_source=None):
    """Recall, source, fragments and edges of the planted passages; precision of the reported ones."""
    words_of = {}
    found = 0
    source_right = 0
    fragments = []
    edge_errors = []
    for t in truth:
        covering = [p for p in reported if p["doc_id"] == t["doc"]
                    and overlap(int(p["start"]), int(p["end"]), t["start"], t["end"]) > 0]
        fragments.append(len(covering))
        best = max(covering, key=lambda p: overlap(int(p["start"]), int(p["end"]), t["start"], t["end"]), default=None)
        if best and overlap(int(best["start"]), int(best["end"]), t["start"], t["end"]) >= 0.5 * (t["end"] - t["start"]):
            found += 1
            wanted = expected_source(t) if expected_source else t["source"]
            source_right += best["source_doc_id"] == wanted
            index = words_of.setdefault(t["doc"], char_to_word_index(text_of[t["doc"]]))
            edge_errors.append(abs(index[int(best["start"])] - index[t["start"]]))
            edge_errors.append(abs(index[max(int(best["end"]) - 1, 0)] - index[t["end"] - 1]))
    true_positive = 0
    false_positive = []
    for p in reported:
        planted_overlap = sum(overlap(int(p["start"]), int(p["end"]), t["start"], t["end"])
                              for t in truth if t["doc"] == p["doc_id"])
        if planted_overlap >= 0.5 * (int(p["end"]) - int(p["start"])) or (p["doc_id"], p["source_doc_id"]) in natural_pairs:
            true_positive += 1
        else:
            false_positive.append(p)
    precision = true_positive / max(len(reported), 1)
    print(f"precision {precision:.3f} ({len(false_positive)} passages neither planted nor natural)")
    print(f"recall {found / len(truth):.3f} ({found} of {len(truth)} planted passages found)")
    print(f"earliest source right {source_right / max(found, 1):.3f} ({source_right} of {found})")
    print(f"one passage per planted passage: {sum(1 for f in fragments if f == 1)} of {len(truth)}; "
          f"mean reported passages overlapping one planted passage {sum(fragments) / len(fragments):.2f}")
    edge_errors.sort()
    if edge_errors:
        exact = sum(1 for e in edge_errors if e == 0) / len(edge_errors)
        print(f"edges exact to the word {exact:.3f}; median error {edge_errors[len(edge_errors) // 2]} words; "
              f"95th percentile {edge_errors[int(len(edge_errors) * 0.95)]} words")
    for p in false_positive[:5]:
        print("  not planted, not natural:", p["doc_id"], p["source_doc_id"], p["words"], p["text"][:100].replace("\n", " "))
    return found, [t for t, f in zip(truth, fragments) if f == 0]


def write_truth(path, truth):
    """The planted passages as CSV, one row each."""
    with open(path, "w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=list(truth[0]))
        writer.writeheader()
        writer.writerows(truth)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--ungdc", default="../shared/corpora/ungdc.jsonl.gz")
    parser.add_argument("--work", default="/tmp/leitmotif-planted")
    parser.add_argument("--binary", default="target/release/leitmotif")
    args = parser.parse_args()
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    sample = load(args.ungdc)
    texts, truth = plant(sample)
    write(work / "original.jsonl", sample, [d["text"] for d in sample])
    write(work / "planted.jsonl", sample, texts)
    write_truth(work / "truth.csv", truth)
    _, natural = run(args.binary, work / "original.jsonl", work / "out-original")
    seconds, reported = run(args.binary, work / "planted.jsonl", work / "out-planted")
    natural_pairs = {(p["doc_id"], p["source_doc_id"]) for p in natural}
    print(f"speeches {SPEECHES}, planted passages {len(truth)}, natural passages (original corpus) {len(natural)}")
    print(f"reported {len(reported)} passages in {seconds:.2f} s")
    evaluate(truth, reported, natural_pairs, {d["id"]: t for d, t in zip(sample, texts)})

    # Second set: verbatim copies of 50-110 words, mostly generic prose (issue 13).
    texts, truth = plant_exact(sample)
    write(work / "planted-exact.jsonl", sample, texts)
    write_truth(work / "truth-exact.csv", truth)
    seconds, reported = run(args.binary, work / "planted-exact.jsonl", work / "out-planted-exact")
    place = {d["id"]: i for i, d in enumerate(sample)}
    joined = [" " + " ".join(norm_words(t)) + " " for t in texts]

    def earliest_holder(t):
        passage = " " + " ".join(norm_words(sample[place[t["source"]]]["text"][t["source_start"]:t["source_end"]])) + " "
        return next(sample[i]["id"] for i in range(place[t["doc"]]) if passage in joined[i])

    print(f"\nverbatim copies of 50-110 words: {len(truth)}; reported {len(reported)} passages in {seconds:.2f} s")
    found, missed = evaluate(truth, reported, natural_pairs, {d["id"]: t for d, t in zip(sample, texts)}, earliest_holder)
    print(f"exact copies found: {found} of {len(truth)}")
    for t in missed:
        quote = texts[place[t["doc"]]][t["start"]:t["end"]]
        print(f"  missed entirely: {t['doc']} <- {t['source']}, {len(quote.split())} words: {quote[:90]!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
