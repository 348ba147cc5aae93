#!/usr/bin/env bash
# Alignment quality on long documents (results table: README.md, "## Alignment").
#
#   cargo build --release && benches/long.sh [COPIES]      (default 3; VARIANTS="clean omit merge")
#
# Every rues-dev document is short (the longest has 131 sentences), so the benchmark never reaches
# the search the aligner uses above 300 sentences (a pyramid of coarse levels and a narrow band at
# the sentence level). This script joins all documents of each variant (clean, omit, merge) into one
# long document per language, COPIES times over (so ≈ 2,800 × COPIES gold units), with the gold
# spans shifted to match, and scores `tralign align` on it with the rues scorer: pairs ru-en, en-es,
# ru-es and three-way. The joined documents are written to a temporary folder, never into the
# repository.
set -euo pipefail
cd "$(dirname "$0")/.."
T=${T:-target/release/tralign}
DATA=${DATA:-../shared/bench-data/rues-dev}
BENCH=${BENCH:-../shared/bench}
COPIES=${1:-3}
VARIANTS=${VARIANTS:-clean omit merge}
WORK=${WORK:-$(mktemp -d)}
[ -x "$T" ] || { echo "long.sh: build first: cargo build --release" >&2; exit 2; }
python3 - "$DATA" "$WORK/gold" "$COPIES" $VARIANTS <<'PY'
import json, os, sys
data, out, copies = sys.argv[1], sys.argv[2], int(sys.argv[3])
langs = ("ru", "en", "es")
for variant in sys.argv[4:]:
    vdir = os.path.join(data, variant)
    if not os.path.isdir(vdir):
        continue
    texts = {l: [] for l in langs}
    size = {l: 0 for l in langs}
    units, merges = [], []
    for copy in range(copies):
        for doc in sorted(os.listdir(vdir)):
            folder = os.path.join(vdir, doc)
            with open(os.path.join(folder, "gold.json"), encoding="utf-8") as f:
                gold = json.load(f)
            prefix = f"c{copy}:{doc}:"
            base = dict(size)
            for l in langs:
                with open(os.path.join(folder, l + ".txt"), encoding="utf-8", newline="") as f:
                    t = f.read()
                # Documents end with "\n"; one more makes the blank line between paragraphs.
                texts[l].append(t + "\n")
                size[l] += len(t) + 1
            for u in gold["units"]:
                v = dict(u, id=prefix + u["id"])
                for l in langs:
                    if v.get(l):
                        v[l] = [v[l][0] + base[l], v[l][1] + base[l]]
                units.append(v)
            for m in gold.get("merges", []):
                merges.append(dict(m, units=[prefix + x for x in m["units"]]))
    folder = os.path.join(out, variant, "long__all")
    os.makedirs(folder, exist_ok=True)
    for l in langs:
        with open(os.path.join(folder, l + ".txt"), "w", encoding="utf-8", newline="") as f:
            f.write("".join(texts[l]).rstrip("\n") + "\n")
    gold = {"format": "rues-gold-v1", "doc_id": "long__all", "source": "long", "variant": variant,
            "offsets": "unicode-codepoints", "langs": list(langs), "units": units, "merges": merges}
    with open(os.path.join(folder, "gold.json"), "w", encoding="utf-8") as f:
        json.dump(gold, f, ensure_ascii=False)
PY
for variant in $VARIANTS; do
  doc="$WORK/gold/$variant/long__all/"
  [ -d "$doc" ] || continue
  mkdir -p "$WORK/raw/$variant" "$WORK/pred/$variant"
  args=()
  for pair in ru-en en-es ru-es; do
    "$T" align "$doc${pair%-*}.txt" "$doc${pair#*-}.txt" --format tmx-json -o "$WORK/raw/$variant/$pair.json"
    args+=("$pair=$WORK/raw/$variant/$pair.json")
  done
  "$T" align "${doc}ru.txt" "${doc}en.txt" "${doc}es.txt" --format tmx-json -o "$WORK/raw/$variant/ru-en-es.json"
  args+=("ru-en-es=$WORK/raw/$variant/ru-en-es.json")
  python3 "$BENCH/rues/from_tmxjson.py" - "$WORK/pred/$variant/long__all.json" "${args[@]}"
done
python3 "$BENCH/rues/score.py" "$WORK/gold" "$WORK/pred" --json "$WORK/long.json" | grep -E "^variant|ALL"
echo "joined documents and predictions: $WORK"
