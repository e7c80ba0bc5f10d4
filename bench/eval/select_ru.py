#!/usr/bin/env python3
"""Deterministic selection of Russian documents for the gold annotation set.

- all 11 docs of ru/russia_ukraine_putin.csv
- both docs of ru/lavrov_ukraine.csv
- 4 docs of ru/russia_chechnya_putin.csv, sampled with a fixed seed among
  documents with 15-50 paragraph units (so that the sample holds substantive
  transcripts rather than 1-paragraph news items or 100+-unit interviews),
  after dropping exact duplicate texts (first occurrence kept).
Units = maximal runs of non-blank lines.  Prints the selection as JSON.
"""
import csv, json, random
csv.field_size_limit(10**9)
BASE = '/work/shared/corpora/'
SEED = 20240611

def load(rel):
    return list(csv.DictReader(open(BASE + rel, encoding='utf-8')))

def units(text):
    out = []; pos = 0; cur = None
    for line in text.split('\n'):
        s = pos; e = pos + len(line)
        if line.strip():
            if cur is None: cur = [s, e]
            else: cur[1] = e
        else:
            if cur is not None: out.append(tuple(cur)); cur = None
        pos = e + 1
    if cur is not None: out.append(tuple(cur))
    return out

def select():
    sel = []
    for rel in ['ru/russia_ukraine_putin.csv', 'ru/lavrov_ukraine.csv']:
        for i, r in enumerate(load(rel)):
            sel.append({'corpus': rel, 'row': i, 'doc_id': r['url'] or f'{rel}#{i}'})
    rel = 'ru/russia_chechnya_putin.csv'
    rows = load(rel); seen = set(); cands = []
    for i, r in enumerate(rows):
        if r['text'] in seen: continue
        seen.add(r['text'])
        if 15 <= len(units(r['text'])) <= 50: cands.append(i)
    for i in sorted(random.Random(SEED).sample(cands, 4)):
        sel.append({'corpus': rel, 'row': i, 'doc_id': rows[i]['url'] or f'{rel}#{i}'})
    return sel

if __name__ == '__main__':
    sel = select()
    for s in sel:
        r = load(s['corpus'])[s['row']]
        s['n_units'] = len(units(r['text'])); s['title'] = r['title'][:80]
    print(json.dumps(sel, ensure_ascii=False, indent=1))
