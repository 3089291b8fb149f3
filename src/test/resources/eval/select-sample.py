#!/usr/bin/env python3
"""Draws a labelling sample of data/corpus/ai-alignment-papers.csv: rows with a Zotero key and an
abstract of at least 300 characters, duplicate titles dropped, sorted by key, sampled by a fixed
seed. Run once, before any labelling; prints key<TAB>title for the labeller. Re-running gives the
same rows.

Without arguments: the first sample (120 rows, seed 20261201, zotero-sample.tsv).
  select-sample.py SEED SIZE EXCLUDE.tsv...   another sample, leaving out the keys of the given
                                              sample files (first column), e.g. the limitation
                                              sample: 20261202 100 zotero-sample.tsv"""
import csv, random, re, sys
seed, size, exclude = 20261201, 120, set()
if len(sys.argv) > 1:
    seed, size = int(sys.argv[1]), int(sys.argv[2])
    for f in sys.argv[3:]:
        exclude |= {l.split('\t')[0].strip() for l in open(f, encoding='utf-8') if l.strip()}
rows = [r for r in csv.DictReader(open('data/corpus/ai-alignment-papers.csv', encoding='utf-8'))
        if r['Key'].strip() and len(r['Abstract Note'].strip()) >= 300]
seen, unique = set(), []
for r in rows:
    t = re.sub(r'[^a-z0-9]+', ' ', r['Title'].lower()).strip()
    if t in seen:
        continue
    seen.add(t)
    unique.append(r)
unique = [r for r in unique if r['Key'].strip() not in exclude]
unique.sort(key=lambda r: r['Key'])
for r in random.Random(seed).sample(unique, size):
    print(r['Key'] + '\t' + r['Title'].replace('\t', ' '))
