"""Thunderbird's own CalDAV provider against Kalends, driven through Marionette in a headless Thunderbird.

Thunderbird (Debian package) runs headless with a fresh profile; chrome-privileged scripts call the calendar
code the Thunderbird UI calls: the new-calendar wizard's discovery from the bare server URL
(`cal.provider.detection.detect`), the calendar manager to subscribe, and `addItem`/`modifyItem`/`deleteItem` on
the CalDAV calendar. The session discovers the calendar from `http://host:port/` with user and password, checks
it is writable, creates an event, an all-day event, a weekly event in Europe/Berlin and a task, moves one
occurrence of the weekly event (an exception edited in Thunderbird), deletes the task, and checks every step on
the server with plain HTTP (objects named after their UIDs, the override stored as a RECURRENCE-ID component); then
it changes an event on the server, refreshes, and checks Thunderbird sees the change, and an event made while
offline reaches the server when Thunderbird is back online (the offline cache is on, as the wizard sets it). Then the same for
Thunderbird's built-in CardDAV address books: discovery (`CardDAVUtils.detectAddressBooks`), a contact created,
edited and deleted in Thunderbird and checked on the server, and a contact created on the server found after a
sync.

Usage: thunderbird_session.py BASE_URL USER PASSWORD WORKDIR   (thunderbird and PyPI marionette-driver installed)
"""

import json
import os
import pathlib
import socket
import subprocess
import sys
import time

from marionette_driver.marionette import Marionette

from interop_support import BasicClient, Checks

BASE, USER, PASSWORD, WORK = sys.argv[1:5]
BASE = BASE.rstrip("/") + "/"
WORK = pathlib.Path(WORK)
CALENDAR = f"/dav/home/{USER}/calendar/"
check = Checks()
http = BasicClient(BASE, USER, PASSWORD).request


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


PRELUDE = """
const { cal } = ChromeUtils.importESModule("resource:///modules/calendar/calUtils.sys.mjs");
const { CalEvent } = ChromeUtils.importESModule("resource:///modules/CalEvent.sys.mjs");
const { CalTodo } = ChromeUtils.importESModule("resource:///modules/CalTodo.sys.mjs");
const { CalRecurrenceInfo } = ChromeUtils.importESModule("resource:///modules/CalRecurrenceInfo.sys.mjs");
const calendarNamed = name => cal.manager.getCalendars().find(c => c.name == name);
const loaded = calendar => new Promise(resolve => {
  const observer = { QueryInterface: ChromeUtils.generateQI(["calIObserver"]),
    onStartBatch() {}, onEndBatch() {}, onAddItem() {}, onModifyItem() {}, onDeleteItem() {}, onError() {},
    onPropertyChanged() {}, onPropertyDeleting() {},
    onLoad() { calendar.removeObserver(observer); resolve(); } };
  calendar.addObserver(observer);
});
const berlin = value => { const d = cal.createDateTime(value); d.timezone = cal.timezoneService.getTimezone("Europe/Berlin"); return d; };
"""


def run(marionette, body, timeout=60):
    script = PRELUDE + "const [resolve] = arguments;\n(async () => {\n try {\n" + body + \
        "\n } catch (e) { resolve({error: String(e) + ' ' + (e.stack || '')}); }\n})();"
    result = marionette.execute_async_script(script, script_timeout=timeout * 1000)
    if isinstance(result, dict) and "error" in result:
        print("FAIL script error:", result["error"])
        raise SystemExit(1)
    return result


def objects():
    body = b'<propfind xmlns="DAV:"><prop><getetag/></prop></propfind>'
    status, _, text = http("PROPFIND", CALENDAR, body, {"Depth": "1"})
    hrefs = [part.split("</D:href>")[0] for part in text.decode().split("<D:href>")[1:]]
    return {href.rsplit("/", 1)[-1]: href for href in hrefs if not href.endswith("/")}


