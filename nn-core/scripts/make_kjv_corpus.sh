#!/bin/sh
# Builds nn-core's built-in English corpus from Debian's bible-kjv-text package (King James Version, 1611; the
# text is in the public domain -- see /usr/share/doc/bible-kjv-text/copyright). Keeps chapter headings, drops verse
# numbers, trims to the first ~2 MB at a line boundary and gzips without a timestamp so the output is reproducible.
# Usage (from the repository root, needs the bible-kjv and bible-kjv-text packages): sh nn-core/scripts/make_kjv_corpus.sh
set -eu
out=nn-core/src/main/resources/io/mlsyslab/nn/corpus
mkdir -p "$out"
bible -l0 "Gen1:1-Rev22:21" | sed -E 's/^ +[0-9]+ //' | sed '1{/^$/d}' | head -c 2000000 | sed '$d' > /tmp/kjv-excerpt.txt
gzip -9 -n -c /tmp/kjv-excerpt.txt > "$out/kjv-excerpt.txt.gz"
wc -c /tmp/kjv-excerpt.txt "$out/kjv-excerpt.txt.gz"
