#!/usr/bin/env python3
"""Writes one JSONL sample per kind of number-heavy text (logs, tables, dates, decimals, ...)
into DIR, each about SIZE bytes in records of 20 lines, for bench/shapes.sh. Deterministic.

usage: bench/text_shapes.py DIR [SIZE]
"""
import json
import os
import random
import sys

out = sys.argv[1]
size = int(sys.argv[2]) if len(sys.argv) > 2 else 200_000
os.makedirs(out, exist_ok=True)
r = random.Random(20261127)
MON = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def ip():
    return f"10.{r.randint(0, 255)}.{r.randint(0, 255)}.{r.randint(0, 255)}"


SHAPES = {
    "log-iso": lambda: f"2024-{r.randint(1, 12):02d}-{r.randint(1, 28):02d} {r.randint(0, 23):02d}:"
    f"{r.randint(0, 59):02d}:{r.randint(0, 59):02d} INFO GET /api/v1/items/{r.randint(1, 10**9)} "
    f"200 {r.randint(1, 9999)} ms from {ip()} req={r.randint(10**6, 10**7)}",
    "log-apache": lambda: f'{ip()} - - [{r.randint(1, 28):02d}/{r.choice(MON)}/2026:'
    f'{r.randint(0, 23):02d}:{r.randint(0, 59):02d}:{r.randint(0, 59):02d} +0000] '
    f'"GET /index.html HTTP/1.1" 200 {r.randint(100, 99999)}',
    "log-syslog": lambda: f"{r.choice(MON)} {r.randint(1, 28):2d} {r.randint(0, 23):02d}:"
    f"{r.randint(0, 59):02d}:{r.randint(0, 59):02d} host sshd[{r.randint(100, 99999)}]: "
    f"Accepted publickey for user from {ip()} port {r.randint(1024, 65535)}",
    "epoch": lambda: f"ts={r.randint(1600000000, 1800000000)} user={r.randint(1, 10**6)} "
    f"dur_ms={r.randint(1, 10**4)} at {r.randint(1600000000000, 1800000000000)}",
    "csv-ints": lambda: ", ".join(str(r.randint(0, 10 ** r.randint(1, 9))) for _ in range(8)),
    "code": lambda: f"    values = [{r.randint(0, 10**7)}, {r.randint(0, 10**7)}]  "
    f"# id {r.randint(10**6, 10**8)}",
    "money": lambda: f"Q{r.randint(1, 4)} {r.randint(2015, 2026)} revenue ${r.randint(1, 999)},"
    f"{r.randint(0, 999):03d},{r.randint(0, 999):03d} up {r.randint(1, 99)}.{r.randint(0, 9)}% "
    f"from {r.randint(1, 999)} {r.randint(100, 999)} {r.randint(100, 999)} units",
    "changelog": lambda: f"package-{r.randint(0, 99)} {r.randint(0, 20)}.{r.randint(0, 30)}."
    f"{r.randint(0, 99)} -> {r.randint(0, 20)}.{r.randint(0, 30)}.{r.randint(0, 99)} "
    f"(build {r.randint(1000, 99999)} {r.randint(2019, 2026)}-{r.randint(1, 12):02d}-"
    f"{r.randint(1, 28):02d})",
    "dates-us": lambda: f"{r.randint(1, 12)}/{r.randint(1, 28)}/{r.randint(2000, 2026)} "
    f"{r.randint(1, 12)}:{r.randint(0, 59):02d} PM {r.randint(100, 999)} {r.randint(1000, 9999)}",
    "dates-spaced": lambda: f"{r.randint(2015, 2026)} {r.randint(1, 12):02d} "
    f"{r.randint(1, 28):02d} {r.randint(0, 23):02d} {r.randint(0, 59):02d} reading "
    f"{r.randint(100, 999)} {r.randint(1000, 9999)}",
    "decimals": lambda: " ".join(f"{r.random() * 10:.5f}" for _ in range(8)),
    "ints-spaced": lambda: " ".join(str(r.randint(0, 999)) for _ in range(12)),
    "markdown": lambda: "| " + " | ".join(str(r.randint(0, 10 ** r.randint(1, 7)))
                                          for _ in range(6)) + " |",
}

for name, line in SHAPES.items():
    with open(os.path.join(out, f"{name}.jsonl"), "w") as f:
        total = 0
        i = 0
        while total < size:
            text = "\n".join(line() for _ in range(20))
            total += len(text)
            i += 1
            f.write(json.dumps({"id": f"{name}-{i}", "text": text}) + "\n")