def session(marionette):
    origin = BASE.rstrip("/")
    found = run(marionette, f"""
      const result = await cal.provider.detection.detect({json.dumps(USER)}, {json.dumps(PASSWORD)}, {json.dumps(BASE)}, false, [], {{}});
      const out = [];
      for (const [provider, calendars] of result) for (const c of calendars)
        out.push({{type: provider.type, name: c.name, uri: c.uri.spec, readOnly: c.readOnly}});
      resolve(out);
    """)
    check(any(c["type"] == "caldav" and c["uri"].endswith(CALENDAR) and not c["readOnly"] for c in found),
          f"discovery from the bare URL finds the writable default calendar: {found}")

    run(marionette, f"""
      const login = Cc["@mozilla.org/login-manager/loginInfo;1"].createInstance(Ci.nsILoginInfo);
      login.init({json.dumps(origin)}, null, "Kalends", {json.dumps(USER)}, {json.dumps(PASSWORD)}, "", "");
      await Services.logins.addLoginAsync(login);
      const calendar = cal.manager.createCalendar("caldav", Services.io.newURI({json.dumps(origin + CALENDAR)}));
      calendar.name = "Kalends";
      calendar.setProperty("username", {json.dumps(USER)});
      calendar.setProperty("cache.enabled", true);
      cal.manager.registerCalendar(calendar);
      // The manager wraps the calendar in its offline cache; wait for the wrapper's first full load.
      const registered = calendarNamed("Kalends");
      const ready = loaded(registered);
      registered.refresh();
      await ready;
      resolve(true);
    """)
    check(True, "Thunderbird subscribed to the calendar and loaded it")

    run(marionette, """
      const calendar = calendarNamed("Kalends");
      const plain = new CalEvent();
      plain.id = "tb-plain@kalends.test"; plain.title = "Thunderbird plain";
      plain.startDate = cal.createDateTime("20260310T090000Z"); plain.endDate = cal.createDateTime("20260310T100000Z");
      await calendar.addItem(plain);
      const allDay = new CalEvent();
      allDay.id = "tb-allday@kalends.test"; allDay.title = "Thunderbird holiday";
      allDay.startDate = cal.createDateTime("20260401"); allDay.endDate = cal.createDateTime("20260402");
      await calendar.addItem(allDay);
      const weekly = new CalEvent();
      weekly.id = "tb-weekly@kalends.test"; weekly.title = "Thunderbird standup";
      weekly.startDate = berlin("20260302T100000"); weekly.endDate = berlin("20260302T103000");
      weekly.recurrenceInfo = new CalRecurrenceInfo(weekly);
      weekly.recurrenceInfo.appendRecurrenceItem(cal.createRecurrenceRule("RRULE:FREQ=WEEKLY;COUNT=6"));
      await calendar.addItem(weekly);
      const task = new CalTodo();
      task.id = "tb-task@kalends.test"; task.title = "Thunderbird task";
      task.dueDate = cal.createDateTime("20260320T170000Z");
      await calendar.addItem(task);
      resolve(true);
    """)
    stored = objects()
    for uid in ("tb-plain@kalends.test", "tb-allday@kalends.test", "tb-weekly@kalends.test", "tb-task@kalends.test"):
        name = next((name for name in stored if name.startswith(uid.split("@")[0])), None)
        check(name is not None, f"{uid} is stored on the server (objects: {sorted(stored)})")
        status, headers, body = http("GET", stored[name])
        check(status == 200 and f"UID:{uid}".encode() in body, f"GET {stored[name]} returns {uid}")
    _, _, weekly = http("GET", stored[next(name for name in stored if name.startswith("tb-weekly"))])
    check(b"RRULE:FREQ=WEEKLY;COUNT=6" in weekly and b"BEGIN:VTIMEZONE" in weekly and b"TZID=Europe/Berlin" in weekly,
          "the weekly event is stored with its rule and its Europe/Berlin VTIMEZONE")

    run(marionette, """
      const calendar = calendarNamed("Kalends");
      const weekly = await calendar.getItem("tb-weekly@kalends.test");
      const changed = weekly.clone();
      const occurrence = changed.recurrenceInfo.getOccurrenceFor(berlin("20260309T100000")).clone();
      occurrence.title = "Thunderbird standup (moved)";
      occurrence.startDate = berlin("20260309T140000"); occurrence.endDate = berlin("20260309T143000");
      changed.recurrenceInfo.modifyException(occurrence, true);
      await calendar.modifyItem(changed, weekly);
      const task = await calendar.getItem("tb-task@kalends.test");
      await calendar.deleteItem(task);
      resolve(true);
    """)
    stored = objects()
    _, _, weekly = http("GET", stored[next(name for name in stored if name.startswith("tb-weekly"))])
    check(b"RECURRENCE-ID;TZID=Europe/Berlin:20260309T100000" in weekly and b"Thunderbird standup (moved)" in weekly,
          "the occurrence moved in Thunderbird is stored as a RECURRENCE-ID override")
    check(not any(name.startswith("tb-task") for name in stored), "the task deleted in Thunderbird is gone")
    query = (b'<C:calendar-query xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav"><D:prop><D:getetag/></D:prop>'
             b'<C:filter><C:comp-filter name="VCALENDAR"><C:comp-filter name="VEVENT">'
             b'<C:time-range start="20260309T120000Z" end="20260309T140000Z"/></C:comp-filter></C:comp-filter>'
             b'</C:filter></C:calendar-query>')
    _, _, found = http("REPORT", CALENDAR, query, {"Depth": "1"})
    check(b"tb-weekly" in found, "a time-range query finds the moved occurrence at its new time")

    plain_href = stored[next(name for name in stored if name.startswith("tb-plain"))]
    _, headers, body = http("GET", plain_href)
    changed = body.replace(b"SUMMARY:Thunderbird plain", b"SUMMARY:Changed on the server")
    status, _, _ = http("PUT", plain_href, changed, {"If-Match": headers.get("ETag"), "Content-Type": "text/calendar"})
    check(status in (200, 204), f"the server-side change is accepted ({status})")
    title = run(marionette, """
      const calendar = calendarNamed("Kalends");
      const ready = loaded(calendar);
      calendar.refresh();
      await ready;
      const item = await calendar.getItem("tb-plain@kalends.test");
      resolve(item ? item.title : null);
    """)
    check(title == "Changed on the server", f"after a refresh Thunderbird shows the server-side change ({title!r})")

    run(marionette, """
      Services.io.manageOfflineStatus = false;
      Services.io.offline = true;
      const calendar = calendarNamed("Kalends");
      const offline = new CalEvent();
      offline.id = "tb-offline@kalends.test"; offline.title = "Made offline";
      offline.startDate = cal.createDateTime("20260312T090000Z"); offline.endDate = cal.createDateTime("20260312T093000Z");
      await calendar.addItem(offline);
      resolve(true);
    """)
    check(not any(name.startswith("tb-offline") for name in objects()), "an event made offline stays in Thunderbird's cache")
    run(marionette, """
      Services.io.offline = false;
      const calendar = calendarNamed("Kalends");
      const ready = loaded(calendar);
      calendar.refresh();
      await ready;
      resolve(true);
    """)
    wait_for(lambda: any(name.startswith("tb-offline") for name in objects()),
             "back online, Thunderbird replays the offline event to the server")


