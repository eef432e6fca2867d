"""A WebDAV session with the webdav4 client library (PyPI) against a running Kalends server.

Uploads a tree (binary, spaces, '%', non-ASCII NFC and NFD names), moves it, locks a file (LOCK through the
client's request API), checks that a write without the token is refused with 423 and one with it succeeds, unlocks,
downloads everything back and asserts byte-identical content. Exits non-zero on the first failure.

httpx (under webdav4) sends paths as given: it refuses a raw '#' and passes a raw '%' through unencoded, which
is not a valid URL, so '%' is written as '%25' here (the end-to-end tests cover '#' and '%' on the wire).

Usage: webdav_client.py BASE_URL USER PASSWORD
"""

import io
import os
import sys
import unicodedata

from webdav4.client import Client

LOCKINFO = (
    '<?xml version="1.0" encoding="utf-8"?>'
    '<D:lockinfo xmlns:D="DAV:"><D:lockscope><D:exclusive/></D:lockscope>'
    "<D:locktype><D:write/></D:locktype><D:owner>webdav4 interop</D:owner></D:lockinfo>"
)


def remote(name):
    return name.replace("%", "%25")


def check(condition, message):
    if not condition:
        print(f"FAILED: {message}")
        sys.exit(1)
    print(f"ok: {message}")


def main():
    base, user, password = sys.argv[1:4]
    client = Client(base, auth=(user, password))
    files = {
        "blob.bin": os.urandom(300_000),
        "a.txt": b"first version\n",
        "sub/with space.txt": b"space\n",
        "sub/100%-percent.txt": b"percent\n",
        "sub/" + unicodedata.normalize("NFC", "café-nfc.txt"): b"nfc\n",
        "sub/" + unicodedata.normalize("NFD", "café-nfd.txt"): b"nfd\n",
    }
    if client.exists("pytree"):
        client.remove("pytree")
    if client.exists("pymoved"):
        client.remove("pymoved")
    client.mkdir("pytree")
    client.mkdir("pytree/sub")
    for name, data in files.items():
        client.upload_fileobj(io.BytesIO(data), f"pytree/{remote(name)}")
    check(client.isfile("pytree/blob.bin"), "tree uploaded")

    client.move("pytree", "pymoved")
    check(not client.exists("pytree") and client.isdir("pymoved/sub"), "tree moved")
    listed = {os.path.basename(entry["name"].rstrip("/")) for entry in client.ls("pymoved/sub", detail=True)}
    expected = {name.split("/", 1)[1] for name in files if name.startswith("sub/")}
    check(listed == expected, f"listing has every name byte for byte: {sorted(listed)}")

    lock = client.request(
        "LOCK",
        "pymoved/a.txt",
        content=LOCKINFO,
        headers={"Content-Type": "application/xml", "Timeout": "Second-120"},
    )
    token = lock.headers.get("Lock-Token", "").strip("<>")
    check(lock.status_code == 200 and token.startswith("urn:uuid:"), f"LOCK granted ({token})")
    refused = client.http.put(client.join_url("pymoved/a.txt"), content=b"not locked\n")
    check(refused.status_code == 423, f"PUT without the lock token refused ({refused.status_code})")
    edited = b"second version, written under the lock\n"
    client.upload_fileobj(io.BytesIO(edited), "pymoved/a.txt", overwrite=True, headers={"If": f"(<{token}>)"})
    files["a.txt"] = edited
    unlock = client.request("UNLOCK", "pymoved/a.txt", headers={"Lock-Token": f"<{token}>"})
    check(unlock.status_code == 204, "UNLOCK")

    for name, data in files.items():
        if "%" in name:
            # webdav4 looks the file up in its PROPFIND answer by the encoded path but keys hrefs decoded.
            body = client.http.get(client.join_url(f"pymoved/{remote(name)}")).content
        else:
            buffer = io.BytesIO()
            client.download_fileobj(f"pymoved/{name}", buffer)
            body = buffer.getvalue()
        check(body == data, f"{name!r} downloaded byte-identical ({len(data)} bytes)")
    client.remove("pymoved")
    print("webdav4 session passed")


if __name__ == "__main__":
    main()
