#!/usr/bin/env bash
# Alignment quality of `tralign batch` on the rues benchmark (results: README.md, "## Checks",
# seventeenth session).
#
#   cargo build --release && benches/batch_rues.sh        (VARIANTS="clean omit merge")
#
# `../shared/bench/run.sh rues` aligns each document on its own, with the lexicon that document
# teaches. A batch learns one lexicon over the whole collection, and a broadly trained lexicon
# changes the alignment (stems, a wider second look). This script aligns every variant of rues-dev
# as one collection, per pair (`--langs ru,en`, `en,es`, `ru,es`) and three-way, converts the TMs
# with the benchmark's own converter and scores them with its scorer. Outputs go to a temporary
# folder (WORK), never into the repository; the score table is printed and kept in $WORK/rues.json.
set -euo pipefail
cd "$(dirname "$0")/.."
T=${T:-target/release/tralign}
DATA=${DATA:-../shared/bench-data/rues-dev}
BENCH=${BENCH:-../shared/bench}
VARIANTS=${VARIANTS:-clean omit merge}
WORK=${WORK:-$(mktemp -d)}
[ -x "$T" ] || { echo "batch_rues.sh: build first: cargo build --release" >&2; exit 2; }
for v in $VARIANTS; do
    [ -d "$DATA/$v" ] || continue
    for langs in ru,en en,es ru,es ru,en,es; do
        "$T" batch "$DATA/$v" -o "$WORK/raw/$v/$langs" --langs "$langs" -f tmx-json \
            --date 20250314T000000Z --force > /dev/null
    done
    mkdir -p "$WORK/pred/$v"
    for doc in "$DATA/$v"/*/; do
        id=$(basename "$doc")
        python3 "$BENCH/rues/from_tmxjson.py" - "$WORK/pred/$v/$id.json" \
            "ru-en=$WORK/raw/$v/ru,en/$id.tmx.json" "en-es=$WORK/raw/$v/en,es/$id.tmx.json" \
            "ru-es=$WORK/raw/$v/ru,es/$id.tmx.json" "ru-en-es=$WORK/raw/$v/ru,en,es/$id.tmx.json"
    done
done
python3 "$BENCH/rues/score.py" "$DATA" "$WORK/pred" --json "$WORK/rues.json"
echo "predictions and tables: $WORK"
