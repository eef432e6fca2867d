#!/usr/bin/env python3
"""A CardDAV client session against a running kalends: raw HTTP (http.client, one keep-alive connection) plus
vobject (PyPI) to read what comes back.

Usage: carddav_client.py URL USER PASSWORD [COUNT]

Uploads COUNT (default 5000) contacts rich in fields, syncs them with sync-collection and addressbook-multiget,
checks every card comes back byte-identical and readable by vobject, updates and deletes some and checks the
incremental sync, converts between vCard 3.0 and 4.0, stores groups in both the vCard 4 and the Apple form and
finds them by query, round-trips a 5 MiB photo, and refuses an oversized card without changing anything.
Exits non-zero on the first failure.
"""
import base64
import http.client
import sys
import urllib.parse
from xml.etree import ElementTree

import vobject

from interop_support import Checks

URL, USER, PASSWORD = sys.argv[1:4]
COUNT = int(sys.argv[4]) if len(sys.argv) > 4 else 5000
BASE = urllib.parse.urlparse(URL)
BOOK = f"/dav/home/{USER}/contacts/"
AUTH = "Basic " + base64.b64encode(f"{USER}:{PASSWORD}".encode()).decode()
NS = {"D": "DAV:", "CR": "urn:ietf:params:xml:ns:carddav"}
connection = http.client.HTTPConnection(BASE.hostname, BASE.port, timeout=60)
check = Checks()


def request(method, path, body=b"", headers=None):
    all_headers = {"Authorization": AUTH}
    all_headers.update(headers or {})
    if isinstance(body, str):
        body = body.encode()
    connection.request(method, path, body=body, headers=all_headers)
    response = connection.getresponse()
    return response.status, response.read()


def card(index, version="3.0", note="First line\\, with a comma\\; a semicolon\\nand a second line"):
    """A contact with the fields address books carry, in vCard 3.0 or 4.0."""
    lines = [
        "BEGIN:VCARD",
        f"VERSION:{version}",
        f"UID:contact-{index:05d}@kalends",
        f"FN:Zoë Müller-{index}",
        f"N:Müller-{index};Zoë;Anna,Maria;Dr.;PhD",
        f"EMAIL;TYPE=work:zoe.{index}@example.com" if version == "4.0" else f"EMAIL;TYPE=INTERNET,WORK:zoe.{index}@example.com",
        f"item1.EMAIL:private.{index}@example.org",
        "item1.X-ABLabel:_$!<Other>!$_",
        f"TEL;TYPE=cell:+49 170 {index:07d}" if version == "4.0" else f"TEL;TYPE=CELL,VOICE:+49 170 {index:07d}",
        f"ADR;TYPE=home:;;Hauptstraße {index};Berlin;;10115;Germany",
        "ORG:Kalends GmbH;Engineering",
        "TITLE:Chief Calendar Officer",
        f"NOTE:{note}",
        "BDAY:1985-04-12" if version == "4.0" else "BDAY:1985-04-12",
        f"URL:https://example.com/people/{index}",
        "CATEGORIES:friends,work",
        f"X-KALENDS-CUSTOM;X-PARAM=\"quoted;value\":custom {index}",
        f"REV:2026-01-0{1 + index % 9}T10:00:00Z" if version == "3.0" else f"REV:2026010{1 + index % 9}T100000Z",
        "END:VCARD",
    ]
    return "\r\n".join(lines) + "\r\n"


def multistatus(body):
    return ElementTree.fromstring(body)


def sync(token=""):
    status, body = request(
        "REPORT",
        BOOK,
        f'<D:sync-collection xmlns:D="DAV:"><D:sync-token>{token}</D:sync-token><D:sync-level>1</D:sync-level>'
        "<D:prop><D:getetag/></D:prop></D:sync-collection>",
        {"Content-Type": "application/xml"},
    )
    check(status == 207, f"sync-collection answers 207 ({status})")
    root = multistatus(body)
    present, gone = {}, set()
    for response in root.findall("D:response", NS):
        href = response.find("D:href", NS).text
        etag = response.find(".//D:getetag", NS)
        if etag is not None:
            present[href] = etag.text
        else:
            gone.add(href)
    return root.find("D:sync-token", NS).text, present, gone


