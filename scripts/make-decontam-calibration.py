#!/usr/bin/env python3
"""Builds the decontamination calibration sets from the vendored corpora.

For each set, writes <out>/<set>/eval.jsonl (the eval items), train.jsonl (training records) and
labels.jsonl ({"id", "eval_id" or null, "kind"}), the three inputs of `provenir eval decontam`.

- mmlu-* and humaneval-*: the items are split in two halves A and B by a hash of their id. The eval
  set is the originals of A; the training set holds the LLM rephrasings of A (positives, kind
  "rephrased") and of B (negatives from the same domain, kind "negative": similar questions that
  are not in the eval set). train-chat.jsonl holds the same records as chat conversations (a
  system prompt, the rephrasing as the user turn, a short assistant reply, a language label): the
  same labels apply, and a check should find as much in them as in the plain records.
- gsm8k: the eval set is the whole GSM8K test set. The training set is the whole train set (hard
  negatives: same domain, different problems) plus test questions planted verbatim (kind
  "verbatim": a record of the question and its answer) and inside longer documents made of train
  problems (kind "embedded": half on lines of their own, half run into a paragraph).

Deterministic: the same corpora give the same files.
"""
import argparse
import hashlib
import json
import os
import random


def half(key):
    return int(hashlib.sha256(key.encode()).hexdigest()[:8], 16) % 2


def read(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def write(path, rows):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")


def paired(name, rows, original, rephrased, out):
    evals, train, labels = [], [], []
    for r in rows:
        orig, reph = original(r), rephrased(r)
        if not reph or not reph.strip():
            continue
        tid = "train-" + r["id"]
        if half(r["id"]) == 0:
            evals.append({"id": r["id"], "question": orig})
            labels.append({"id": tid, "eval_id": r["id"], "kind": "rephrased"})
        else:
            labels.append({"id": tid, "eval_id": None, "kind": "negative"})
        train.append({"id": tid, "text": reph})
    write(os.path.join(out, name, "eval.jsonl"), evals)
    write(os.path.join(out, name, "train.jsonl"), train)
    write(os.path.join(out, name, "train-chat.jsonl"), [as_chat(t) for t in train])
    write(os.path.join(out, name, "labels.jsonl"), labels)
    return len(evals), len(train)


def as_chat(record):
    return {"id": record["id"], "lang": "en", "messages": [
        {"role": "system", "content": "You are a helpful assistant. Answer carefully."},
        {"role": "user", "content": record["text"]},
        {"role": "assistant", "content": "Let me think about this step by step."}]}


def mmlu_question(r):
    letters = "ABCD"
    return r["original_question"] + "".join(
        "\n%s. %s" % (letters[i], c) for i, c in enumerate(r["original_choices"]))


def gsm8k(corpora, out, plants, seed):
    test = read(os.path.join(corpora, "gsm8k", "test.jsonl"))
    train = read(os.path.join(corpora, "gsm8k", "train.jsonl"))
    rnd = random.Random(seed)
    evals = [{"id": "gsm8k-test-%d" % i, "question": t["question"]} for i, t in enumerate(test)]
    records, labels = [], []
    for i, t in enumerate(train):
        rid = "gsm8k-train-%d" % i
        records.append({"id": rid, "question": t["question"], "answer": t["answer"]})
        labels.append({"id": rid, "eval_id": None, "kind": "negative"})
    chosen = rnd.sample(range(len(test)), 2 * plants)
    for k, ti in enumerate(chosen[:plants]):
        rid = "plant-verbatim-%d" % k
        records.append({"id": rid, "question": test[ti]["question"], "answer": test[ti]["answer"]})
        labels.append({"id": rid, "eval_id": "gsm8k-test-%d" % ti, "kind": "verbatim"})
    for k, ti in enumerate(chosen[plants:]):
        a, b = rnd.sample(train, 2)
        q = test[ti]["question"]
        if k % 2 == 0:
            text = "\n\n".join([a["question"], a["answer"], q, b["question"], b["answer"]])
        else:
            text = (a["question"] + " " + a["answer"].replace("\n", " ") + " Here is another one: "
                    + q + " Work it out step by step. " + b["question"])
        rid = "plant-embedded-%d" % k
        records.append({"id": rid, "text": text})
        labels.append({"id": rid, "eval_id": "gsm8k-test-%d" % ti, "kind": "embedded"})
    write(os.path.join(out, "gsm8k", "eval.jsonl"), evals)
    write(os.path.join(out, "gsm8k", "train.jsonl"), records)
    write(os.path.join(out, "gsm8k", "labels.jsonl"), labels)
    return len(evals), len(records)


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpora", default="src/test/resources/corpora")
    ap.add_argument("--out", default="target/calibration")
    ap.add_argument("--plants", type=int, default=300, help="GSM8K plants of each kind")
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    reph = os.path.join(a.corpora, "rephrased")
    sizes = {}
    for subject, name in [("sociology", "mmlu-sociology"),
                          ("abstract_algebra", "mmlu-abstract-algebra"),
                          ("high_school_us_history", "mmlu-us-history")]:
        rows = read(os.path.join(reph, "pairs_mmlu_%s.jsonl" % subject))
        sizes[name] = paired(name, rows, mmlu_question,
                             lambda r: r.get("rephrased_english_question"), a.out)
    for lang in ["python", "c", "js"]:
        rows = read(os.path.join(reph, "pairs_humaneval_%s.jsonl" % lang))
        sizes["humaneval-" + lang] = paired("humaneval-" + lang, rows, lambda r: r["original"],
                                            lambda r: r.get("rephrased"), a.out)
    sizes["gsm8k"] = gsm8k(a.corpora, a.out, a.plants, a.seed)
    for name, (e, t) in sizes.items():
        print("%-24s %5d eval items  %5d training records" % (name, e, t))


if __name__ == "__main__":
    main()
