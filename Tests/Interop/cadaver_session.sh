#!/usr/bin/env bash
# A scripted cadaver session (Debian package cadaver, neon underneath) against a running server:
# uploads a tree (binary, spaces, non-ASCII names), moves it, locks a file and uploads a new version under the
# lock, edits another file with `edit` (lock, download, editor, upload, unlock), downloads everything back and
# asserts the bytes are identical. Credentials come from a netrc.
# Usage: cadaver_session.sh BASE_URL USER PASSWORD WORKDIR
set -euo pipefail
BASE="$1"; USER_NAME="$2"; PASSWORD="$3"; DIR="$4"
SRC="$DIR/src"; OUT="$DIR/out"
mkdir -p "$SRC/sub" "$OUT" "$DIR/home"

head -c 200000 /dev/urandom > "$SRC/blob.bin"
printf 'first version\n' > "$SRC/a.txt"
printf 'second version, written under a lock\n' > "$SRC/a-locked.txt"
printf 'notes\n' > "$SRC/notes.txt"
printf 'ümlaut\n' > "$SRC/sub/größe.txt"
head -c 5000 /dev/urandom > "$SRC/sub/with space.bin"
printf 'notes\nedited by cadaver edit\n' > "$SRC/notes-expected.txt"

HOST="$(echo "$BASE" | sed -E 's#^https?://([^/:]+).*#\1#')"
printf 'machine %s\nlogin %s\npassword %s\n' "$HOST" "$USER_NAME" "$PASSWORD" > "$DIR/home/.netrc"
chmod 600 "$DIR/home/.netrc"
EDITOR_SCRIPT="$DIR/editor.sh"
# cadaver sees an edit by the file's mtime (whole seconds), so the editor also moves it forward.
printf '#!/bin/sh\necho "edited by cadaver edit" >> "$1"\ntouch -d "@$(( $(date +%%s) + 5 ))" "$1"\n' > "$EDITOR_SCRIPT"
chmod +x "$EDITOR_SCRIPT"

cd "$SRC"
HOME="$DIR/home" EDITOR="$EDITOR_SCRIPT" cadaver "$BASE" > "$DIR/cadaver.log" 2>&1 <<CMDS
mkcol tree
mkcol tree/sub
put blob.bin tree/blob.bin
put a.txt tree/a.txt
put notes.txt tree/notes.txt
put "sub/größe.txt" "tree/sub/größe.txt"
put "sub/with space.bin" "tree/sub/with space.bin"
move tree moved
lock moved/a.txt
put a-locked.txt moved/a.txt
unlock moved/a.txt
edit moved/notes.txt
get moved/blob.bin $OUT/blob.bin
get moved/a.txt $OUT/a.txt
get moved/notes.txt $OUT/notes.txt
get "moved/sub/größe.txt" "$OUT/größe.txt"
get "moved/sub/with space.bin" "$OUT/with space.bin"
ls moved
quit
CMDS
cat "$DIR/cadaver.log"

status=0
check() {
    if cmp -s "$1" "$2"; then echo "ok: $3"; else echo "FAILED: $3 ($1 vs $2)"; status=1; fi
}
check "$SRC/blob.bin" "$OUT/blob.bin" "binary file byte-identical after upload and move"
check "$SRC/a-locked.txt" "$OUT/a.txt" "file replaced under a lock"
check "$SRC/notes-expected.txt" "$OUT/notes.txt" "file edited with cadaver edit"
check "$SRC/sub/größe.txt" "$OUT/größe.txt" "non-ASCII name"
check "$SRC/sub/with space.bin" "$OUT/with space.bin" "name with a space"
if grep -qiE "failed|error" "$DIR/cadaver.log"; then echo "FAILED: cadaver reported an error"; status=1; fi
exit "$status"
