#!/usr/bin/env bash
# GNOME's gvfs (Debian gvfs-backends: the dav backend GNOME Files and every GIO application use), driven with
# `gio` on a private D-Bus session: mounts a user's home with a password typed at the prompt, lists it, uploads
# a binary and a file with a space and a non-ASCII name, creates a folder, moves and renames files, deletes one,
# downloads everything back byte-identical, checks sizes with `gio info`, and unmounts.
# Usage: gvfs_session.sh HOST:PORT HOME_PATH USER PASSWORD WORKDIR   (runs itself under dbus-run-session)
set -euo pipefail
if [[ -z "${DBUS_SESSION_BUS_ADDRESS:-}" ]]; then exec dbus-run-session -- bash "$0" "$@"; fi
AUTHORITY="$1"; HOME_PATH="$2"; USER_NAME="$3"; PASSWORD="$4"; DIR="$5"
ROOT="dav://$AUTHORITY$HOME_PATH"
SRC="$DIR/src"; OUT="$DIR/out"
mkdir -p "$SRC" "$OUT"
head -c 250000 /dev/urandom > "$SRC/image.bin"
printf 'Ünïcödé and spaces\n' > "$SRC/notes.txt"

# The first request goes without credentials; the 401 challenge makes gio ask for user and password.
printf '%s\n%s\n' "$USER_NAME" "$PASSWORD" | gio mount "$ROOT" > "$DIR/mount.log" 2>&1
gio list "$ROOT" > "$DIR/listing.txt"
grep -qx calendar "$DIR/listing.txt" && grep -qx contacts "$DIR/listing.txt"

gio mkdir "$ROOT/gvfs folder"
gio copy "$SRC/image.bin" "$ROOT/gvfs folder/image.bin"
gio copy "$SRC/notes.txt" "$ROOT/gvfs folder/nötes draft.txt"
gio copy "$SRC/notes.txt" "$ROOT/gvfs folder/gone.txt"
gio rename "$ROOT/gvfs folder/nötes draft.txt" "nötes.txt"
gio mkdir "$ROOT/archive"
gio move "$ROOT/gvfs folder/image.bin" "$ROOT/archive/image.bin"
gio remove "$ROOT/gvfs folder/gone.txt"

gio copy "$ROOT/archive/image.bin" "$OUT/image.bin"
gio copy "$ROOT/gvfs folder/nötes.txt" "$OUT/notes.txt"
cmp "$SRC/image.bin" "$OUT/image.bin"
cmp "$SRC/notes.txt" "$OUT/notes.txt"
gio info -a standard::size "$ROOT/archive/image.bin" | grep -q "standard::size: 250000"
listing="$(gio list "$ROOT/gvfs folder")"
[[ "$listing" == "nötes.txt" ]] || { echo "unexpected listing of 'gvfs folder': $listing"; exit 1; }
if gio info "$ROOT/gvfs folder/gone.txt" > /dev/null 2>&1; then echo "gone.txt still exists"; exit 1; fi
gio mount -u "$ROOT"
echo "gvfs session: mount with a password prompt, 2 files byte-identical, mkdir/rename/move/remove applied"
