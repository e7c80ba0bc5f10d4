#!/usr/bin/env python3
"""Inputs for the bounded-cost checks of issue 8: single documents that used to grow
super-linearly. Each kind is written at the given sizes as a one-document JSON lines file.

    python3 bench/make_bounded_inputs.py --out /tmp/bounded [--sizes 40000,400000]

Kinds (file `<kind>-<bytes>.jsonl`):
- `repeat`: the same 50-word paragraph, over and over (one refrain repeated hundreds of times);
- `mixed`: paragraphs drawn with replacement from a pool of 40 invented paragraphs, each lightly
  edited (a long text with much internal repetition, not periodic);
- `speakers`: short turns `Speaker N: text` on their own lines, names drawn from 2,000, some of
  them with a role (`Minister Speaker N`) so that name tails are shared;
- `hits`: sentences dense with phrases of the bundled lexicons (a document with very many hits).

Sizes are in bytes of text (approximate). The text is invented and deterministic (seeded).
"""
import argparse
import json
import random
from pathlib import Path

SEED = 8
WORDS = ("security nation people peace development cooperation region council states world "
         "economic future history children water energy climate rights justice freedom dialogue "
         "partnership progress challenge crisis support community growth trade health education "
         "border conflict agreement treaty assembly member government country century hope").split()
HIT_SENTENCES = [
    "We are one people with common roots and a shared history.",
    "The expansion of NATO to the east is a threat to our security.",
    "Security is indivisible and nobody may strengthen their security at the expense of others.",
    "Neo-Nazis and nationalists seized power in a coup.",
    "The special military operation will achieve its goals.",
]


def paragraph(rng, words=50):
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


def repeat(size, rng):
    block = paragraph(rng)
    return "\n\n".join([block] * (size // (len(block) + 2) + 1))


def mixed(size, rng):
    pool = [paragraph(rng, rng.randint(30, 90)) for _ in range(40)]
    out, total = [], 0
    while total < size:
        words = rng.choice(pool).split()
        for _ in range(rng.randint(0, 3)):
            words[rng.randrange(len(words))] = rng.choice(WORDS)
        text = " ".join(words)
        out.append(text)
        total += len(text) + 2
    return "\n\n".join(out)


def speakers(size, rng):
    out, total, turn = [], 0, 0
    while total < size:
        n = rng.randrange(2000)
        name = f"Minister Speaker {n}" if n % 7 == 0 and rng.random() < 0.5 else f"Speaker {n}"
        line = f"{name}: " + " ".join(rng.choice(WORDS) for _ in range(rng.randint(3, 8))) + "."
        out.append(line)
        total += len(line) + 1
        turn += 1
    return "\n".join(out)


def hits(size, rng):
    out, total = [], 0
    while total < size:
        sentence = rng.choice(HIT_SENTENCES)
        out.append(sentence)
        total += len(sentence) + 1
    return " ".join(out)


KINDS = {"repeat": repeat, "mixed": mixed, "speakers": speakers, "hits": hits}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", default="/tmp/bounded")
    parser.add_argument("--sizes", default="40000,400000")
    parser.add_argument("--kinds", default=",".join(KINDS))
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    for kind in args.kinds.split(","):
        for size in (int(s) for s in args.sizes.split(",")):
            text = KINDS[kind](size, random.Random(SEED))
            path = out / f"{kind}-{size}.jsonl"
            path.write_text(json.dumps({"id": f"{kind}-{size}", "year": 2000, "text": text}) + "\n")
            print(path, len(text), "bytes", len(text.split()), "words")


if __name__ == "__main__":
    main()
