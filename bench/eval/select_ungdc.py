#!/usr/bin/env python3
"""Deterministic selection of UN General Debate speeches (non-Russian speakers)
for the gold annotation set.  One speech is drawn (random.Random(SEED)) from
each of eight strata, chosen so that words resembling Kremlin leitmotifs occur
in other meanings, plus speakers who genuinely use Kremlin-like framing.
Excluded: RUS (incl. USSR), BLR.  Only speeches with 12-60 lines are eligible.
Units = lines (text.split('\n')).  Prints the selection as JSON.
"""
import gzip, json, random, re
SRC = '/work/shared/corpora/ungdc.jsonl.gz'
SEED = 20240611
EXCL = {'RUS', 'BLR'}
WEST = {'USA', 'DEU', 'FRA', 'GBR', 'POL', 'LTU', 'LVA', 'EST', 'CAN', 'JPN', 'ITA', 'NLD', 'FIN', 'SWE'}
SANCT = {'SYR', 'VEN', 'CUB', 'NIC', 'IRN', 'PRK', 'ERI', 'ZWE'}
NONAL = {'CHN', 'HUN', 'SRB', 'ZAF', 'IND', 'BRA', 'IDN', 'TUR'}
SIDS = {'TUV', 'FJI', 'MHL', 'KIR', 'VUT', 'MDV', 'PLW', 'NRU', 'SLB', 'TON', 'WSM', 'BHS', 'BRB', 'FSM'}
has = lambda d, pat: re.search(pat, d['text'], re.I) is not None
STRATA = [
    ('ukraine_victim',   lambda d: d['country'] == 'UKR' and 2014 <= d['year'] <= 2024),
    ('west_on_ukraine',  lambda d: d['country'] in WEST and 2022 <= d['year'] <= 2024 and has(d, r'Ukrain') and has(d, r'sanction')),
    ('sanctions_critic', lambda d: d['country'] in SANCT and 2014 <= d['year'] <= 2024 and has(d, r'unilateral') and has(d, r'hegemon|multipolar')),
    ('non_aligned_ukr',  lambda d: d['country'] in NONAL and 2022 <= d['year'] <= 2024 and has(d, r'Ukrain') and has(d, r'security')),
    ('terror_roots',     lambda d: 2014 <= d['year'] <= 2024 and has(d, r'root causes') and has(d, r'terroris')),
    ('development_roots',lambda d: 2014 <= d['year'] <= 2024 and has(d, r'root causes of (poverty|migration|underdevelopment|inequality)')),
    ('climate_sids',     lambda d: d['country'] in SIDS and 2014 <= d['year'] <= 2024 and has(d, r'climate')),
    ('genocide_other',   lambda d: d['country'] in {'KHM', 'RWA', 'BIH', 'ARM'} and 2014 <= d['year'] <= 2024 and has(d, r'genocide')),
]
def select():
    docs = []
    for l in gzip.open(SRC, 'rt', encoding='utf-8'):
        d = json.loads(l)
        n = len(d['text'].split('\n'))
        if d['country'] in EXCL or not (12 <= n <= 60): continue
        docs.append(d)
    rng = random.Random(SEED); chosen = []; seen = set()
    for name, pred in STRATA:
        pool = sorted(d['id'] for d in docs if pred(d) and d['id'] not in seen)
        pick = rng.choice(pool); seen.add(pick)
        d = next(x for x in docs if x['id'] == pick)
        chosen.append({'stratum': name, 'pool_size': len(pool), 'id': pick, 'country': d['country'],
                       'year': d['year'], 'n_lines': len(d['text'].split('\n'))})
    return chosen
if __name__ == '__main__':
    print(json.dumps(select(), indent=1))