CONTACTS = f"/dav/home/{USER}/contacts/"


def wait_for(condition, message, seconds=30):
    for _ in range(seconds * 4):
        if condition():
            check(True, message)
            return
        time.sleep(0.25)
    check(False, message)


def contact_bodies():
    body = b'<propfind xmlns="DAV:"><prop><getetag/></prop></propfind>'
    _, _, text = http("PROPFIND", CONTACTS, body, {"Depth": "1"})
    hrefs = [part.split("</D:href>")[0] for part in text.decode().split("<D:href>")[1:]]
    return b"".join(http("GET", href)[2] for href in hrefs if not href.endswith("/"))


def contacts_session(marionette):
    found = run(marionette, f"""
      const {{ CardDAVUtils }} = ChromeUtils.importESModule("resource:///modules/CardDAVUtils.sys.mjs");
      const books = await CardDAVUtils.detectAddressBooks({json.dumps(USER)}, {json.dumps(PASSWORD)}, {json.dumps(BASE)}, false, true);
      const book = books.find(b => b.url.href.endsWith({json.dumps(CONTACTS)}));
      if (!book) {{ resolve(books.map(b => b.url.href)); return; }}
      const directory = await book.create();
      await (directory.wrappedJSObject || directory).syncWithServer();
      resolve({{name: directory.dirName, uid: directory.UID, found: books.map(b => b.url.href)}});
    """)
    check(isinstance(found, dict), f"CardDAV discovery from the bare URL finds the default address book: {found}")
    directory_uid = found["uid"]
    prelude = f"""
      const {{ VCardUtils }} = ChromeUtils.importESModule("resource:///modules/VCardUtils.sys.mjs");
      const {{ MailServices }} = ChromeUtils.importESModule("resource:///modules/MailServices.sys.mjs");
      const directoryLookup = () => MailServices.ab.getDirectoryFromUID({json.dumps(directory_uid)});
      const sync = directory => (directory.wrappedJSObject || directory).syncWithServer();
    """
    run(marionette, prelude + """
      const card = VCardUtils.vCardToAbCard("BEGIN:VCARD\\r\\nVERSION:4.0\\r\\nUID:tb-ada\\r\\nFN:Ada Lovelace\\r\\n" +
        "N:Lovelace;Ada;;;\\r\\nEMAIL;PREF=1:ada@example.org\\r\\nTEL;TYPE=cell:+44 20 7946 0000\\r\\nEND:VCARD\\r\\n");
      directoryLookup().addCard(card);
      resolve(true);
    """)
    wait_for(lambda: b"UID:tb-ada" in contact_bodies() and b"ada@example.org" in contact_bodies(),
             "a contact created in Thunderbird reaches the server with its email and phone")
    run(marionette, prelude + """
      const card = VCardUtils.vCardToAbCard("BEGIN:VCARD\\r\\nVERSION:4.0\\r\\nUID:tb-ada\\r\\nFN:Ada King\\r\\n" +
        "N:King;Ada;;;\\r\\nEMAIL;PREF=1:ada.king@example.org\\r\\nEND:VCARD\\r\\n");
      directoryLookup().modifyCard(card);
      resolve(true);
    """)
    wait_for(lambda: b"ada.king@example.org" in contact_bodies() and b"ada@example.org" not in contact_bodies(),
             "the contact edited in Thunderbird is updated on the server")
    card = (b"BEGIN:VCARD\r\nVERSION:3.0\r\nUID:server-grace\r\nFN:Grace Hopper\r\nN:Hopper;Grace;;;\r\n"
            b"EMAIL;TYPE=INTERNET:grace@example.org\r\nEND:VCARD\r\n")
    status = http("PUT", CONTACTS + "server-grace.vcf", card, {"If-None-Match": "*", "Content-Type": "text/vcard"})[0]
    check(status == 201, f"a contact created on the server ({status})")
    seen = run(marionette, prelude + """
      const directory = directoryLookup();
      await sync(directory);
      const grace = directory.childCards.find(c => c.UID == "server-grace");
      resolve(grace ? grace.primaryEmail : null);
    """)
    check(seen == "grace@example.org", f"after a sync Thunderbird has the server's contact ({seen!r})")
    run(marionette, prelude + """
      const directory = directoryLookup();
      directory.deleteCards(directory.childCards.filter(c => c.UID == "tb-ada"));
      resolve(true);
    """)
    wait_for(lambda: b"UID:tb-ada" not in contact_bodies(), "the contact deleted in Thunderbird is gone from the server")


