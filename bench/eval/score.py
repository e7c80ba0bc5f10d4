#!/usr/bin/env python3
"""Scores a leitmotif scan against the hand annotations in bench/eval/annotations/.

The annotations were made by reading the texts (following ../shared/CODEBOOK.md), by annotators who
had not seen the lexicon or leitmotif's output. They hold ids, character offsets and short quotes
only; the texts stay in ../shared/corpora. This script rebuilds the annotated documents from
../shared, runs `leitmotif scan` on them, and reports, per part (tuning / held-out) and per corpus:

- phrase recall: analyst stock phrases overlapped by a hit of the same frame;
- hit precision: hits whose frame the analyst also gives the paragraph the hit starts in;
- speaker accuracy: words (outside labels) whose leitmotif speaker is the analyst's (not for UNGDC,
  whose speeches have no speaker labels: the analyst names the delegation);
- main-frame agreement: paragraphs (>= 8 words) whose timeline frame (the frame of most of the
  paragraph's framed words, else none) equals the analyst's main frame (incl. none);
- framed coverage: paragraphs with an analyst frame that get any timeline frame;
- false framing: paragraphs the analyst leaves unframed that get a frame;
- airtime error: per document, the main speaker's share of words per frame, mean absolute error in
  percentage points over frames and documents.

The held-out third (documents whose sha1(doc_id) is 0 mod 3) is reported but must never be looked
at while tuning: run with `--part tuning` while you tune, and `--part both` for the record.

With `--speaker-errors` (tuning part only) it also prints, for each tuning unit where the
analyst's speaker and leitmotif's disagree on some words, the unit's start and both speakers.

Usage: python3 bench/eval/score.py [--bin target/release/leitmotif] [--part tuning|heldout|both]
       [--lexicon PATH ...] [--extra-args "..."] [--speaker-errors] [--by-frame]
"""
import argparse
import atexit
import collections
import csv
import gzip
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
SHARED = os.path.join(ROOT, "..", "shared", "corpora")
FRAMES = ["historical_ties", "security_grievance", "delegitimisation", "relations_rock_bottom",
          "diplomatic_boilerplate", "trade_incentives", "flattery", "the_war"]
WORD = re.compile(r"\w+")
csv.field_size_limit(1 << 30)


def part_of(doc_id):
    return "heldout" if int(hashlib.sha1(doc_id.encode()).hexdigest(), 16) % 3 == 0 else "tuning"


def load_annotations():
    units = []
    folder = os.path.join(HERE, "annotations")
    for name in sorted(os.listdir(folder)):
        if name.endswith(".jsonl"):
            with open(os.path.join(folder, name), encoding="utf-8") as f:
                units.extend(json.loads(line) for line in f if line.strip())
    return units


def load_texts(corpus, ids):
    """The text of each annotated document, exactly as leitmotif reads it."""
    path = os.path.join(SHARED, corpus)
    texts = {}
    if corpus.endswith(".jsonl.gz") or corpus.endswith(".jsonl"):
        opener = gzip.open if corpus.endswith(".gz") else open
        with opener(path, "rt", encoding="utf-8") as f:
            for line in f:
                record = json.loads(line)
                if str(record["id"]) in ids:
                    texts[str(record["id"])] = record["text"]
    else:
        text_column = "body" if "kremlin-news" in corpus else "text"
        with open(path, encoding="utf-8", newline="") as f:
            for index, row in enumerate(csv.DictReader(f)):
                for key in (row.get("link"), row.get("url"), f"{os.path.basename(corpus)}#{index}"):
                    if key in ids:
                        texts[key] = row[text_column]
    missing = ids - set(texts)
    if missing:
        sys.exit(f"annotated documents not found in {corpus}: {sorted(missing)[:5]}")
    return texts


