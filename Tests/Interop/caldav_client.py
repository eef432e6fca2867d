#!/usr/bin/env python3
"""Drives the Python `caldav` library (PyPI) as a real client against a running kalends.

Usage: caldav_client.py URL USER PASSWORD

Discovery from the bare server URL, calendar creation, events and todos (plain, recurring with an
exception, all-day, in several time zones), searches with and without server-side expansion, todo
queries, sync tokens, ETag-guarded updates and conflicts, deletion. Exits non-zero on the first failure.
"""
import sys
from datetime import datetime, timezone

import caldav

from interop_support import BasicClient, Checks

URL, USER, PASSWORD = sys.argv[1:4]

EVENT_BERLIN = """BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//kalends interop//EN
BEGIN:VTIMEZONE
TZID:Europe/Berlin
BEGIN:DAYLIGHT
TZOFFSETFROM:+0100
TZOFFSETTO:+0200
TZNAME:CEST
DTSTART:19700329T020000
RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU
END:DAYLIGHT
BEGIN:STANDARD
TZOFFSETFROM:+0200
TZOFFSETTO:+0100
TZNAME:CET
DTSTART:19701025T030000
RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU
END:STANDARD
END:VTIMEZONE
BEGIN:VEVENT
UID:berlin-weekly@kalends
DTSTAMP:20260101T000000Z
DTSTART;TZID=Europe/Berlin:20260302T090000
DTEND;TZID=Europe/Berlin:20260302T100000
RRULE:FREQ=WEEKLY;COUNT=10
SUMMARY:Weekly standup
END:VEVENT
BEGIN:VEVENT
UID:berlin-weekly@kalends
DTSTAMP:20260101T000000Z
RECURRENCE-ID;TZID=Europe/Berlin:20260316T090000
DTSTART;TZID=Europe/Berlin:20260317T140000
DTEND;TZID=Europe/Berlin:20260317T150000
SUMMARY:Weekly standup (moved)
END:VEVENT
END:VCALENDAR
"""

EVENT_NEW_YORK = """BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//kalends interop//EN
BEGIN:VEVENT
UID:new-york@kalends
DTSTAMP:20260101T000000Z
DTSTART;TZID=America/New_York:20260310T180000
DURATION:PT2H
SUMMARY:Dinner in New York
END:VEVENT
END:VCALENDAR
"""

ALL_DAY = """BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//kalends interop//EN
BEGIN:VEVENT
UID:all-day@kalends
DTSTAMP:20260101T000000Z
DTSTART;VALUE=DATE:20260401
DTEND;VALUE=DATE:20260402
SUMMARY:Holiday
END:VEVENT
END:VCALENDAR
"""

TODO = """BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//kalends interop//EN
BEGIN:VTODO
UID:todo-1@kalends
DTSTAMP:20260101T000000Z
DUE:20260320T170000Z
SUMMARY:File taxes
STATUS:NEEDS-ACTION
END:VTODO
END:VCALENDAR
"""

EXPAND_QUERY = """<?xml version="1.0" encoding="utf-8"?>
<C:calendar-query xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">
  <D:prop><C:calendar-data><C:expand start="20260301T000000Z" end="20260401T000000Z"/></C:calendar-data></D:prop>
  <C:filter><C:comp-filter name="VCALENDAR"><C:comp-filter name="VEVENT">
    <C:time-range start="20260301T000000Z" end="20260401T000000Z"/>
  </C:comp-filter></C:comp-filter></C:filter>
</C:calendar-query>
"""

check = Checks()
plain_http = BasicClient(URL, USER, PASSWORD)


def raw(method, url, body, headers=None):
    """One request outside the library, to see statuses and error bodies it would turn into exceptions."""
    status, _, reply = plain_http.request(method, url, body, {"Content-Type": "text/calendar", **(headers or {})})
    return status, reply.decode()


def utc(*parts):
    return datetime(*parts, tzinfo=timezone.utc)


client = caldav.DAVClient(url=URL, username=USER, password=PASSWORD)
principal = client.principal()
check(str(principal.url).rstrip("/").endswith(f"/dav/principals/users/{USER}"), "principal found from the bare URL")
calendars = principal.calendars()
check(any(str(c.url).endswith("/calendar/") for c in calendars), "default calendar is listed")

calendar = principal.make_calendar(name="Interop", cal_id="interop")
check(calendar.get_display_name() == "Interop", "new calendar has its display name")

weekly = calendar.save_event(EVENT_BERLIN)
calendar.save_event(EVENT_NEW_YORK)
calendar.save_event(ALL_DAY)
todo = calendar.save_todo(TODO)
check(len(calendar.events()) == 3, "three events stored")
check(len(calendar.todos()) == 1, "one todo stored")

