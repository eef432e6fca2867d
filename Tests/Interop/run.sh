#!/usr/bin/env bash
# Interoperability suites against the real kalends binary on loopback:
#   - litmus (the WebDAV suite, Debian package): basic, copymove, props, http and locks;
#   - the Python caldav client library (PyPI) driving discovery, calendars, queries, sync and bad input;
#   - caldav-server-tester (PyPI), python-caldav's server compatibility checker, with the accepted deviations;
#   - Thunderbird (headless, Marionette): CalDAV discovery from the bare URL, events, tasks,
#     an exception edited in Thunderbird, deletion, a server-side change after refresh, offline replay; CardDAV;
#   - vdirsyncer (PyPI): two-way sync of calendars and address books with local folders, conflicts, metasync;
#   - a CardDAV session (raw HTTP + vobject) syncing 5,000 contacts, groups, conversion and a 5 MiB photo;
#   - a scripted cadaver session and a webdav4 (PyPI) session: upload a tree, move it, lock and edit a file,
#     download it back byte-identical;
#   - davfs2 (FUSE mount) and GNOME gvfs (gio) sessions: create, copy, edit, move, rename, delete, remount;
#   - the HTML browse view in headless Chromium: a screenshot (path printed) and assertions on the DOM;
#   - systemd integration: sd_notify READY/STOPPING and socket activation through LISTEN_FDS.
# Installs what it needs; exits non-zero when a suite fails. Prints a closing "N passed, N failed" line.
set -euo pipefail
cd "$(dirname "$0")/../.."

