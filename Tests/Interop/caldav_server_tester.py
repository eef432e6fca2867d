"""Runs caldav-server-tester (PyPI; the python-caldav project's server compatibility checker) against Kalends.

The checker probes ~100 CalDAV behaviours (PUT/GET round trips, time zones, tasks, searches, sync tokens,
properties, principals, URL encodings) and prints only the features whose support differs from what the caldav
library expects of a standard server. This script fails when a deviation is not one of the accepted ones below,
or when any feature is `broken` or `ungraceful`.

Usage: caldav_server_tester.py BASE_URL USER PASSWORD   (caldav-server-tester and vobject installed)
"""

import json
import subprocess
import sys

# Deviations we accept, with the reason. Anything else fails the run.
ACCEPTED = {
    "scheduling": ("unsupported", "RFC 6638 scheduling is not built (calendar-auto-schedule is not advertised)"),
    "search.text.comp-type-optional": ("unsupported", "RFC 4791 §9.7: a prop-filter under VCALENDAR filters VCALENDAR's own properties"),
    "search.time-range.comp-type-optional": ("unsupported", "RFC 4791 §9.9: time-range is not valid on VCALENDAR"),
    "principal-search": ("unsupported", "python-caldav 3.6 puts the wanted properties beside an empty DAV:prop, so no displayname comes back"),
    "principal-search.by-name.self": ("unsupported", "the same python-caldav request shape"),
    "principal-search.list-all": ("unsupported", "the same python-caldav request shape"),
    "url.encode-at.identity": ("unsupported", "both spellings of '@' reach the same resource: lenient, nothing to work around"),
    "url.encode-at.literal.principal": ("unknown", "user names here carry no '@'"),
    "well-known": ("unknown", "not applicable on localhost"),
}


def main() -> int:
    url, user, password = sys.argv[1:4]
    result = subprocess.run(
        ["caldav-server-tester", "--caldav-url", url, "--caldav-username", user, "--caldav-password", password,
         "--format", "json"],
        capture_output=True, text=True, timeout=900,
    )
    if result.returncode != 0:
        print(result.stdout[-3000:], result.stderr[-3000:])
        print("FAIL caldav-server-tester exited with", result.returncode)
        return 1
    features = json.loads(result.stdout)["features"]
    failures = []
    for name, found in sorted(features.items()):
        support = found.get("support")
        accepted = ACCEPTED.get(name)
        if support == "full":
            continue
        if accepted and accepted[0] == support:
            print(f"accepted {name}: {support} ({accepted[1]})")
            continue
        failures.append(f"{name}: {support} {found.get('behaviour', '')}")
    for failure in failures:
        print("FAIL", failure)
    print(f"caldav-server-tester: {len(features)} features reported, {len(failures)} unexpected")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
