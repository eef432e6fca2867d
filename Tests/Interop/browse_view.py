"""The HTML browse view in a real headless Chromium (Debian package chromium).

Starts its own kalends server on a loopback port with a fresh data directory, fills a folder with a few files
through WebDAV, then has Chromium load the folder's listing (credentials in the URL's userinfo, which Chromium
turns into a Basic Authorization header for the top-level navigation): `--screenshot` saves a PNG under WORKDIR
(its path is printed) and `--dump-dom` gives the DOM after parsing, which is checked for every file name, its
size, the subfolder and the breadcrumb links.

Usage: browse_view.py KALENDS_BINARY WORKDIR
"""

import base64
import html.parser
import mimetypes
import os
import re
import shutil
import subprocess
import sys
import time
import urllib.request

USER, PASSWORD = "browse", "browse-password"
FILES = {"report.pdf": 1234, "notes with space.txt": 5, "größe.txt": 42}


class Listing(html.parser.HTMLParser):
    """Collects the breadcrumb links (in h1) and the table rows (cell texts and the first link)."""

    def __init__(self):
        super().__init__()
        self.breadcrumbs, self.rows = [], []
        self._in_h1 = False
        self._row = None
        self._cell = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "h1":
            self._in_h1 = True
        elif tag == "a" and self._in_h1:
            self.breadcrumbs.append(attrs.get("href"))
        elif tag == "tr":
            self._row = {"cells": [], "href": None}
        elif tag == "td" and self._row is not None:
            self._cell = ""
        elif tag == "a" and self._row is not None and self._row["href"] is None:
            self._row["href"] = attrs.get("href")

    def handle_endtag(self, tag):
        if tag == "h1":
            self._in_h1 = False
        elif tag == "td" and self._row is not None and self._cell is not None:
            self._row["cells"].append(self._cell.strip())
            self._cell = None
        elif tag == "tr" and self._row is not None:
            if self._row["cells"]:
                self.rows.append(self._row)
            self._row = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell += data


def request(port, method, path, body=b""):
    req = urllib.request.Request(f"http://127.0.0.1:{port}{path}", data=body or None, method=method)
    token = base64.b64encode(f"{USER}:{PASSWORD}".encode()).decode()
    req.add_header("Authorization", f"Basic {token}")
    if body:
        req.add_header("Content-Type", mimetypes.guess_type(path)[0] or "application/octet-stream")
    with urllib.request.urlopen(req) as response:
        return response.status


def chromium(*arguments):
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser is None:
        sys.exit("FAILED: chromium is not installed")
    command = [browser, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", *arguments]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, check=True).stdout


def check(condition, message):
    if not condition:
        print(f"FAILED: {message}")
        sys.exit(1)
    print(f"ok: {message}")


def main():
    binary, work = sys.argv[1], sys.argv[2]
    data = os.path.join(work, "browse-data")
    subprocess.run(
        [binary, "user", "add", USER, "--password-stdin", "--data", data],
        input=PASSWORD + "\n", text=True, check=True, capture_output=True,
    )
    log_path = os.path.join(work, "browse-server.log")
    with open(log_path, "w") as log:
        server = subprocess.Popen(
            [binary, "serve", "--data", data, "--listen", "127.0.0.1:0", "--set", "log.access=false"], stderr=log
        )
    try:
        port = None
        for _ in range(100):
            match = re.search(r"listening on http://127\.0\.0\.1:(\d+)", open(log_path).read())
            if match:
                port = int(match.group(1))
                break
            time.sleep(0.1)
        check(port is not None, "server started")
        check(request(port, "MKCOL", "/dav/home/browse/docs/") == 201, "folder created")
        check(request(port, "MKCOL", "/dav/home/browse/docs/sub/") == 201, "subfolder created")
        for name, size in FILES.items():
            path = "/dav/home/browse/docs/" + urllib.request.quote(name)
            check(request(port, "PUT", path, b"x" * size) == 201, f"uploaded {name}")

        url = f"http://{USER}:{PASSWORD}@127.0.0.1:{port}/dav/home/browse/docs/"
        screenshot = os.path.join(work, "browse-view.png")
        chromium(f"--screenshot={screenshot}", "--window-size=1024,600", url)
        with open(screenshot, "rb") as image:
            header = image.read(8)
        check(header == b"\x89PNG\r\n\x1a\n" and os.path.getsize(screenshot) > 1000, f"screenshot {screenshot}")
        print(f"screenshot: {screenshot}")

        listing = Listing()
        listing.feed(chromium("--dump-dom", url))
        check(
            listing.breadcrumbs == ["/", "/dav/", "/dav/home/", "/dav/home/browse/", "/dav/home/browse/docs/"],
            f"breadcrumb links {listing.breadcrumbs}",
        )
        rows = {row["cells"][0]: row for row in listing.rows}
        check("sub/" in rows and rows["sub/"]["href"] == "/dav/home/browse/docs/sub/", "subfolder listed with link")
        for name, size in FILES.items():
            row = rows.get(name)
            check(row is not None, f"{name!r} listed")
            check(row["cells"][2] == str(size), f"{name!r} has size {size}")
            expected = "/dav/home/browse/docs/" + urllib.request.quote(name)
            check(row["href"].lower() == expected.lower(), f"{name!r} links to {row['href']}")
        print("browse view passed")
    finally:
        server.terminate()
        server.wait(timeout=10)


if __name__ == "__main__":
    main()
