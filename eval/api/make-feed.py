#!/usr/bin/env python3
"""Writes a synthetic JSONL news feed for the API load test: the articles of
tests/api/data/dated.jsonl and examples/*.txt repeated with new ids, outlets and publication dates
(2020-01-01 onwards), so the store gets many events spread over time. Usage:
  eval/api/make-feed.py N_DOCS > feed.jsonl"""
import glob, json, os, sys, datetime

root = os.path.join(os.path.dirname(__file__), "..", "..")
base = [json.loads(l) for l in open(os.path.join(root, "tests/api/data/dated.jsonl"))]
for p in sorted(glob.glob(os.path.join(root, "examples/*.txt"))):
    base.append({"title": "", "text": open(p, encoding="utf-8").read()})
n = int(sys.argv[1])
start = datetime.date(2020, 1, 1)
for i in range(n):
    a = base[i % len(base)]
    d = start + datetime.timedelta(days=(i * 7) % 2190)
    print(json.dumps({"id": f"load-{i}", "source": f"Outlet {i % 37}", "url": f"https://example.org/load/{i}",
                      "published": d.isoformat(), "title": a["title"] or f"Article {i}",
                      # a distinct line per copy keeps content keys (and dedup clusters) apart
                      "text": a["text"] + f"\nReport number {i}."}))