def run_scan(binary, texts, extra):
    """Runs leitmotif on the documents; returns hits and segments per document."""
    with tempfile.TemporaryDirectory() as tmp:
        source = os.path.join(tmp, "docs.jsonl")
        with open(source, "w", encoding="utf-8") as f:
            for doc_id, text in texts.items():
                f.write(json.dumps({"id": doc_id, "text": text}, ensure_ascii=False) + "\n")
        out = os.path.join(tmp, "out")
        command = [binary, "scan", source, "--out", out, "--quiet", *extra]
        done = subprocess.run(command, capture_output=True, text=True)
        if done.returncode not in (0, 1):
            sys.exit(f"{' '.join(command)} failed: {done.stderr}")
        hits, segments = collections.defaultdict(list), collections.defaultdict(list)
        with open(os.path.join(out, "hits.csv"), encoding="utf-8-sig", newline="") as f:
            for row in csv.DictReader(f):
                hits[row["doc_id"]].append((int(row["start"]), int(row["end"]), row["frame"].lstrip("'")))
        with open(os.path.join(out, "segments.csv"), encoding="utf-8-sig", newline="") as f:
            for row in csv.DictReader(f):
                # Each frame's share of the segment (a segment may hold several frames).
                seconds = float(row["end_s"]) - float(row["start_s"])
                shares = {frame: float(row[frame + "_seconds"]) / seconds
                          for frame in FRAMES if seconds > 0 and float(row.get(frame + "_seconds") or 0) > 0}
                if not shares and row["frame"] != "(none)":
                    shares = {row["frame"]: 1.0}
                segments[row["doc_id"]].append((int(row["start"]), int(row["end"]), shares, row["speaker"]))
        return hits, segments


# The whole corpus a group of annotated documents comes from, to train the corpus model on, and
# the options leitmotif needs to read it.
CORPUS_OF_GROUP = {
    "Kremlin EN": (["kremlin-news-2021-2022.csv"], ["--text-column", "body", "--id-column", "link"]),
    "Russian transcripts": (["ru"], []),
    "UNGDC non-Russian": (["ungdc.jsonl.gz"], []),
}


def train_model(binary, group, extra, folder):
    """Scans the whole corpus of a group with --save-model; returns the model file."""
    paths, options = CORPUS_OF_GROUP[group]
    model = os.path.join(folder, group.replace(" ", "_") + ".model.json")
    if not os.path.exists(model):
        command = [binary, "scan", *[os.path.join(SHARED, p) for p in paths], *options, "--out",
                   os.path.join(folder, "out"), "--quiet", "--force", "--save-model", model, *extra]
        done = subprocess.run(command, capture_output=True, text=True)
        if done.returncode not in (0, 1):
            sys.exit(f"{' '.join(command)} failed: {done.stderr}")
    return model


