#!/usr/bin/env python3
"""Speaker audit: word-level speaker accuracy of `leitmotif scan` on bench/speakers/turns.jsonl.

The audit set is independent of bench/eval: documents chosen by `choose_docs.py` (never one of the
evaluation documents), turns annotated by reading the documents. `turns.jsonl` holds one line
per turn: `doc_id`, `corpus`, `row`, `batch` (see `choose_docs.py`), `start` (character offset where the turn starts: its label,
or its first word), `body` (offset of the first word after the label's colon; equal to `start`
when the turn has no label), `speaker` (as a reader would name them; `Question` for an unnamed
journalist) and `quote` (the first words of the turn, at most 10). A turn runs to the next
turn's start or to the end of the text. Speaker `-` marks text nobody speaks (site navigation
and footer lines, headlines, the narrator's lines of a news item): it is not scored.

This script rebuilds the documents from ../shared/corpora, runs `leitmotif scan` on them as
JSONL (`id`, `text` and, for the Russian files, their `speaker` column, as the CSV reader passes
it), reads `segments.csv`, and reports per corpus and batch the share of words (outside labels) whose
leitmotif speaker is the annotated one (names folded as bench/eval/score.py does: last word,
transliterated), then the disagreements, one line per turn.

Usage: python3 bench/speakers/score.py [--bin target/release/leitmotif] [--quiet]
"""
import argparse
import collections
import csv
import json
import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
SHARED = os.environ.get("LEITMOTIF_SHARED", os.path.join(ROOT, "..", "shared", "corpora"))


def _eval_scorer():
    """bench/eval/score.py, loaded by path: one name folding (`same_speaker`) for both scorers."""
    import importlib.util
    spec = importlib.util.spec_from_file_location("eval_score", os.path.join(ROOT, "bench", "eval", "score.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


same_speaker = _eval_scorer().same_speaker

WORD = re.compile(r"\w+")
csv.field_size_limit(1 << 30)


def load_turns():
    with open(os.path.join(HERE, "turns.jsonl"), encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def load_docs(turns):
    """doc_id → (corpus, text, speaker field or None), read as leitmotif's CSV reader reads them."""
    wanted = {(t["corpus"], t["row"]): t["doc_id"] for t in turns}
    docs = {}
    for corpus in sorted({c for c, _ in wanted}):
        with open(os.path.join(SHARED, corpus), encoding="utf-8", newline="") as f:
            for index, row in enumerate(csv.DictReader(f)):
                doc_id = wanted.get((corpus, index))
                if doc_id is None:
                    continue
                if "kremlin-news" in corpus:
                    docs[doc_id] = (corpus, row["body"], None)
                else:
                    docs[doc_id] = (corpus, row["text"], row.get("speaker") or None)
    missing = set(wanted.values()) - set(docs)
    if missing:
        sys.exit(f"documents not found: {sorted(missing)[:5]}")
    return docs


def run_scan(binary, docs):
    with tempfile.TemporaryDirectory() as tmp:
        source = os.path.join(tmp, "docs.jsonl")
        with open(source, "w", encoding="utf-8") as f:
            for doc_id, (_, text, speaker) in docs.items():
                record = {"id": doc_id, "text": text}
                if speaker:
                    record["speaker"] = speaker
                f.write(json.dumps(record, ensure_ascii=False) + "\n")
        out = os.path.join(tmp, "out")
        command = [binary, "scan", source, "--out", out, "--quiet"]
        done = subprocess.run(command, capture_output=True, text=True)
        if done.returncode not in (0, 1):
            sys.exit(f"{' '.join(command)} failed: {done.stderr}")
        segments = collections.defaultdict(list)
        with open(os.path.join(out, "segments.csv"), encoding="utf-8-sig", newline="") as f:
            for row in csv.DictReader(f):
                segments[row["doc_id"]].append((int(row["start"]), int(row["end"]), row["speaker"]))
        return segments


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bin", default=os.path.join(ROOT, "target", "release", "leitmotif"))
    parser.add_argument("--quiet", action="store_true", help="figures only, no disagreements")
    args = parser.parse_args()
    turns = load_turns()
    docs = load_docs(turns)
    segments = run_scan(args.bin, docs)
    by_doc = collections.defaultdict(list)
    for turn in turns:
        by_doc[turn["doc_id"]].append(turn)
    stats = collections.defaultdict(collections.Counter)
    errors = []
    for doc_id, doc_turns in by_doc.items():
        corpus, text, _ = docs[doc_id]
        group = ("kremlin-en" if "kremlin-news" in corpus else "ru") + f" batch {doc_turns[0].get('batch', 1)}"
        doc_turns.sort(key=lambda t: t["start"])
        stats[group]["docs"] += 1
        segs = sorted(segments.get(doc_id, []))
        for i, turn in enumerate(doc_turns):
            end = doc_turns[i + 1]["start"] if i + 1 < len(doc_turns) else len(text)
            if turn["speaker"] == "-":
                continue
            stats[group]["turns"] += 1
            wrong = collections.Counter()
            words = [m.start() + turn["body"] for m in WORD.finditer(text[turn["body"]:end])]
            j = 0
            for position in words:
                while j < len(segs) and segs[j][1] <= position:
                    j += 1
                tool = segs[j][2] if j < len(segs) and segs[j][0] <= position else "(none)"
                if not same_speaker(turn["speaker"], tool):
                    wrong[tool] += 1
            stats[group]["words"] += len(words)
            stats[group]["right"] += len(words) - sum(wrong.values())
            if wrong:
                excerpt = text[turn["start"]:turn["start"] + 90].replace("\n", "\\n")
                errors.append(f"{doc_id[-28:]} @{turn['start']} annotated={turn['speaker']!r} "
                              f"tool={dict(wrong)} of {len(words)} words: {excerpt}")
    for group in sorted({g.split(" batch")[0] for g in stats}):
        total = collections.Counter()
        for key in [g for g in stats if g.startswith(group + " ")]:
            total.update(stats[key])
        stats[group + " all"] = total
    for group in sorted(stats):
        s = stats[group]
        print(f"{group:18} docs {s['docs']:3}  turns {s['turns']:4}  words {s['words']:6}  "
              f"speaker accuracy {s['right'] / max(s['words'], 1):.3f}")
    if not args.quiet:
        print(f"\n{len(errors)} turns with disagreements:")
        for line in errors:
            print(line)


if __name__ == "__main__":
    main()
