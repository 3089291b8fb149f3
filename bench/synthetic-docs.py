#!/usr/bin/env python3
"""Synthetic JSON Lines for the import benchmark (bench/README.md, "Import"): N records, each
three texts of the tagger evaluation set joined at random (seed 4). Usage:
    python3 bench/synthetic-docs.py [N] > /tmp/synthetic-10k.jsonl
"""
import json
import random
import sys

n = int(sys.argv[1]) if len(sys.argv) > 1 else 10000
cases = [json.loads(l)["text"] for l in open("src/test/resources/tagger-eval/cases.jsonl", encoding="utf-8")]
rng = random.Random(4)
for i in range(n):
    print(json.dumps({"title": f"Synthetic document {i}", "authors": [f"Author {i}"], "date": str(2018 + i % 8),
                      "url": f"https://example.org/synthetic/{i}", "text": " ".join(rng.sample(cases, 3))}))
