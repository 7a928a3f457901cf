#!/bin/sh
# Seed the fuzz corpora (the corpora themselves are not committed). Pages are cut into pieces
# of at most 4 KB at line ends, so that one input is a small amount of work.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
corpus="$here/corpus"
for target in parse_page decode config state_file cache_entry cache_index; do
    mkdir -p "$corpus/$target"
done
for page in "$here"/../assets/*.txt; do
    name=$(basename "$page" .txt)
    split -C 4000 -d -a 3 "$page" "$corpus/parse_page/$name-"
    split -C 4000 -d -a 3 "$page" "$corpus/decode/$name-"
    if command -v iconv >/dev/null; then
        iconv -f UTF-8 -t GB18030 "$page" | split -C 4000 -d -a 3 - "$corpus/decode/$name-gb-"
        iconv -f UTF-8 -t UTF-16 "$page" | head -c 4000 >"$corpus/decode/$name-utf16"
    fi
done
cat >"$corpus/config/default.toml" <<'TOML'
[keys]
quit = ["q", "ctrl-c"]
bookmark = ["m"]
leave_input = ["esc"]
[theme]
highlight = "#ff8000"
dim = "darkgray"
[filter]
scope = "headline"
[list]
columns = ["marks", "date", "kind", "title"]
TOML
cat >"$corpus/state_file/state.json" <<'JSON'
{"version":1,"bookmarks":["a.txt#0","b.txt#2"],"read":["a.txt#1"],"filter":{"text":"@吕沛","scope":"person","person":"吕沛"},"selected":"a.txt#0"}
JSON
# Cache targets: the first byte picks the mode; 1 and 3 are the sound file itself.
for target in cache_entry cache_index; do
    printf '\001' >"$corpus/$target/sound"
    printf '\003' >"$corpus/$target/sound-deferred"
done
for target in parse_page decode config state_file cache_entry cache_index; do
    echo "$target: $(ls "$corpus/$target" | wc -l) seeds"
done
