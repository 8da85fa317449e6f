#!/usr/bin/env python3
"""Pools `provenir eval decontam --json` results of the calibration sets into the table of
docs/quality.md and names the recommended threshold: the lowest at which the pooled same-domain
negatives of all sets are flagged at most 1 %.

Usage: scripts/decontam-calibration-table.py DIR   (DIR holds <set>.json, one per set)
"""
import json
import pathlib
import sys

SETS = ["mmlu-sociology", "mmlu-abstract-algebra", "mmlu-us-history", "humaneval-python",
        "humaneval-c", "humaneval-js", "gsm8k"]
REPHRASED = SETS[:6]
SHOWN = [0.60, 0.65, 0.70, 0.72, 0.74, 0.75, 0.76, 0.77, 0.78, 0.79, 0.80, 0.85, 0.90, 0.95]


def main(d):
    runs = {s: json.loads((pathlib.Path(d) / (s + ".json")).read_text()) for s in SETS}
    points = {s: {round(p["threshold"], 2): p for p in r["semantic"]} for s, r in runs.items()}
    thresholds = sorted(points[SETS[0]])

    def pooled(t, sets, key_pos, key_all):
        hit = sum(points[s][t][key_pos] for s in sets)
        total = sum(points[s][t][key_all] for s in sets)
        return hit, total

    recommended = None
    for t in thresholds:
        neg, negs = pooled(t, SETS, "flagged_negatives", "negatives")
        if recommended is None and neg <= 0.01 * negs:
            recommended = t
    print("| threshold | " + " | ".join(SETS[:-1]) + " | gsm8k (plants) | rephrasings found "
          "(pooled) | negatives flagged (pooled) |")
    print("|---" * (len(SETS) + 3) + "|")
    for t in sorted(set(SHOWN + [recommended])):
        if t not in points[SETS[0]]:
            continue
        cells = []
        for s in SETS:
            p = points[s][t]
            fmt = "%.3f / %.2f%%" if s == "gsm8k" else "%.2f / %.1f%%"
            cells.append(fmt % (p["recall"], 100 * p["negative_rate"]))
        pos, poss = pooled(t, REPHRASED, "flagged_positives", "positives")
        neg, negs = pooled(t, SETS, "flagged_negatives", "negatives")
        label = "**%.2f**" % t if t == recommended else "%.2f" % t
        print("| %s | %s | %.1f%% (%d/%d) | %.2f%% (%d/%d) |" % (label, " | ".join(cells),
              100 * pos / poss, pos, poss, 100 * neg / negs, neg, negs))
    print()
    print("(positives / negatives per set: " + ", ".join(
        "%d/%d" % (points[s][thresholds[0]]["positives"], points[s][thresholds[0]]["negatives"])
        for s in SETS) + ".)")
    print("recommended threshold (lowest with pooled negatives <= 1%%): %.2f" % recommended)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "/tmp")