CYRILLIC = dict(zip("абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
                    ["a", "b", "v", "g", "d", "e", "e", "zh", "z", "i", "y", "k", "l", "m", "n", "o", "p", "r",
                     "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "yu", "ya"]))


# Role labels the analysts wrote in English for Russian labels (journalists are "Question").
ROLES = {"вопрос": "question"}


def surname(name):
    """The last word of a name, transliterated and lower-cased ('В.Путин' and 'Vladimir Putin' agree).

    Spelling variants of transliteration are folded ('yo' as 'e', 'y' as 'i', 'ii' as 'i'), so that
    'С.Шойгу' is 'Sergei Shoigu', 'В.Матвиенко' 'Valentina Matviyenko' and 'И.Щёголев' 'Igor
    Shchyogolev'; 'Вопрос' is 'Question'."""
    name = ROLES.get(name.strip().lower(), name)
    name = "".join(CYRILLIC.get(c, c) for c in name.lower())
    words = re.findall(r"[a-z]+", name)
    word = words[-1] if words else name.strip()
    return re.sub("i+", "i", word.replace("yo", "e").replace("y", "i"))


def same_speaker(analyst, tool):
    if analyst in ("(none)", "") or tool in ("(none)", ""):
        return analyst in ("(none)", "") and tool in ("(none)", "")
    return surname(analyst) == surname(tool)


def words_in(text, start, end):
    return [(start + m.start(), start + m.end()) for m in WORD.finditer(text[start:end])]


def print_speaker_errors(units, texts, segments):
    """For tuning units only: where the analyst's speaker and leitmotif's disagree."""
    for unit in units:
        if part_of(unit["doc_id"]) != "tuning" or unit["corpus"].startswith("ungdc"):
            continue
        text, doc_segments = texts[unit["doc_id"]], segments.get(unit["doc_id"], [])
        body_start = unit["label_end"] if unit.get("label_end") is not None else unit["start"]
        wrong = collections.Counter()
        words = words_in(text, body_start, unit["end"])
        for w_start, _ in words:
            seg = next((s for s in doc_segments if s[0] <= w_start < s[1]), None)
            speaker = seg[3] if seg else "(none)"
            if not same_speaker(unit["speaker"], speaker):
                wrong[speaker] += 1
        if wrong:
            excerpt = text[unit["start"]:unit["start"] + 160].replace("\n", "\\n")
            print(f"{unit['doc_id'][-40:]} #{unit['unit']} analyst={unit['speaker']!r} "
                  f"tool={dict(wrong)} of {len(words)} words: {excerpt}")


def score(units, texts, hits, segments, speakers=True):
    by_doc = collections.defaultdict(list)
    for unit in units:
        by_doc[unit["doc_id"]].append(unit)
    c = collections.Counter()
    airtime_errors = []
    for doc_id, doc_units in by_doc.items():
        text, doc_hits, doc_segments = texts[doc_id], hits.get(doc_id, []), segments.get(doc_id, [])
        for unit in doc_units:
            for span in unit["spans"]:
                c["spans"] += 1
                found = any(h[2] == span["frame"] and h[0] < span["end"] and span["start"] < h[1]
                            for h in doc_hits)
                c["spans_found"] += found
                c["spans:" + span["frame"]] += 1
                c["spans_found:" + span["frame"]] += found
        for start, end, frame in doc_hits:
            unit = next((u for u in doc_units if u["start"] <= start < u["end"]), None)
            if unit is None:
                continue
            c["hits"] += 1
            c["hits_right"] += frame in unit["frames"]
            c["hits:" + frame] += 1
            c["hits_right:" + frame] += frame in unit["frames"]
        # Per word: the segment (speaker, frame) covering it.
        def segment_at(position):
            for seg in doc_segments:
                if seg[0] <= position < seg[1]:
                    return seg
            return None
        analyst_time = collections.defaultdict(lambda: collections.Counter())
        tool_time = collections.defaultdict(lambda: collections.Counter())
        for unit in doc_units:
            body_start = unit["label_end"] if unit.get("label_end") is not None else unit["start"]
            words = words_in(text, body_start, unit["end"])
            unit_frames = collections.Counter()
            for w_start, _ in words:
                seg = segment_at(w_start)
                speaker = seg[3] if seg else "(none)"
                c["words"] += 1
                c["words_right"] += same_speaker(unit["speaker"], speaker)
                shares = seg[2] if seg and seg[2] else {"none": 1.0}
                for frame, share in shares.items():
                    unit_frames[frame] += share
                    tool_time[unit["speaker"]][frame] += share
                analyst_time[unit["speaker"]][unit["main"]] += 1
            framed = {f: n for f, n in unit_frames.items() if f != "none" and n > 0}
            tool_main = max(sorted(framed), key=lambda f: framed[f]) if framed else "none"
            if len(words) >= 8:
                CONFUSION[(unit["main"], tool_main)] += 1
                c["paragraphs"] += 1
                c["main_agree"] += tool_main == unit["main"]
                if unit["frames"] or unit["main"] != "none":
                    c["analyst_framed"] += 1
                    c["framed_covered"] += bool(framed)
                else:
                    c["analyst_unframed"] += 1
                    c["unframed_framed"] += bool(framed)
        if analyst_time:
            main_speaker = max(sorted(analyst_time), key=lambda s: sum(analyst_time[s].values()))
            total = sum(analyst_time[main_speaker].values())
            if total:
                for frame in FRAMES:
                    a = analyst_time[main_speaker][frame] / total
                    t = tool_time[main_speaker][frame] / total
                    airtime_errors.append(abs(a - t) * 100)
    ratio = lambda a, b: c[a] / c[b] if c[b] else float("nan")
    by_frame = {}
    for frame in FRAMES:
        by_frame[f"{frame}: phrases / recall"] = f"{c['spans:' + frame]} / {ratio('spans_found:' + frame, 'spans:' + frame):.2f}"
        by_frame[f"{frame}: hits / precision"] = f"{c['hits:' + frame]} / {ratio('hits_right:' + frame, 'hits:' + frame):.2f}"
    figures = {
        "documents": len(by_doc),
        "paragraphs": len(units),
        "phrases": c["spans"],
        "phrase recall": ratio("spans_found", "spans"),
        "hits": c["hits"],
        "hit precision": ratio("hits_right", "hits"),
        "speaker accuracy (words)": ratio("words_right", "words") if speakers else float("nan"),
        "main-frame agreement": ratio("main_agree", "paragraphs"),
        "framed paragraphs with a frame": ratio("framed_covered", "analyst_framed"),
        "unframed paragraphs given a frame": ratio("unframed_framed", "analyst_unframed"),
        "airtime error (points)": sum(airtime_errors) / len(airtime_errors) if airtime_errors else float("nan"),
    }
    if BY_FRAME:
        figures.update(by_frame)
    return figures


BY_FRAME = False
CONFUSION = collections.Counter()
GROUPS = {"kremlin-news-2021-2022.csv": "Kremlin EN", "ungdc.jsonl.gz": "UNGDC non-Russian"}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--bin", default=os.path.join(ROOT, "target", "release", "leitmotif"))
    parser.add_argument("--part", choices=["tuning", "heldout", "both"], default="tuning")
    parser.add_argument("--lexicon", action="append", default=[])
    parser.add_argument("--extra-args", default="")
    parser.add_argument("--confusion", action="store_true",
                        help="print the analyst's main frame against leitmotif's, over the paragraphs scored (tuning part only)")
    parser.add_argument("--corpus-model", action="store_true",
                        help="frame with a model trained on each group's whole corpus (scan --save-model, then --model)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--speaker-errors", action="store_true",
                        help="print the tuning units whose speaker differs (tuning part only)")
    parser.add_argument("--by-frame", action="store_true",
                        help="also print, per frame, the analyst's phrases / phrase recall and the hits / hit precision")
    args = parser.parse_args()
    if args.speaker_errors and args.part != "tuning":
        sys.exit("--speaker-errors is for the tuning part only")
    if args.by_frame and args.part != "tuning":
        print("note: --by-frame shows the held-out part frame by frame; do not tune on it", file=sys.stderr)
    global BY_FRAME
    BY_FRAME = args.by_frame
    extra = [a for path in args.lexicon for a in ("--lexicon", path)] + args.extra_args.split()
    units = load_annotations()
    parts = ["tuning", "heldout"] if args.part == "both" else [args.part]
    results = {}
    models = tempfile.mkdtemp(prefix="leitmotif-eval-models-")
    atexit.register(shutil.rmtree, models, True)
    for corpus in sorted({u["corpus"] for u in units}):
        corpus_units = [u for u in units if u["corpus"] == corpus]
        texts = load_texts(corpus, {u["doc_id"] for u in corpus_units})
        group = GROUPS.get(corpus, "Russian transcripts")
        model = ["--model", train_model(args.bin, group, extra, models)] if args.corpus_model else []
        hits, segments = run_scan(args.bin, texts, extra + model)
        if args.speaker_errors:
            print_speaker_errors(corpus_units, texts, segments)
        for part in parts:
            chosen = [u for u in corpus_units if part_of(u["doc_id"]) == part]
            if chosen:
                results.setdefault(part, {}).setdefault(group, []).append((chosen, texts, hits, segments))
    report = {}
    for part, groups in results.items():
        for group, pieces in sorted(groups.items()):
            units_all = [u for chosen, *_ in pieces for u in chosen]
            texts_all, hits_all, segments_all = {}, {}, {}
            for _, texts, hits, segments in pieces:
                texts_all.update(texts)
                hits_all.update(hits)
                segments_all.update(segments)
            speakers = not group.startswith("UNGDC")
            report[f"{part} / {group}"] = score(units_all, texts_all, hits_all, segments_all, speakers)
    if args.confusion:
        if args.part != "tuning":
            sys.exit("--confusion is for the tuning part only")
        labels = FRAMES + ["none"]
        short = {f: f[:6] for f in labels}
        print("analyst \\ leitmotif | " + " | ".join(short[f] for f in labels))
        for a in labels:
            print(f"{a:22} | " + " | ".join(f"{CONFUSION[(a, t)]:6}" for t in labels))
    if args.json:
        print(json.dumps(report, indent=1))
        return
    names = list(next(iter(report.values())).keys())
    columns = list(report)
    print("| measure | " + " | ".join(columns) + " |")
    print("|---|" + "---|" * len(columns))
    for name in names:
        cells = []
        for column in columns:
            value = report[column][name]
            if isinstance(value, float) and value != value:
                cells.append("n/a")
            elif isinstance(value, float):
                cells.append(f"{value:.1f}" if name == "airtime error (points)" else f"{value:.3f}")
            else:
                cells.append(str(value))
        print(f"| {name} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
