"""A vdirsyncer (PyPI) session: two-way sync of calendars and address books between Kalends and local folders.

vdirsyncer is the sync engine behind khal/khard and many desktop setups. The session discovers the user's
collections (and creates a new calendar and address book on the server from local folders), syncs events (plain,
all-day, recurring with an override, in a time zone with its VTIMEZONE) and contacts up, changes and deletes
items on the server with plain HTTP and syncs them down, resolves a conflict, syncs a calendar's displayname and
color both ways (metasync), and checks after every step that both sides hold the same items byte for byte where
vdirsyncer keeps them unchanged.

Usage: vdirsyncer_session.py BASE_URL USER PASSWORD WORKDIR   (vdirsyncer installed beside this interpreter)
"""

import pathlib
import subprocess
import sys

from interop_support import BasicClient, Checks

BASE, USER, PASSWORD, WORK = sys.argv[1:5]
WORK = pathlib.Path(WORK)
VDIRSYNCER = str(pathlib.Path(sys.executable).parent / "vdirsyncer")
HOME = f"/dav/home/{USER}/"
check = Checks(verbose=False)
http = BasicClient(BASE, USER, PASSWORD).request


def vdirsyncer(*arguments, answers=""):
    result = subprocess.run(
        [VDIRSYNCER, "-c", str(WORK / "config"), *arguments],
        input=answers, capture_output=True, text=True, timeout=300,
    )
    if result.returncode != 0:
        print(result.stdout[-4000:], result.stderr[-4000:])
    check(result.returncode == 0, f"vdirsyncer {' '.join(arguments)} exited with {result.returncode}")
    return result.stdout + result.stderr


def ical(uid, body):
    return (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Kalends interop//vdirsyncer//EN\r\n"
        + body.replace("UID:x", f"UID:{uid}")
        + "END:VCALENDAR\r\n"
    )


BERLIN = (
    "BEGIN:VTIMEZONE\r\nTZID:Europe/Berlin\r\nBEGIN:DAYLIGHT\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\n"
    "TZNAME:CEST\r\nDTSTART:19700329T020000\r\nRRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\nEND:DAYLIGHT\r\n"
    "BEGIN:STANDARD\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\nTZNAME:CET\r\nDTSTART:19701025T030000\r\n"
    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n"
)
EVENTS = {
    "plain": ical("plain", "BEGIN:VEVENT\r\nUID:x\r\nDTSTAMP:20260101T000000Z\r\nDTSTART:20260310T090000Z\r\n"
                  "DTEND:20260310T100000Z\r\nSUMMARY:Plain\r\nEND:VEVENT\r\n"),
    "allday": ical("allday", "BEGIN:VEVENT\r\nUID:x\r\nDTSTAMP:20260101T000000Z\r\nDTSTART;VALUE=DATE:20260401\r\n"
                   "DTEND;VALUE=DATE:20260402\r\nSUMMARY:Holiday\r\nEND:VEVENT\r\n"),
    "weekly": ical("weekly", BERLIN
                   + "BEGIN:VEVENT\r\nUID:x\r\nDTSTAMP:20260101T000000Z\r\nDTSTART;TZID=Europe/Berlin:20260302T100000\r\n"
                   "DTEND;TZID=Europe/Berlin:20260302T110000\r\nRRULE:FREQ=WEEKLY;COUNT=10\r\nSUMMARY:Standup\r\n"
                   "END:VEVENT\r\nBEGIN:VEVENT\r\nUID:x\r\nDTSTAMP:20260101T000000Z\r\n"
                   "RECURRENCE-ID;TZID=Europe/Berlin:20260309T100000\r\nDTSTART;TZID=Europe/Berlin:20260309T120000\r\n"
                   "DTEND;TZID=Europe/Berlin:20260309T130000\r\nSUMMARY:Standup (moved)\r\nEND:VEVENT\r\n"),
}


