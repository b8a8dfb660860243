#!/bin/sh
# Build step: turns picocli-codegen's AsciiDoc manual pages into roff (man/man1/*.1) with asciidoctor when it is
# installed (Debian package asciidoctor, installed by scripts/prerequisites.sh); without it only the AsciiDoc ships.
# Also writes them compressed to man1-gz/ for the Debian package (gzip -n: no time stamp, the same bytes each build).
set -e
docs=$1
if ! command -v asciidoctor >/dev/null 2>&1; then
    echo "ctys: asciidoctor not installed: shipping the manual pages as AsciiDoc only" >&2
    exit 0
fi
mkdir -p "$docs/man/man1" "$docs/man1-gz"
for page in "$docs"/man/*.adoc; do
    name=$(basename "$page" .adoc)
    asciidoctor -b manpage -o "$docs/man/man1/$name.1" "$page"
    gzip -9nc "$docs/man/man1/$name.1" > "$docs/man1-gz/$name.1.gz"
done
