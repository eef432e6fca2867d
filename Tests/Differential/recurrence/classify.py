#!/usr/bin/env python3
"""Sorts the disagreements that `compare.py --diffs FILE` wrote into classes.

For each disagreement with an oracle it asks what the oracle did instead:
  * `sub-daily-dst`: a SECONDLY/MINUTELY/HOURLY rule in a zone with DST where the oracle's instances are
    ours shifted by the DST offset after a transition: the oracle counts elapsed time, we (and dateutil)
    step the local wall clock, as RFC 5545 §3.3.10 defines the rule parts on local date-time fields.
  * `ignores PART`: the oracle's instances are exactly what python-dateutil gives for the rule without
    PART (BYSETPOS, BYMONTHDAY, ...), i.e. the oracle dropped a rule part RFC 5545 §3.3.10 says limits or
    expands the set; checked by re-expanding the modified rule.
  * `ignores negative PART values`: the same, for the rule with the negative values of PART left out.
  * `YEARLY without BYMONTH limited to DTSTART's month`: the oracle adds BYMONTH=<DTSTART's month>, which
    RFC 5545 §3.3.10 does not (only "information not contained in the rule" is taken from DTSTART).
  * `dateutil BYWEEKNO`: the two dateutil bugs compare.py documents (week 53, negative week numbers).
  * `other oracle=dateutil` / `other oracle=libical`: the other, independent oracle gives our instances.
  * `unexplained`: none of the above; these need a look one by one.

Usage: python3 classify.py DIFFS.tsv [--examples N]
"""
import argparse
import collections
import signal
import sys
from datetime import datetime

sys.path.insert(0, __import__("os").path.dirname(__file__))
import compare  # noqa: E402

PARTS = ["BYSETPOS", "BYMONTHDAY", "BYYEARDAY", "BYWEEKNO", "BYDAY", "BYMONTH", "BYHOUR", "BYMINUTE",
         "BYSECOND", "INTERVAL", "WKST"]


def without(rule, part):
    return ";".join(p for p in rule.split(";") if not p.startswith(part + "="))


def positive_only(rule, part):
    """The rule with the negative values of `part` dropped, or None if it has none or only negative ones."""
    parts = []
    for item in rule.split(";"):
        if item.startswith(part + "="):
            values = item.split("=")[1].split(",")
            kept = [v for v in values if not v.startswith("-")]
            if len(kept) == len(values) or not kept:
                return None
            item = part + "=" + ",".join(kept)
        parts.append(item)
    return ";".join(parts)


TIMEOUT = 0.2


def dateutil_values(start, zone, rule):
    try:
        signal.setitimer(signal.ITIMER_REAL, TIMEOUT)
        try:
            return compare.oracle(start, zone, rule)
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
    except Exception:  # Timeout (also from the finally clause), ValueError, and dateutil IndexError bugs
        return None


def shifted_by_an_hour(ours, theirs):
    if len(ours) != len(theirs) or not ours:
        return False
    deltas = set()
    for a, b in zip(ours, theirs):
        delta = (datetime.strptime(b, "%Y%m%dT%H%M%S") - datetime.strptime(a, "%Y%m%dT%H%M%S")).total_seconds()
        deltas.add(delta)
    return deltas <= {0.0, 3600.0, -3600.0, 1800.0, -1800.0} and deltas != {0.0}


def classify(row, names):
    oracle, start_text, zone, rule, ours = row[:5]
    results = dict(zip(names, row[5:]))
    theirs = results[oracle].split(",") if results[oracle] else []
    mine = ours.split(",") if ours else []
    start = datetime.strptime(start_text, "%Y%m%dT%H%M%S")
    zone = zone or None
    freq = rule.split("FREQ=")[1].split(";")[0]
    if oracle == "dateutil" and freq == "YEARLY" and "BYWEEKNO=" in rule:
        return "dateutil BYWEEKNO (week 53 / negative weeks, see compare.py)"
    if zone and freq in ("SECONDLY", "MINUTELY", "HOURLY") and shifted_by_an_hour(mine, theirs):
        return f"{oracle}: sub-daily-dst (elapsed time instead of local wall clock)"
    for part in PARTS:
        if part + "=" in rule and dateutil_values(start, zone, without(rule, part)) == theirs:
            return f"{oracle}: ignores {part} with FREQ={freq}"
    for part in ("BYMONTHDAY", "BYYEARDAY", "BYSETPOS", "BYWEEKNO"):
        modified = positive_only(rule, part) if part + "=" in rule else None
        if modified and dateutil_values(start, zone, modified) == theirs:
            return f"{oracle}: ignores negative {part} values with FREQ={freq}"
    if freq == "YEARLY" and "BYMONTH=" not in rule:
        if dateutil_values(start, zone, f"{rule};BYMONTH={start.month}") == theirs:
            return f"{oracle}: YEARLY without BYMONTH limited to DTSTART's month"
    for other, values in results.items():
        if other != oracle and values != "<skipped>" and values == ours:
            return f"{oracle}: other (the independent oracle {other} gives our instances)"
    if oracle != "dateutil" and "dateutil" not in results and dateutil_values(start, zone, rule) == mine:
        return f"{oracle}: other (the independent oracle dateutil gives our instances)"
    return f"{oracle}: unexplained"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("diffs")
    parser.add_argument("--examples", type=int, default=1)
    parser.add_argument("--oracle-timeout", type=float, default=0.2, help="seconds per re-expansion")
    args = parser.parse_args()
    global TIMEOUT
    TIMEOUT = args.oracle_timeout
    signal.signal(signal.SIGALRM, compare._alarm)
    with open(args.diffs) as f:
        header = f.readline().rstrip("\n").split("\t")
        rows = [line.rstrip("\n").split("\t") for line in f]
    names = header[5:]
    classes = collections.Counter()
    examples = collections.defaultdict(list)
    for row in rows:
        label = classify(row, names)
        classes[label] += 1
        if len(examples[label]) < args.examples:
            examples[label].append(row)
    for label, count in classes.most_common():
        print(f"{count:7d}  {label}")
        for row in examples[label]:
            print(f"           e.g. DTSTART={row[1]} TZID={row[2] or '-'} RRULE:{row[3]}")
    print(f"{sum(classes.values()):7d}  disagreements in all")


if __name__ == "__main__":
    main()
