#!/usr/bin/env python3
"""Checks zotero-labels.tsv against zotero-sample.tsv and data/concepts.ttl: same keys in the same
order, every IRI a concept of the scheme, families are top concepts, every concept's family listed
in the row's families, at most 3 families, limitations among 1-5. Run from the repository root.

  check-labels.py SAMPLE.tsv LABELS.tsv   checks another sample's labels (same format), e.g. the
                                          training labels in src/test/resources/train/"""
import re, sys
P = 'https://w3id.org/alignkg/concept/'
ttl = open('data/concepts.ttl', encoding='utf-8').read()
broader, tops = {}, set()
for b in re.split(r'\n(?=<https://w3id\.org/alignkg/concept/)', ttl):
    m = re.match(r'<(https://w3id\.org/alignkg/concept/[^>]+)>', b)
    if not m:
        continue
    iri = m.group(1)
    br = re.search(r'skos:broader <([^>]+)>', b)
    broader[iri] = br.group(1) if br else None
    if 'skos:topConceptOf' in b:
        tops.add(iri)
def family(iri):
    while broader[iri]:
        iri = broader[iri]
    return iri
sample_file, labels_file = (sys.argv[1], sys.argv[2]) if len(sys.argv) > 2 else \
    ('src/test/resources/eval/zotero-sample.tsv', 'src/test/resources/eval/zotero-labels.tsv')
sample = [l.split('\t')[0] for l in open(sample_file, encoding='utf-8') if l.strip()]
lines = open(labels_file, encoding='utf-8').read().rstrip('\n').split('\n')
errors = []
if lines[0] != 'key\tfamilies\tconcepts\tlimitations\tnote':
    errors.append('bad header: %r' % lines[0])
rows = [l.split('\t') for l in lines[1:]]
if [r[0] for r in rows] != sample:
    errors.append('keys differ from the sample (or its order)')
for r in rows:
    if len(r) != 5:
        errors.append('%s: %d columns' % (r[0], len(r))); continue
    k, fams, cons, lims, note = r
    fams, cons, lims = fams.split(' ') if fams else [], cons.split(' ') if cons else [], lims.split(' ') if lims else []
    if not fams or not cons:
        errors.append(k + ': no families or no concepts')
    if len(fams) > 3:
        errors.append(k + ': more than 3 families')
    for f in fams:
        if f not in tops:
            errors.append(k + ': not a family: ' + f)
    for c in cons:
        if c not in broader:
            errors.append(k + ': unknown concept: ' + c)
        elif family(c) not in fams:
            errors.append(k + ': family of %s not in families' % c)
    for x in lims:
        if x not in {'1', '2', '3', '4', '5'}:
            errors.append(k + ': bad limitation ' + x)
    if len(set(fams)) != len(fams) or len(set(cons)) != len(cons):
        errors.append(k + ': duplicate values')
print('\n'.join(errors) or 'OK: %d rows, %d concepts in scheme, %d families' % (len(rows), len(broader), len(tops)))
sys.exit(1 if errors else 0)