march = calendar.search(start=utc(2026, 3, 1), end=utc(2026, 4, 1), event=True)
uids = sorted(e.icalendar_component["UID"] for e in march)
check(uids == ["berlin-weekly@kalends", "new-york@kalends"], f"March search finds the recurring and the New York event: {uids}")

week = calendar.search(start=utc(2026, 3, 16), end=utc(2026, 3, 17), event=True)
check(len(week) == 0, "the moved occurrence no longer falls on its original day")
moved = calendar.search(start=utc(2026, 3, 17), end=utc(2026, 3, 18), event=True)
check(len(moved) == 1, "the moved occurrence is found on its new day")

expanded = calendar.search(start=utc(2026, 3, 1), end=utc(2026, 3, 31), event=True, expand=True, server_expand=True)
starts = sorted(e.icalendar_component["DTSTART"].dt.astimezone(timezone.utc) for e in expanded if "berlin" in str(e.icalendar_component["UID"]))
check(len(starts) == 5, f"server expansion yields five March instances: {len(starts)}")
check(starts[-1] == utc(2026, 3, 30, 7), f"the instance after the DST change starts at 07:00 UTC: {starts[-1]}")

all_day_end = calendar.search(start=utc(2026, 3, 31), end=utc(2026, 4, 1), event=True)
check(len(all_day_end) == 0, "an all-day event starting at the query end does not match")
all_day = calendar.search(start=utc(2026, 4, 1, 12), end=utc(2026, 4, 1, 13), event=True)
check(len(all_day) == 1, "the all-day event matches inside its day")

todos = calendar.search(todo=True, start=utc(2026, 3, 19), end=utc(2026, 3, 21))
check(len(todos) == 1, "todo found by its due date")

sync = calendar.objects_by_sync_token(load_objects=True)
token = sync.sync_token
check(len(list(sync)) == 4, "initial sync returns every object")

todo.icalendar_component["SUMMARY"] = "File taxes today"
todo.save()
calendar.event_by_uid("new-york@kalends").delete()
changed = calendar.objects_by_sync_token(sync_token=token, load_objects=False)
check(len(list(changed)) == 2, "incremental sync reports the update and the deletion")

status, _ = raw("PUT", str(weekly.url), EVENT_BERLIN.replace("Weekly standup", "Changed"), {"If-Match": '"stale"'})
check(status == 412, f"a write with a stale ETag gets 412: {status}")
status, _ = raw("PUT", str(calendar.url) + "new.ics", EVENT_NEW_YORK.replace("new-york", "fresh"), {"If-None-Match": "*"})
check(status == 201, f"a new object with If-None-Match: * is created: {status}")
status, _ = raw("PUT", str(calendar.url) + "new.ics", EVENT_NEW_YORK.replace("new-york", "fresh"), {"If-None-Match": "*"})
check(status == 412, f"If-None-Match: * on an existing object gets 412: {status}")

status, body = raw("PUT", str(calendar.url) + "dup.ics", EVENT_BERLIN)
check(status == 403 and "no-uid-conflict" in body, f"a second object with the same UID is refused: {status}")
status, body = raw("PUT", str(calendar.url) + "broken.ics", "BEGIN:VCALENDAR\nEND:VCALENDAR\n")
check(status == 403 and "valid-calendar" in body, f"broken iCalendar is refused with a precondition: {status}")
status, body = raw("PUT", str(calendar.url) + "big.ics", EVENT_NEW_YORK.replace("SUMMARY:", "DESCRIPTION:" + "x" * (9 << 20) + "\nSUMMARY:"))
check(status in (403, 413) and "max-resource-size" in body, f"a 9 MiB event is refused: {status}")
million = EVENT_NEW_YORK.replace("new-york", "million").replace("DURATION:PT2H", "DURATION:PT1S\nRRULE:FREQ=SECONDLY")
status, _ = raw("PUT", str(calendar.url) + "million.ics", million)
check(status == 201, f"an unbounded SECONDLY event is stored: {status}")
started = datetime.now()
status, body = raw("REPORT", str(calendar.url), EXPAND_QUERY, {"Depth": "1", "Content-Type": "application/xml"})
elapsed = (datetime.now() - started).total_seconds()
check(status in (207, 403) and elapsed < 10, f"expanding it over a month is bounded: {status} in {elapsed:.1f} s")
check(len(calendar.events()) == 4, "the refused writes stored nothing")

calendar.delete()
check(all(not str(c.url).endswith("/interop/") for c in principal.calendars()), "the calendar is gone after DELETE")
print(f"caldav client: {check.passed} checks passed")
