#!/usr/bin/env python3
"""Runs a command and prints its wall time, CPU time (user + sys of it and its children) and
peak RSS (the largest child's), as one JSON line: {"name","wall_s","cpu_s","peak_rss_mib","rc"}.

usage: bench/measure.py NAME -- COMMAND [ARG...]     (stdout of COMMAND goes to NAME.out)
"""
import json
import resource
import subprocess
import sys
import time

name = sys.argv[1]
cmd = sys.argv[sys.argv.index("--") + 1:]
t0 = time.monotonic()
with open(f"{name}.out", "wb") as out, open(f"{name}.err", "wb") as err:
    rc = subprocess.call(cmd, stdout=out, stderr=err)
wall = time.monotonic() - t0
ru = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"name": name.rsplit("/", 1)[-1], "wall_s": round(wall, 2),
                  "cpu_s": round(ru.ru_utime + ru.ru_stime, 2),
                  "peak_rss_mib": round(ru.ru_maxrss / 1024, 1), "rc": rc}))
