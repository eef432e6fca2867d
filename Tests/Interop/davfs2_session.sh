#!/usr/bin/env bash
# davfs2 (Debian package; mount.davfs over FUSE) mounts a user's home the way Linux desktops and servers do:
# creates folders, copies a binary and a text file with a space and a non-ASCII name, writes a new file (davfs2
# LOCKs the not-yet-existing URL first: a lock-null resource), edits a file in place, moves a folder, renames and
# deletes files; after unmounting (which uploads and unlocks everything) the files are fetched with curl and must
# be byte-identical, nothing may stay locked, and a second mount must show the same tree.
# davfs2 1.6/1.7.1 cannot list directories on Linux ≥ 6.16 with its default 16 KiB FUSE buffer (davfs2 issue
# #22; "Invalid argument" from readdir), so the configuration sets buf_size 64 as davfs2's maintainers advise.
# Usage: davfs2_session.sh BASE_URL USER PASSWORD WORKDIR   (BASE_URL ends with the home's slash; needs root)
set -euo pipefail
BASE="$1"; USER_NAME="$2"; PASSWORD="$3"; DIR="$4"
MNT="$DIR/mnt"; SRC="$DIR/src"; OUT="$DIR/out"
mkdir -p "$MNT" "$SRC" "$OUT"

head -c 300000 /dev/urandom > "$SRC/photo.bin"
printf 'Grüße aus dem Dateisystem\n' > "$SRC/text.txt"
printf '%s %s %s\n' "$BASE" "$USER_NAME" "$PASSWORD" > "$DIR/secrets"
chmod 600 "$DIR/secrets"
printf 'secrets %s\nuse_locks 1\ndelay_upload 0\nbuf_size 64\n' "$DIR/secrets" > "$DIR/davfs2.conf"

unmount() { umount "$MNT" 2>/dev/null || true; }
trap unmount EXIT
mount -t davfs -o "conf=$DIR/davfs2.conf" "$BASE" "$MNT"

mkdir -p "$MNT/tree/sub"
cp "$SRC/photo.bin" "$MNT/tree/photo.bin"
cp "$SRC/text.txt" "$MNT/tree/sub/grüße mit leerzeichen.txt"
echo "written through a lock-null resource" > "$MNT/tree/new.txt"
echo "to be deleted" > "$MNT/tree/gone.txt"
echo "first draft" > "$MNT/tree/draft.txt"
echo "final text, edited in place" > "$MNT/tree/draft.txt"
mv "$MNT/tree" "$MNT/moved"
mv "$MNT/moved/new.txt" "$MNT/moved/renamed.txt"
rm "$MNT/moved/gone.txt"
ls -R "$MNT/moved" > "$DIR/listing-1.txt"
umount "$MNT"

fetch() { curl -sS -f -u "$USER_NAME:$PASSWORD" -o "$2" "$BASE$1"; }
fetch "moved/photo.bin" "$OUT/photo.bin"
fetch "moved/sub/gr%C3%BC%C3%9Fe%20mit%20leerzeichen.txt" "$OUT/text.txt"
fetch "moved/renamed.txt" "$OUT/renamed.txt"
fetch "moved/draft.txt" "$OUT/draft.txt"
cmp "$SRC/photo.bin" "$OUT/photo.bin"
cmp "$SRC/text.txt" "$OUT/text.txt"
[[ "$(cat "$OUT/renamed.txt")" == "written through a lock-null resource" ]]
[[ "$(cat "$OUT/draft.txt")" == "final text, edited in place" ]]
for gone in moved/gone.txt tree/photo.bin moved/new.txt; do
    status="$(curl -sS -o /dev/null -w '%{http_code}' -u "$USER_NAME:$PASSWORD" "$BASE$gone")"
    [[ "$status" == 404 ]] || { echo "$gone answers $status, expected 404"; exit 1; }
done
locks="$(curl -sS -u "$USER_NAME:$PASSWORD" -X PROPFIND -H 'Depth: 1' \
    --data '<propfind xmlns="DAV:"><prop><lockdiscovery/></prop></propfind>' "${BASE}moved/")"
if grep -q "activelock" <<<"$locks"; then echo "a lock outlived the unmount"; echo "$locks"; exit 1; fi

mount -t davfs -o "conf=$DIR/davfs2.conf" "$BASE" "$MNT"
ls -R "$MNT/moved" > "$DIR/listing-2.txt"
cmp "$SRC/photo.bin" "$MNT/moved/photo.bin"
diff "$DIR/listing-1.txt" "$DIR/listing-2.txt"
umount "$MNT"
trap - EXIT
echo "davfs2 session: 4 files byte-identical, rename/move/delete/edit applied, no lock left, remount identical"