def main():
    profile = WORK / "profile"
    profile.mkdir(parents=True, exist_ok=True)
    port = free_port()
    prefs = {
        "marionette.port": port, "mail.shell.checkDefaultClient": False, "mailnews.start_page.enabled": False,
        "app.update.disabledForTesting": True, "datareporting.policy.dataSubmissionEnabled": False,
        "toolkit.telemetry.reportingpolicy.firstRun": False, "mail.provider.suppress_dialog_on_startup": True,
        "calendar.timezone.local": "Europe/Berlin", "calendar.timezone.useSystemTimezone": False,
    }
    (profile / "user.js").write_text("".join(f"user_pref({json.dumps(k)}, {json.dumps(v)});\n" for k, v in prefs.items()))
    log = open(WORK / "thunderbird.log", "w")
    process = subprocess.Popen(
        ["thunderbird", "--headless", "--marionette", "--remote-allow-system-access", "--no-remote",
         "--profile", str(profile)],
        stdout=log, stderr=subprocess.STDOUT, env={**os.environ, "MOZ_HEADLESS": "1"},
    )
    try:
        marionette = Marionette(host="127.0.0.1", port=port, startup_timeout=120)
        for _ in range(120):
            try:
                marionette.start_session()
                break
            except Exception:
                time.sleep(1)
        marionette.set_context("chrome")
        version = marionette.execute_script("return Services.appinfo.version")
        print(f"Thunderbird {version}")
        session(marionette)
        contacts_session(marionette)
        print(f"thunderbird session: {check.passed} checks passed")
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()


if __name__ == "__main__":
    main()
