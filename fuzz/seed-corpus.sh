#!/bin/sh
# Seed the parse_page fuzz corpus with the sample pages (the corpus itself is not committed).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$here/corpus/parse_page"
cp "$here"/../assets/*.txt "$here/corpus/parse_page/"
echo "seeded $(ls "$here/corpus/parse_page" | wc -l) files into $here/corpus/parse_page"