def multiget(hrefs, address_data='<CR:address-data/>'):
    body = (
        '<CR:addressbook-multiget xmlns:D="DAV:" xmlns:CR="urn:ietf:params:xml:ns:carddav">'
        f"<D:prop><D:getetag/>{address_data}</D:prop>"
        + "".join(f"<D:href>{href}</D:href>" for href in hrefs)
        + "</CR:addressbook-multiget>"
    )
    status, response = request("REPORT", BOOK, body, {"Content-Type": "application/xml"})
    if status != 207:
        check(False, f"multiget of {len(hrefs)} answers 207 ({status})")
    cards = {}
    for item in multistatus(response).findall("D:response", NS):
        data = item.find(".//CR:address-data", NS)
        if data is not None:
            cards[item.find("D:href", NS).text] = data.text
    return cards


originals = {}
for index in range(COUNT):
    text = card(index, version="4.0" if index % 5 == 0 else "3.0")
    href = f"{BOOK}contact-{index:05d}.vcf"
    status, _ = request("PUT", href, text, {"Content-Type": "text/vcard; charset=utf-8", "If-None-Match": "*"})
    if status != 201:
        check(False, f"PUT {href} answers 201 ({status})")
    originals[href] = text
check(True, f"{COUNT} contacts uploaded with If-None-Match: *")

token, present, gone = sync()
check(len(present) == COUNT and not gone, f"initial sync lists all {COUNT} contacts ({len(present)})")

hrefs = sorted(originals)
identical = 0
for start in range(0, len(hrefs), 100):
    batch = hrefs[start:start + 100]
    cards = multiget(batch)
    for href in batch:
        text = cards.get(href)
        if text is None or text.replace("\r\n", "\n") != originals[href].replace("\r\n", "\n"):
            check(False, f"{href} comes back as sent")
        parsed = vobject.readOne(text)
        if parsed.uid.value != originals[href].split("UID:")[1].split("\r\n")[0]:
            check(False, f"vobject reads the UID of {href}")
        identical += 1
check(identical == COUNT, f"multiget returns all {COUNT} cards as sent, readable by vobject")

sample = hrefs[1]
converted = multiget([sample], '<CR:address-data content-type="text/vcard" version="4.0"/>')[sample]
check("VERSION:4.0" in converted and "zoe.1@example.com" in converted and "Hauptstraße 1" in converted,
      "a 3.0 card converts to 4.0 keeping e-mail and address")
parsed = vobject.readOne(converted)
check(parsed.fn.value == "Zoë Müller-1", "the converted card keeps its name")
status, body = request("GET", sample, headers={"Accept": "text/vcard; version=4.0"})
check(status == 200 and b"FN:Zo\xc3\xab M\xc3\xbcller-1" in body, "GET returns the card")

for index in range(0, 200):
    href = hrefs[index]
    text = card(index, version="4.0" if index % 5 == 0 else "3.0", note=f"Updated note {index}")
    status, _ = request("PUT", href, text, {"Content-Type": "text/vcard", "If-Match": present[href]})
    if status != 204:
        check(False, f"update of {href} with If-Match answers 204 ({status})")
    originals[href] = text
for index in range(200, 300):
    status, _ = request("DELETE", hrefs[index])
    if status != 204:
        check(False, f"DELETE {hrefs[index]} answers 204 ({status})")
