#!/bin/sh
# explain-noise.sh - `explain` keeps its answer under the paste noise users
# add around an error text (issue 16): every row of threads.tsv, corpus.tsv
# and classes.tsv that explain gets right is run again with a process
# manager's, a container log's, kubectl's, GitHub Actions', a logger's and
# lerna's line prefixes, markdown quoting, an indent, CRLF, HTML escapes,
# no-break spaces, a JSON log record (compact and spaced), GitHub's autolinks,
# syslog/journal prefixes, nested quotes, tab indents, doubled line breaks,
# typographic quotes, and a console's
# hard wrap at 80 and 120 columns; the cause must not change
# (tests/explain/noise.py says which transform applies to which text).
# Known misses, with why: tests/explain/noise-known.tsv.
set -u
command -v python3 >/dev/null || { echo "skip - explain-noise: no python3"; exit 0; }
E=$ROOT/tests/explain
python3 "$E/noise.py" "$AD" "$E/noise-known.tsv" "$E/threads.tsv" "$E/corpus.tsv" "$E/classes.tsv"