missing=()
command -v litmus >/dev/null || missing+=(litmus)
command -v cadaver >/dev/null || missing+=(cadaver)
command -v chromium >/dev/null || missing+=(chromium)
command -v thunderbird >/dev/null || missing+=(thunderbird)
command -v mount.davfs >/dev/null || missing+=(davfs2)
command -v curl >/dev/null || missing+=(curl)
# gvfs without its recommendations: the dav backend, gio and a D-Bus session daemon are all the test needs.
minimal=()
[[ -x /usr/libexec/gvfsd-dav ]] || minimal+=(gvfs-backends gvfs-daemons)
command -v gio >/dev/null || minimal+=(libglib2.0-bin)
command -v dbus-run-session >/dev/null || minimal+=(dbus)
if [[ ${#missing[@]} -gt 0 || ${#minimal[@]} -gt 0 ]]; then
    apt-get update -qq
    [[ ${#missing[@]} -eq 0 ]] || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
    [[ ${#minimal[@]} -eq 0 ]] || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${minimal[@]}" >/dev/null
fi

swift build --product kalends 2>&1 | tail -n 1
BINARY="$(swift build --show-bin-path)/kalends"
WORK="$(mktemp -d)"
PORT_FILE="$WORK/server.log"
cleanup() {
    if [[ -n "${SERVER_PID:-}" ]]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
    rm -rf "$WORK"
}
trap cleanup EXIT

echo "litmus-password" | "$BINARY" user add litmus --password-stdin --data "$WORK/data" >/dev/null
echo "carddav-password" | "$BINARY" user add carddav --password-stdin --data "$WORK/data" >/dev/null
echo "caldav-password" | "$BINARY" user add caldav --password-stdin --email caldav@example.com --data "$WORK/data" >/dev/null
echo "cadaver-password" | "$BINARY" user add cadaver --password-stdin --data "$WORK/data" >/dev/null
echo "webdav-password" | "$BINARY" user add webdav --password-stdin --data "$WORK/data" >/dev/null
echo "davfs-password" | "$BINARY" user add davfs --password-stdin --data "$WORK/data" >/dev/null
echo "gvfs-password" | "$BINARY" user add gvfs --password-stdin --data "$WORK/data" >/dev/null
echo "vdir-password" | "$BINARY" user add vdir --password-stdin --data "$WORK/data" >/dev/null
echo "thunderbird-password" | "$BINARY" user add thunderbird --password-stdin --data "$WORK/data" >/dev/null
echo "tester-password" | "$BINARY" user add tester --password-stdin --email tester@example.com --data "$WORK/data" >/dev/null
"$BINARY" serve --data "$WORK/data" --listen 127.0.0.1:0 --set log.access=false 2>"$PORT_FILE" &
SERVER_PID=$!
for _ in $(seq 1 100); do
    PORT="$(grep -o 'listening on http://127.0.0.1:[0-9]*' "$PORT_FILE" | head -n1 | sed 's/.*://' || true)"
    [[ -n "$PORT" ]] && break
    sleep 0.1
done
[[ -n "${PORT:-}" ]] || { echo "server did not start"; cat "$PORT_FILE"; exit 1; }

CALDAV_VERSION=3.6.0
VOBJECT_VERSION=0.9.9
WEBDAV4_VERSION=0.11.0
SERVER_TESTER_VERSION=1.7.0
VDIRSYNCER_VERSION=0.21.0
MARIONETTE_DRIVER_VERSION=3.7.1
passed=0
failed=0
# Every litmus suite: class 1 (basic, copymove, props, http) and class 2 (locks).
for suite in basic copymove props http locks; do
    echo "== litmus $suite"
    # A suite passes only with no failure and no warning (litmus warns about RFC 4918 SHOULDs it checks).
    if (cd "$WORK" && TESTS="$suite" litmus "http://127.0.0.1:$PORT/dav/home/litmus/" litmus litmus-password) | tee "$WORK/litmus-$suite.txt" \
        && ! grep -q "WARNING" "$WORK/litmus-$suite.txt"; then
        passed=$((passed + 1))
    else
        failed=$((failed + 1))
    fi
done
echo "== Python caldav client (PyPI caldav $CALDAV_VERSION)"
python3 -m venv "$WORK/venv"
"$WORK/venv/bin/pip" install -q "caldav==$CALDAV_VERSION" "vobject==$VOBJECT_VERSION"
if "$WORK/venv/bin/python" -u Tests/Interop/caldav_client.py "http://127.0.0.1:$PORT/" caldav caldav-password; then
    passed=$((passed + 1))
else
    failed=$((failed + 1))
fi
echo "== caldav-server-tester (PyPI caldav-server-tester $SERVER_TESTER_VERSION)"
"$WORK/venv/bin/pip" install -q "caldav-server-tester==$SERVER_TESTER_VERSION"
if PATH="$WORK/venv/bin:$PATH" "$WORK/venv/bin/python" -u Tests/Interop/caldav_server_tester.py "http://127.0.0.1:$PORT/" tester tester-password; then
    passed=$((passed + 1))
else
    failed=$((failed + 1))
fi
echo "== Thunderbird CalDAV and CardDAV (Debian thunderbird, headless, PyPI marionette-driver $MARIONETTE_DRIVER_VERSION)"
"$WORK/venv/bin/pip" install -q "marionette-driver==$MARIONETTE_DRIVER_VERSION"
mkdir -p "$WORK/thunderbird"
if "$WORK/venv/bin/python" -u Tests/Interop/thunderbird_session.py "http://127.0.0.1:$PORT/" thunderbird thunderbird-password "$WORK/thunderbird"; then
    passed=$((passed + 1))
else
    tail -n 30 "$WORK/thunderbird/thunderbird.log" || true
    failed=$((failed + 1))
fi
echo "== vdirsyncer two-way sync (PyPI vdirsyncer $VDIRSYNCER_VERSION)"
"$WORK/venv/bin/pip" install -q "vdirsyncer==$VDIRSYNCER_VERSION"
mkdir -p "$WORK/vdirsyncer"
if "$WORK/venv/bin/python" -u Tests/Interop/vdirsyncer_session.py "http://127.0.0.1:$PORT/" vdir vdir-password "$WORK/vdirsyncer"; then
    passed=$((passed + 1))
else
    failed=$((failed + 1))
fi
echo "== CardDAV client session (raw HTTP + PyPI vobject $VOBJECT_VERSION, 5,000 contacts)"
if "$WORK/venv/bin/python" -u Tests/Interop/carddav_client.py "http://127.0.0.1:$PORT/" carddav carddav-password 5000 \
    | tail -n 3; then
    passed=$((passed + 1))
else
    failed=$((failed + 1))
fi
echo "== cadaver session"
if bash Tests/Interop/cadaver_session.sh "http://127.0.0.1:$PORT/dav/home/cadaver/" cadaver cadaver-password "$WORK/cadaver"; then
    passed=$((passed + 1))
else
    failed=$((failed + 1))
fi
echo "== Python webdav4 client (PyPI webdav4 $WEBDAV4_VERSION)"
"$WORK/venv/bin/pip" install -q "webdav4==$WEBDAV4_VERSION"
if "$WORK/venv/bin/python" -u Tests/Interop/webdav_client.py "http://127.0.0.1:$PORT/dav/home/webdav/" webdav webdav-password; then
    passed=$((passed + 1))
else
    failed=$((failed + 1))
fi
echo "== davfs2 mount (FUSE)"
mkdir -p "$WORK/davfs2"
if bash Tests/Interop/davfs2_session.sh "http://127.0.0.1:$PORT/dav/home/davfs/" davfs davfs-password "$WORK/davfs2"; then
    passed=$((passed + 1))
else
    failed=$((failed + 1))
fi
echo "== GNOME gvfs (gio, dav backend)"
mkdir -p "$WORK/gvfs"
if bash Tests/Interop/gvfs_session.sh "127.0.0.1:$PORT" /dav/home/gvfs/ gvfs gvfs-password "$WORK/gvfs" 2>"$WORK/gvfs/stderr.log"; then
    passed=$((passed + 1))
else
    grep -v "dbus-daemon" "$WORK/gvfs/stderr.log" | tail -n 20
    failed=$((failed + 1))
fi
echo "== HTML browse view in headless Chromium"
if python3 Tests/Interop/browse_view.py "$BINARY" "$WORK"; then
    passed=$((passed + 1))
else
    failed=$((failed + 1))
fi
echo "== systemd integration (sd_notify, socket activation)"
if python3 Tests/Interop/systemd_integration.py "$BINARY"; then
    passed=$((passed + 1))
else
    failed=$((failed + 1))
fi
echo "interop: $passed passed, $failed failed"
[[ "$failed" -eq 0 ]]
