#!/usr/bin/env python3
"""Differential check of Kalends' iCalendar/vCard parsing against Python `icalendar` and `vobject`.

Usage:  Tests/Differential/ical/compare.py [DIR]      (from the package root)
        DIR: an extra directory of .ics/.vcf files to compare too (e.g. gen_data.py's events/)
        VENV=/path/to/venv  to reuse a virtualenv (default /tmp/kalends-diff-venv)

Steps: creates a venv and pip-installs icalendar + vobject (PyPI); runs the opt-in Swift test
`DifferentialDumpTests` which writes Kalends' view of every fixture as JSON; parses the same
fixtures with both Python libraries; compares UIDs, component counts, DTSTART values and
per-component property counts. Prints one line per difference and exits 1 if any was found
that is not listed in KNOWN_DIFFERENCES (documented library behaviours, not Kalends bugs).
"""
import datetime
import json
import os
import subprocess
import sys
import tempfile

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
FIXTURES = os.path.join(ROOT, "Tests", "Fixtures")
OBJECTS = {"VEVENT", "VTODO", "VJOURNAL", "VFREEBUSY", "VAVAILABILITY"}

# (file, library, field): why the libraries legitimately disagree with Kalends.
KNOWN_DIFFERENCES = {
    ("rfc5545/s3.6.4-freebusy-reply.ics", "icalendar", "property_counts"):
        "icalendar turns one FREEBUSY property with three comma-separated periods into three entries; "
        "Kalends counts content lines (one FREEBUSY line, three PERIOD values).",
}


def ensure_venv():
    venv = os.environ.get("VENV", "/tmp/kalends-diff-venv")
    python = os.path.join(venv, "bin", "python")
    if not os.path.exists(python):
        subprocess.check_call([sys.executable, "-m", "venv", venv])
    subprocess.check_call([python, "-m", "pip", "install", "-q", "icalendar", "vobject"])
    return python


def kalends_view():
    out = tempfile.NamedTemporaryFile(suffix=".json", delete=False).name
    env = dict(os.environ, KALENDS_DIFF_OUT=out)
    if len(sys.argv) > 1:
        env["KALENDS_DIFF_EXTRA"] = os.path.abspath(sys.argv[1])
    subprocess.check_call(["swift", "test", "--filter", "DifferentialDumpTests"], cwd=ROOT, env=env,
                          stdout=subprocess.DEVNULL)
    with open(out) as handle:
        return json.load(handle)


def value_text(value):
    """Formats a Python date/datetime the way ICalDateTime.valueText does."""
    if isinstance(value, datetime.datetime):
        text = value.strftime("%Y%m%dT%H%M%S")
        if value.tzinfo is not None and value.utcoffset() == datetime.timedelta(0) and \
                str(value.tzinfo) in ("UTC", "UTC+00:00", "tzutc()", "tzutc"):
            text += "Z"
        return text
    if isinstance(value, datetime.date):
        return value.strftime("%Y%m%d")
    return ""


def icalendar_view(path):
    import icalendar
    with open(path, "rb") as handle:
        calendars = icalendar.Calendar.from_ical(handle.read(), multiple=True)
    counts, uids, dtstarts, property_counts = {}, [], [], []
    for calendar in calendars:
        for component in calendar.walk():
            counts[component.name] = counts.get(component.name, 0) + 1
        for component in calendar.subcomponents:
            if component.name not in OBJECTS:
                continue
            if "UID" in component:
                uids.append(str(component["UID"]))
            start = component.get("DTSTART")
            dtstarts.append(value_text(start.dt) if start is not None else "")
            property_counts.append(sum(len(v) if isinstance(v, list) else 1 for v in component.values()))
    return {"uids": uids, "counts": counts, "dtstarts": dtstarts, "property_counts": property_counts}


def vobject_view(path):
    import vobject
    with open(path, encoding="utf-8-sig") as handle:
        roots = list(vobject.readComponents(handle.read(), allowQP=True))
    counts, uids, dtstarts, property_counts = {}, [], [], []

    def walk(component):
        counts[component.name.upper()] = counts.get(component.name.upper(), 0) + 1
        for child in component.getChildren():
            if isinstance(child, vobject.base.Component):
                walk(child)

    for root in roots:
        walk(root)
        objects = [root] if root.name.upper() == "VCARD" else [
            child for child in root.getChildren()
            if isinstance(child, vobject.base.Component) and child.name.upper() in OBJECTS]
        for component in objects:
            lines = [c for c in component.getChildren() if not isinstance(c, vobject.base.Component)]
            property_counts.append(len(lines))
            uid = [c.value for c in lines if c.name.upper() == "UID"]
            uids.extend(uid[:1])
            if root.name.upper() != "VCARD":
                start = [c for c in lines if c.name.upper() == "DTSTART"]
                dtstarts.append(value_text(start[0].value) if start else "")
    return {"uids": uids, "counts": counts, "dtstarts": dtstarts, "property_counts": property_counts}


def compare(name, library, ours, theirs, problems):
    for field in ("uids", "counts", "dtstarts", "property_counts"):
        if field not in theirs:
            continue
        if ours[field] != theirs[field]:
            key = (name, library, field)
            marker = "known" if key in KNOWN_DIFFERENCES else "DIFF"
            print(f"{marker} {name} [{library}] {field}: kalends={ours[field]} {library}={theirs[field]}")
            if key not in KNOWN_DIFFERENCES:
                problems.append(key)


def main():
    if os.environ.get("KALENDS_DIFF_INNER") != "1":
        python = ensure_venv()
        view = kalends_view()
        with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as handle:
            json.dump(view, handle)
        env = dict(os.environ, KALENDS_DIFF_INNER="1", KALENDS_VIEW=handle.name)
        sys.exit(subprocess.call([python, __file__] + sys.argv[1:], env=env))
    with open(os.environ["KALENDS_VIEW"]) as handle:
        view = json.load(handle)
    problems, compared = [], 0
    for name in sorted(view):
        path = name if os.path.isabs(name) else os.path.join(FIXTURES, name)
        ours = view[name]
        libraries = [("vobject", vobject_view)]
        if name.endswith(".ics"):
            libraries.insert(0, ("icalendar", icalendar_view))
        for library, reader in libraries:
            try:
                theirs = reader(path)
            except Exception as error:  # a library refusing a file is a difference to report, not a crash
                print(f"FAIL {name} [{library}] could not parse: {type(error).__name__}: {error}")
                key = (name, library, "parse")
                if key not in KNOWN_DIFFERENCES:
                    problems.append(key)
                continue
            compared += 1
            compare(name, library, ours, theirs, problems)
    print(f"{compared} comparisons over {len(view)} files, {len(problems)} unexplained differences")
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