def card(uid, name, email):
    return (f"BEGIN:VCARD\r\nVERSION:3.0\r\nUID:{uid}\r\nFN:{name}\r\nN:{name.split()[-1]};{name.split()[0]};;;\r\n"
            f"EMAIL;TYPE=INTERNET:{email}\r\nEND:VCARD\r\n")


def local_items(folder):
    return {path.name: path.read_bytes() for path in folder.glob("*") if path.is_file() and not path.name.startswith(".")}


def server_items(collection):
    body = b'<propfind xmlns="DAV:"><prop><getetag/></prop></propfind>'
    status, _, text = http("PROPFIND", collection, body, {"Depth": "1", "Content-Type": "application/xml"})
    check(status == 207, f"PROPFIND {collection} answered {status}")
    hrefs = [part.split("</D:href>")[0] for part in text.decode().split("<D:href>")[1:]]
    return {href.rsplit("/", 1)[-1]: href for href in hrefs if not href.endswith("/")}


def main():
    (WORK / "calendars" / "team").mkdir(parents=True, exist_ok=True)
    (WORK / "contacts" / "friends").mkdir(parents=True, exist_ok=True)
    (WORK / "config").write_text(f"""
[general]
status_path = "{WORK}/status/"

[pair calendars]
a = "calendars_local"
b = "calendars_remote"
collections = ["from a", "from b"]
metadata = ["color", "displayname"]
conflict_resolution = "b wins"

[storage calendars_local]
type = "filesystem"
path = "{WORK}/calendars/"
fileext = ".ics"

[storage calendars_remote]
type = "caldav"
url = "{BASE}"
username = "{USER}"
password = "{PASSWORD}"

[pair contacts]
a = "contacts_local"
b = "contacts_remote"
collections = ["from a", "from b"]
conflict_resolution = "b wins"

[storage contacts_local]
type = "filesystem"
path = "{WORK}/contacts/"
fileext = ".vcf"

[storage contacts_remote]
type = "carddav"
url = "{BASE}"
username = "{USER}"
password = "{PASSWORD}"
""")
    # Discovery finds the default calendar and address book and offers to create the local-only collections.
    vdirsyncer("discover", answers="y\n" * 10)
    for name, text in EVENTS.items():
        (WORK / "calendars" / "team" / f"{name}.ics").write_text(text, newline="")
    for index in range(20):
        (WORK / "contacts" / "friends" / f"c{index}.vcf").write_text(
            card(f"c{index}", f"Friend Number{index}", f"friend{index}@example.org"), newline="")
    (WORK / "calendars" / "team" / "displayname").write_text("Team calendar")
    (WORK / "calendars" / "team" / "color").write_text("#3465A4")
    vdirsyncer("sync")
    vdirsyncer("metasync")

    team = HOME + "team/"
    status, _, _ = http("PROPFIND", team, b'<propfind xmlns="DAV:"><prop><resourcetype/></prop></propfind>', {"Depth": "0"})
    check(status == 207, "the local calendar folder became a server collection")
    on_server = server_items(team)
    check(len(on_server) == 3, f"3 events on the server, found {sorted(on_server)}")
    for href in on_server.values():
        status, headers, body = http("GET", href)
        check(status == 200 and b"BEGIN:VEVENT" in body, f"GET {href}")
    friends = server_items(HOME + "friends/")
    check(len(friends) == 20, f"20 contacts on the server, found {len(friends)}")
    props = b'<propfind xmlns="DAV:" xmlns:A="http://apple.com/ns/ical/"><prop><displayname/><A:calendar-color/></prop></propfind>'
    _, _, meta = http("PROPFIND", team, props, {"Depth": "0"})
    check(b"Team calendar" in meta and b"#3465A4" in meta, f"metasync stored displayname and color: {meta[:400]}")
    report = (b'<C:calendar-query xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav"><D:prop><D:getetag/></D:prop>'
              b'<C:filter><C:comp-filter name="VCALENDAR"><C:comp-filter name="VEVENT">'
              b'<C:time-range start="20260309T000000Z" end="20260310T000000Z"/></C:comp-filter></C:comp-filter>'
              b'</C:filter></C:calendar-query>')
    _, _, found = http("REPORT", team, report, {"Depth": "1"})
    check(found.count(b"<D:response>") == 1 and b"weekly" in found, "the moved instance is found on 2026-03-09")

    # Server-side changes: an update with If-Match, a deletion, a new event; then sync down.
    plain_href = on_server[next(name for name in on_server if "plain" in name)]
    status, headers, body = http("GET", plain_href)
    etag = headers.get("ETag") or headers.get("Etag")
    changed = body.replace(b"SUMMARY:Plain", b"SUMMARY:Plain, changed on the server")
    status, _, _ = http("PUT", plain_href, changed, {"If-Match": etag, "Content-Type": "text/calendar"})
    check(status in (200, 204), f"server-side update answered {status}")
    allday_href = on_server[next(name for name in on_server if "allday" in name)]
    check(http("DELETE", allday_href)[0] == 204, "server-side delete")
    new_event = ical("server-new", "BEGIN:VEVENT\r\nUID:x\r\nDTSTAMP:20260101T000000Z\r\nDTSTART:20260501T090000Z\r\n"
                     "DURATION:PT30M\r\nSUMMARY:Made on the server\r\nEND:VEVENT\r\n").encode()
    check(http("PUT", team + "server-new.ics", new_event, {"If-None-Match": "*", "Content-Type": "text/calendar"})[0] == 201,
          "server-side create")
    vdirsyncer("sync")
    local = local_items(WORK / "calendars" / "team")
    texts = b"".join(local.values())
    check(b"Plain, changed on the server" in texts, "the server-side change reached the local folder")
    check(b"Holiday" not in texts, "the server-side deletion reached the local folder")
    check(b"Made on the server" in texts, "the server-side event reached the local folder")
    check(len([name for name in local if name.endswith(".ics")]) == 3, f"3 local events, found {sorted(local)}")

    # A conflict: both sides change the same event; the server wins as configured, and nothing is duplicated.
    weekly_file = next(path for path in (WORK / "calendars" / "team").glob("*.ics") if b"Standup" in path.read_bytes())
    weekly_file.write_bytes(weekly_file.read_bytes().replace(b"SUMMARY:Standup\r\n", b"SUMMARY:Standup (local)\r\n"))
    weekly_href = on_server[next(name for name in on_server if "weekly" in name)]
    status, headers, body = http("GET", weekly_href)
    server_text = body.replace(b"SUMMARY:Standup\r\n", b"SUMMARY:Standup (server)\r\n")
    check(http("PUT", weekly_href, server_text, {"If-Match": headers.get("ETag"), "Content-Type": "text/calendar"})[0] in (200, 204),
          "server-side conflicting update")
    vdirsyncer("sync")
    check(b"Standup (server)" in weekly_file.read_bytes(), "the conflict was resolved with the server's version")

    # Local deletion and a local contact edit go up.
    next(path for path in (WORK / "calendars" / "team").glob("*.ics") if b"Made on the server" in path.read_bytes()).unlink()
    contact = WORK / "contacts" / "friends" / "c3.vcf"
    contact.write_bytes(contact.read_bytes().replace(b"friend3@example.org", b"new3@example.org"))
    vdirsyncer("sync")
    check(http("GET", team + "server-new.ics")[0] == 404, "the local deletion reached the server")
    friends = server_items(HOME + "friends/")
    bodies = b"".join(http("GET", href)[2] for href in friends.values())
    check(b"new3@example.org" in bodies and b"friend3@example.org" not in bodies, "the local contact edit reached the server")
    # A second sync with nothing changed does nothing.
    quiet = vdirsyncer("sync")
    check("Copying" not in quiet and "Deleting" not in quiet and "Updating" not in quiet, f"an idle sync changed something: {quiet}")
    print(f"vdirsyncer session: {check.passed} checks passed")


if __name__ == "__main__":
    main()
