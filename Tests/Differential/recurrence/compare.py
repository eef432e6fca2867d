#!/usr/bin/env python3
"""Differential test of the Recurrence engine against python-dateutil's rrule.

Generates random RFC 5545-valid rules (all FREQs, BYxxx combinations, COUNT/UNTIL, WKST, DTSTARTs
floating or in zones with DST), expands each with dateutil and with our engine, and reports the
agreement rate. Our side runs through the test-only harness in
Tests/RecurrenceTests/DifferentialHarnessTests.swift (enabled by KALENDS_RRULE_CASES).

Usage (from the package root; needs `pip install python-dateutil` in the interpreter used):
    python3 Tests/Differential/recurrence/compare.py --rules 10000 --seed 1
    python3 Tests/Differential/recurrence/compare.py --rules 200 --seed 7 --write-sample FILE

Known, documented oracle differences that the generator avoids rather than counts:
  * dateutil ANDs plain and ordinal BYDAY entries (BYDAY=MO,1TU); RFC 5545 §3.3.10 lists days,
    so we take their union. Rules mixing both are not generated.
  * dateutil leaves out a DTSTART that does not match the rule; RFC 5545 §3.8.5.3 says "The
    DTSTART property value always counts as the first occurrence". The oracle's list is adjusted:
    DTSTART is prepended and COUNT lowered by one.
  * BYSECOND=60 (leap second) is not generated; dateutil rejects it.
  * dateutil starts the first WEEKLY period at DTSTART instead of at the WKST day before it, so
    BYSETPOS counts from DTSTART in that first week. RFC 5545 §3.3.10 applies BYSETPOS "within
    the set of recurrence instances" of the FREQ interval, the whole week. WEEKLY rules with
    BYSETPOS therefore get a DTSTART on the week's first day.

Oracle bugs that a run still reports (the only disagreements seen: 2 of 10,000 rules with seed 2,
4 of 10,000 with seed 3 and --oracle-timeout 0.3; all YEARLY rules with BYWEEKNO):
  * BYWEEKNO=53: dateutil computes the previous year's week count from the current year's
    length (rrule.py `lnumweeks = 52+(self.yearlen-no1wkst) % 7//4`), so it puts 2011-01-01 in
    week 53 of 2010; ISO 8601 (RFC 5545 §3.3.10 BYWEEKNO) puts it in week 52 of 2010.
  * Negative BYWEEKNO: dateutil looks at next year's week 1 only for BYWEEKNO=1, so with
    BYWEEKNO=-52 it never yields 2018-12-31, which is in week 1 = week -52 of 2019 (52 weeks).
  Both are pinned by WeekNumberOracleTests.
"""
import argparse
import os
import random
import signal
import subprocess
import sys
import tempfile
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from dateutil.rrule import rrulestr

FREQS = ["SECONDLY", "MINUTELY", "HOURLY", "DAILY", "WEEKLY", "MONTHLY", "YEARLY"]
DAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
ZONES = [None, None, "America/New_York", "Europe/Berlin", "Australia/Sydney", "America/Santiago"]
MAX_INSTANCES = 40
HORIZON_YEARS = 40


def pick(rng, values, lo=1, hi=3):
    return rng.sample(values, rng.randint(lo, min(hi, len(values))))


def signed(rng, limit, hi=3):
    return [v * rng.choice([1, 1, -1]) for v in rng.sample(range(1, limit + 1), rng.randint(1, hi))]


