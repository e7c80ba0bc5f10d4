#!/usr/bin/env python3
"""Deterministic, stratified selection of kremlin-news-2021-2022.csv items for the
gold-standard annotation set.  Run: python3 select_kremlin.py  (prints chosen links).

Strata (headline-based; each pool sorted by link before sampling so the draw is
reproducible with the fixed seed):
  speech      - addresses / speeches / congratulatory speeches to the nation or army.
                The 24 Feb 2022 Address (start of the "special military operation")
                is forced in as the key 21-24 Feb speech (the 21 Feb Address is 46k
                characters and exceeds the feasibility budget); plus the 23 Feb
                Defender of the Fatherland Day speech and 3 random others < 12k.
  press       - "Press statements / Statements for the press following ... talks"
                (< 12k), 4 random.
  phone       - telephone conversation readouts: 2 random from 21-25 Feb 2022 plus
                6 random from the rest.
  meeting     - talks / meetings / conversations with foreign heads of state or
                government (< 12k), 7 random.
  qa          - interviews / media Q&A with several speakers (questions + answers),
                < 13k: all that exist (4) -- includes "Vladimir Putin answered media
                questions" of 22 Feb 2022.
"""
import csv
import random
import re
import sys

CSV = "/work/shared/corpora/kremlin-news-2021-2022.csv"
SEED = 20261129
csv.field_size_limit(10**9)


def load():
    with open(CSV, encoding="utf-8") as f:
        return list(csv.DictReader(f))


def num(r):
    return int(r["link"].rstrip("/").split("/")[-1])


FOREIGN = re.compile(
    r"^(Talks with (President|Prime Minister|Federal Chancellor)|"
    r"Meeting with (President|Prime Minister|Federal Chancellor) of (?!the Russian|Russian)|"
    r"Conversation with (President|Prime Minister) of|"
    r"Russian-[A-Z][a-z]+ talks|Russia-[A-Z][a-z]+ talks|Russia‒[A-Z][a-z]+ talks)")
SPEECH = re.compile(r"^(Address|Video address|New Year Address|Vladimir Putin addressed)")
PRESS = re.compile(r"^(Press statements following|Statements for the press following|"
                   r"Statements by leaders)")
PHONE = re.compile(r"^Telephone conversation with ")
QA = re.compile(r"(Interview with|answered media questions|news conference)", re.I)
LABEL = re.compile(r"(?:^|(?<=[.!?\"”)] ))(?:Question|Pavel Zarubin|[A-Z][a-z]+ [A-Z][a-z]+)(?:\s?\(retranslated\))?:")


def main():
    rows = load()
    rng = random.Random(SEED)
    by = lambda pool: sorted(pool, key=num)
    chosen = []

    def take(pool, k, tag):
        pool = by([r for r in pool if r["link"] not in {c[1]['link'] for c in chosen}])
        for r in rng.sample(pool, min(k, len(pool))):
            chosen.append((tag, r))

    feb = lambda r: "2022-02-21" <= r["date"][:10] <= "2022-02-25"

    # speeches
    forced = [r for r in rows if r["headline"].startswith("Address by the President")
              and r["date"].startswith("2022-02-24")]
    forced += [r for r in rows if r["headline"].startswith("Greetings on Defender of the Fatherland Day")
               and r["date"].startswith("2022-02-23")]
    for r in forced:
        chosen.append(("speech", r))
    take([r for r in rows if SPEECH.search(r["headline"]) and len(r["body"]) < 12000
          and len(r["body"]) > 1000], 3, "speech")
    # press statements
    take([r for r in rows if PRESS.search(r["headline"]) and len(r["body"]) < 12000], 4, "press")
    # telephone readouts
    phones = [r for r in rows if PHONE.search(r["headline"])]
    take([r for r in phones if feb(r)], 2, "phone")
    take([r for r in phones if not feb(r)], 6, "phone")
    # meetings / talks with foreign leaders
    take([r for r in rows if FOREIGN.search(r["headline"]) and 1000 < len(r["body"]) < 12000],
         7, "meeting")
    # interviews / Q&A with several speakers
    qa = [r for r in rows if QA.search(r["headline"]) and len(r["body"]) < 13000
          and len(set(LABEL.findall(r["body"]))) >= 2]
    take(qa, 4, "qa")

    chosen.sort(key=lambda c: num(c[1]))
    for tag, r in chosen:
        print(f"{tag}\t{r['link']}\t{r['date'][:10]}\t{len(r['body'])}\t{r['headline'][:80]}")
    print(f"# {len(chosen)} documents, {sum(len(r['body']) for _, r in chosen)} characters",
          file=sys.stderr)
    return chosen


if __name__ == "__main__":
    main()