status, _ = request("PUT", hrefs[0], card(0, note="lost update"), {"Content-Type": "text/vcard", "If-Match": present[hrefs[0]]})
check(status == 412, f"an update with a stale ETag is refused ({status})")
new_token, changed, removed = sync(token)
check(len(changed) == 200 and len(removed) == 100, f"incremental sync: 200 updated, 100 deleted ({len(changed)}, {len(removed)})")
check(new_token != token, "the sync token moved on")
updated = multiget(hrefs[:3])
check(all("Updated note" in updated[h] for h in hrefs[:3]), "updated cards come back updated")

group4 = "BEGIN:VCARD\r\nVERSION:4.0\r\nUID:group-4@kalends\r\nKIND:group\r\nFN:Team\r\n" + "".join(
    f"MEMBER:urn:uuid:contact-{i:05d}@kalends\r\n" for i in range(300, 305)) + "END:VCARD\r\n"
apple = "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:group-apple@kalends\r\nFN:Family\r\nN:Family;;;;\r\nX-ADDRESSBOOKSERVER-KIND:group\r\n" + "".join(
    f"X-ADDRESSBOOKSERVER-MEMBER:urn:uuid:contact-{i:05d}@kalends\r\n" for i in range(305, 308)) + "END:VCARD\r\n"
for name, text in (("group-4.vcf", group4), ("group-apple.vcf", apple)):
    status, _ = request("PUT", BOOK + name, text, {"Content-Type": "text/vcard"})
    check(status == 201, f"group {name} stored ({status})")
status, body = request(
    "REPORT",
    BOOK,
    '<CR:addressbook-query xmlns:D="DAV:" xmlns:CR="urn:ietf:params:xml:ns:carddav"><D:prop><D:getetag/></D:prop>'
    '<CR:filter test="anyof"><CR:prop-filter name="KIND"><CR:text-match match-type="equals">group</CR:text-match>'
    '</CR:prop-filter><CR:prop-filter name="X-ADDRESSBOOKSERVER-KIND"><CR:text-match match-type="equals">group'
    "</CR:text-match></CR:prop-filter></CR:filter></CR:addressbook-query>",
    {"Content-Type": "application/xml", "Depth": "1"},
)
found = sorted(r.find("D:href", NS).text for r in multistatus(body).findall("D:response", NS))
check(found == [BOOK + "group-4.vcf", BOOK + "group-apple.vcf"], f"both group forms are found by query: {found}")
status, body = request(
    "REPORT",
    BOOK,
    '<CR:addressbook-query xmlns:D="DAV:" xmlns:CR="urn:ietf:params:xml:ns:carddav"><D:prop><D:getetag/></D:prop>'
    '<CR:filter><CR:prop-filter name="EMAIL"><CR:text-match>zoe.4711@</CR:text-match></CR:prop-filter></CR:filter>'
    "</CR:addressbook-query>",
    {"Content-Type": "application/xml", "Depth": "1"},
)
found = [r.find("D:href", NS).text for r in multistatus(body).findall("D:response", NS)]
check(found == ([BOOK + "contact-04711.vcf"] if COUNT > 4711 else []), f"query by e-mail substring finds one card: {found}")

photo = base64.b64encode(bytes(range(256)) * (5 * 1024 * 4)).decode()
big = card(99999).replace("END:VCARD", f"PHOTO;ENCODING=b;TYPE=JPEG:{photo}\r\nEND:VCARD")
status, _ = request("PUT", BOOK + "photo.vcf", big, {"Content-Type": "text/vcard"})
check(status == 201, f"a card with a 5 MiB photo is stored ({status})")
status, body = request("GET", BOOK + "photo.vcf")
check(status == 200 and body.decode() == big, "the 5 MiB photo comes back byte-identical")
huge = big.replace(photo, photo * 2)
status, body = request("PUT", BOOK + "photo.vcf", huge, {"Content-Type": "text/vcard"})
check(status == 403 and b"max-resource-size" in body, f"a card over the size limit is refused ({status})")
status, body = request("GET", BOOK + "photo.vcf")
check(body.decode() == big, "the refused write changed nothing")
print(f"carddav client: {check.passed} checks passed")
