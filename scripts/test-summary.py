#!/usr/bin/env python3
"""Total the TAP test points of every suite in meson's testlog.json.

Prints one line "N passed, N failed, N skipped". A suite whose process failed
without reporting a failed point (a crash, a sanitizer abort) adds one failure,
so nothing is hidden by the count.
"""
import json
import re
import sys

passed = failed = skipped = 0
with open(sys.argv[1], encoding="utf-8") as log:
    for line in log:
        t = json.loads(line)
        out = t.get("stdout") or ""
        ok = len(re.findall(r"^ok\b(?!.*# *SKIP)", out, re.M))
        skip = len(re.findall(r"^ok\b.*# *SKIP", out, re.M))
        bad = len(re.findall(r"^not ok\b", out, re.M))
        if t.get("result") in ("FAIL", "TIMEOUT", "ERROR") and bad == 0:
            bad = 1
            print(f"suite {t.get('name')}: {t.get('result')}", file=sys.stderr)
        if t.get("result") == "SKIP" and ok + bad + skip == 0:
            skip += 1
        passed += ok
        failed += bad
        skipped += skip
print(f"{passed} passed, {failed} failed, {skipped} skipped")
sys.exit(1 if failed else 0)