def random_case(rng):
    freq = rng.choice(FREQS[:3] + FREQS[3:] * 3)
    parts = {"FREQ": freq}
    fine = freq in ("SECONDLY", "MINUTELY", "HOURLY")
    if rng.random() < 0.5:
        parts["INTERVAL"] = str(rng.choice([1, 2, 3, 4, 5, 7, 10, 13] if not fine else [1, 2, 5, 15, 25, 90]))
    r = rng.random()
    if r < 0.45:
        parts["COUNT"] = str(rng.randint(1, 30))
    start = datetime(rng.randint(1995, 2030), rng.randint(1, 12), rng.randint(1, 28),
                     rng.randint(0, 23), rng.choice([0, 0, 15, 30, 45, rng.randint(0, 59)]),
                     rng.choice([0, 0, 0, rng.randint(0, 59)]))
    if freq in ("YEARLY", "MONTHLY") and rng.random() < 0.3:
        last = (start.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
        start = start.replace(day=rng.randint(28, last.day))
    zone = rng.choice(ZONES)
    if rng.random() < 0.35:
        parts["BYMONTH"] = ",".join(str(m) for m in sorted(pick(rng, list(range(1, 13)), 1, 4)))
    if freq == "YEARLY" and rng.random() < 0.2:
        parts["BYWEEKNO"] = ",".join(str(v) for v in signed(rng, 53, 3))
    if freq in ("YEARLY", "SECONDLY", "MINUTELY", "HOURLY") and rng.random() < 0.15:
        parts["BYYEARDAY"] = ",".join(str(v) for v in signed(rng, 366, 4))
    if freq != "WEEKLY" and rng.random() < 0.3:
        parts["BYMONTHDAY"] = ",".join(str(v) for v in signed(rng, 31, 4))
    if rng.random() < 0.45:
        if freq in ("MONTHLY", "YEARLY") and "BYWEEKNO" not in parts and rng.random() < 0.5:
            limit = 5 if freq == "MONTHLY" or "BYMONTH" in parts else 53
            parts["BYDAY"] = ",".join(f"{v}{rng.choice(DAYS)}" for v in signed(rng, limit, 2))
        else:
            parts["BYDAY"] = ",".join(pick(rng, DAYS, 1, 4))
    if rng.random() < (0.15 if fine else 0.3):
        parts["BYHOUR"] = ",".join(str(v) for v in sorted(pick(rng, list(range(24)), 1, 3)))
    if rng.random() < (0.15 if fine else 0.25):
        parts["BYMINUTE"] = ",".join(str(v) for v in sorted(pick(rng, list(range(60)), 1, 3)))
    if rng.random() < (0.1 if fine else 0.15):
        parts["BYSECOND"] = ",".join(str(v) for v in sorted(pick(rng, list(range(60)), 1, 2)))
    if len(parts) > 1 and rng.random() < 0.2 and any(k.startswith("BY") for k in parts):
        parts["BYSETPOS"] = ",".join(str(v) for v in signed(rng, 10, 2))
    if rng.random() < 0.3:
        parts["WKST"] = rng.choice(DAYS)
    if "COUNT" not in parts and r < 0.8:
        span = {"SECONDLY": timedelta(minutes=5), "MINUTELY": timedelta(hours=6), "HOURLY": timedelta(days=5),
                "DAILY": timedelta(days=200), "WEEKLY": timedelta(days=700)}.get(freq, timedelta(days=3000))
        until = start + span * rng.random()
        if zone and rng.random() < 0.7:
            local = until.replace(tzinfo=ZoneInfo(zone))
            parts["UNTIL"] = local.astimezone(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
        elif zone is None and rng.random() < 0.5:
            parts["UNTIL"] = until.strftime("%Y%m%dT%H%M%S")
        else:
            parts["UNTIL"] = until.strftime("%Y%m%dT%H%M%SZ") if zone else until.strftime("%Y%m%dT%H%M%S")
    if freq == "WEEKLY" and "BYSETPOS" in parts:
        wkst = DAYS.index(parts.get("WKST", "MO"))
        start -= timedelta(days=(start.weekday() - wkst) % 7)
    keys = list(parts)
    rng.shuffle(keys)
    keys.remove("FREQ")
    rule = ";".join(["FREQ=" + freq] + [f"{k}={parts[k]}" for k in keys])
    return start, zone, rule


class Timeout(Exception):
    pass


def _alarm(signum, frame):
    raise Timeout()


def oracle(start, zone, rule):
    tz = ZoneInfo(zone) if zone else None
    dtstart = start.replace(tzinfo=tz) if tz else start
    text = rule
    if tz is None and "Z" in rule.split("UNTIL=")[-1][:16] and "UNTIL=" in rule:
        return None
    horizon = dtstart.replace(year=min(dtstart.year + HORIZON_YEARS, 9999))
    def expand(rule_text):
        out = []
        for value in rrulestr(rule_text, dtstart=dtstart):
            if value > horizon or len(out) >= MAX_INSTANCES:
                break
            out.append(value)
        return out
    values = expand(text)
    if not values or values[0] != dtstart:
        if "COUNT=" in text:
            count = int(text.split("COUNT=")[1].split(";")[0])
            if count == 1:
                values = []
            else:
                values = expand(text.replace(f"COUNT={count}", f"COUNT={count - 1}"))
        values = [dtstart] + values
    return [v.strftime("%Y%m%dT%H%M%S") for v in values[:MAX_INSTANCES]]


def run_ours(cases, package_root):
    with tempfile.TemporaryDirectory() as tmp:
        cases_path = os.path.join(tmp, "cases.tsv")
        out_path = os.path.join(tmp, "out.tsv")
        with open(cases_path, "w") as f:
            for i, (start, zone, rule) in enumerate(cases):
                f.write(f"{i}\t{start.strftime('%Y%m%dT%H%M%S')}\t{zone or ''}\t{rule}\t{MAX_INSTANCES}\t{HORIZON_YEARS}\n")
        env = dict(os.environ, KALENDS_RRULE_CASES=cases_path, KALENDS_RRULE_OUT=out_path)
        subprocess.run(["swift", "test", "--filter", "DifferentialHarnessTests"], cwd=package_root, env=env,
                       check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        ours = {}
        with open(out_path) as f:
            for line in f:
                index, _, values = line.rstrip("\n").partition("\t")
                ours[int(index)] = values.split(",") if values else []
        return ours


LIBICAL_SOURCE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "libical_oracle.c")


def libical_results(cases, timeout):
    """Expands every case with libical (the C driver beside this script); None where it rejects or times out."""
    with tempfile.TemporaryDirectory() as tmp:
        binary = os.path.join(tmp, "libical_oracle")
        flags = subprocess.run(["pkg-config", "--cflags", "--libs", "libical"], check=True, capture_output=True,
                               text=True).stdout.split()
        subprocess.run(["cc", "-O2", "-o", binary, LIBICAL_SOURCE] + flags, check=True)
        lines = [f"{i}\t{start.strftime('%Y%m%dT%H%M%S')}\t{zone or ''}\t{rule}\t{MAX_INSTANCES}\t"
                 f"{HORIZON_YEARS}\n" for i, (start, zone, rule) in enumerate(cases)]
        results = [None] * len(cases)
        next_case = 0
        while next_case < len(cases):
            # libical can crash on a rule (or after a timeout jumped out of it): that case is skipped and
            # the driver restarted after it.
            run = subprocess.run([binary, str(timeout)], input="".join(lines[next_case:]), capture_output=True,
                                 text=True)
            last = next_case - 1
            for line in run.stdout.splitlines():
                index, _, values = line.partition("\t")
                last = int(index)
                if not values.startswith("!"):
                    results[last] = values.split(",") if values else []
            if run.returncode == 0 or last + 1 >= len(cases):
                break
            print(f"libical crashed on case {last + 1}: {cases[last + 1][2]}", file=sys.stderr)
            next_case = last + 2
    return results


def dateutil_results(cases, timeout):
    """Expands every case with python-dateutil; None where it rejects the rule or times out."""
    signal.signal(signal.SIGALRM, _alarm)
    results = []
    for start, zone, rule in cases:
        try:
            signal.setitimer(signal.ITIMER_REAL, timeout)
            try:
                value = oracle(start, zone, rule)
            finally:
                signal.setitimer(signal.ITIMER_REAL, 0)
        except Exception:  # Timeout (also from the finally clause), rejected rules, dateutil IndexError bugs
            value = None
        results.append(value)
    return results


def valid_cases(rng, count):
    """`count` random rules that RFC 5545 allows (a floating DTSTART takes no UTC UNTIL, §3.3.10)."""
    cases = []
    while len(cases) < count:
        start, zone, rule = random_case(rng)
        if zone is None and "UNTIL=" in rule and rule.split("UNTIL=")[1].split(";")[0].endswith("Z"):
            continue
        cases.append((start, zone, rule))
    return cases


def short(values):
    if values is None:
        return "<skipped>"
    return f"{','.join(values[:8])}{' …' if len(values) > 8 else ''} ({len(values)})"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rules", type=int, default=10000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--show", type=int, default=10)
    parser.add_argument("--oracle", choices=["dateutil", "libical", "both"], default="both")
    parser.add_argument("--oracle-timeout", type=float, default=1.0, help="seconds per rule before skipping it")
    parser.add_argument("--diffs", help="write every disagreement (case, each side's instances) to this TSV file")
    parser.add_argument("--write-sample")
    parser.add_argument("--package", help="package root to build our side in (default: this checkout)")
    args = parser.parse_args()
    root = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
    cases = valid_cases(random.Random(args.seed), args.rules)
    oracles = {}
    if args.oracle in ("dateutil", "both") or args.write_sample:
        oracles["dateutil"] = dateutil_results(cases, args.oracle_timeout)
    if args.write_sample:
        with open(args.write_sample, "w") as f:
            f.write("# Random rules with python-dateutil's instances (adjusted as compare.py documents).\n")
            f.write("# id, DTSTART, TZID, RRULE, max instances, horizon years, expected local instances\n")
            kept = [(case, values) for case, values in zip(cases, oracles["dateutil"]) if values is not None]
            for i, ((start, zone, rule), values) in enumerate(kept):
                f.write(f"{i}\t{start.strftime('%Y%m%dT%H%M%S')}\t{zone or ''}\t{rule}\t{MAX_INSTANCES}\t"
                        f"{HORIZON_YEARS}\t{','.join(values)}\n")
        return
    if args.oracle in ("libical", "both"):
        oracles["libical"] = libical_results(cases, args.oracle_timeout)
    ours = run_ours(cases, args.package or root)
    diffs = open(args.diffs, "w") if args.diffs else None
    if diffs:
        diffs.write("oracle\tDTSTART\tTZID\tRRULE\tours\t" + "\t".join(oracles) + "\n")
    failed = False
    for name, expected in oracles.items():
        compared = agree = shown = 0
        for i, ((start, zone, rule), values) in enumerate(zip(cases, expected)):
            if values is None:
                continue
            compared += 1
            mine = ours.get(i, ["<missing>"])
            if mine == values:
                agree += 1
                continue
            if diffs:
                others = "\t".join(",".join(o[i]) if o[i] is not None else "<skipped>" for o in oracles.values())
                diffs.write(f"{name}\t{start:%Y%m%dT%H%M%S}\t{zone or ''}\t{rule}\t{','.join(mine)}\t{others}\n")
            if shown < args.show:
                shown += 1
                print(f"DIFF ({name}) DTSTART={start:%Y%m%dT%H%M%S} TZID={zone} RRULE:{rule}")
                for other, results in oracles.items():
                    print(f"  {other + ':':10}{short(results[i])}")
                print(f"  {'ours:':10}{short(mine)}")
        skipped = len(cases) - compared
        print(f"oracle: {name}, rules: {len(cases)}, compared: {compared}, agree: {agree}, "
              f"disagree: {compared - agree}, agreement: {100.0 * agree / max(compared, 1):.3f}% "
              f"(skipped: {skipped}, rejected by the oracle or over {args.oracle_timeout} s)")
        failed = failed or agree != compared
    if diffs:
        diffs.close()
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
