#!/usr/bin/env bash
# Speed and memory of `tralign batch` on large collections (run from the project root):
#
#     benches/batch.sh                 # 1,000 and 10,000 sets
#     benches/batch.sh 500 2000        # other sizes
#
# Each set has three languages (ru, en, es) of about 60 sentences: paragraphs sampled at random from
# the rues-dev benchmark documents (../shared/bench-data/rues-dev/clean/*/{ru,en,es}.txt, paragraph-
# parallel), the same paragraphs in the same shuffled order in every language. The sets are generated
# into $BENCH_DIR (default /tmp/tralign-bench) with a fixed seed, so reruns measure the same input;
# outputs go to fresh folders under $OUT_BASE (default $BENCH_DIR; /dev/shm leaves the disk out);
# nothing is copied into the repository. Prints a Markdown table: wall time, sets/s, CPU time, peak
# memory (maximum resident set size from /usr/bin/time -v), output size, and the load average just
# before the run (the machine may be shared: CPU time is what the sets cost, wall time what they took).
set -euo pipefail
cd "$(dirname "$0")/.."

DATA=${DATA:-../shared/bench-data/rues-dev/clean}
BENCH_DIR=${BENCH_DIR:-/tmp/tralign-bench}
OUT_BASE=${OUT_BASE:-$BENCH_DIR}   # where outputs go: OUT_BASE=/dev/shm takes the disk out of the measure
JOBS=${JOBS:-$(nproc)}
SIZES=("$@")
[ ${#SIZES[@]} -eq 0 ] && SIZES=(1000 10000)

[ -d "$DATA" ] || { echo "batch.sh: no benchmark documents in $DATA (set DATA=…)" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "batch.sh: needs GNU time (apt-get install time)" >&2; exit 2; }
cargo build --release --quiet

generate() { # generate N DIR
    python3 - "$DATA" "$1" "$2" <<'PY'
import os, random, sys
data, n, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
langs = ("ru", "en", "es")
docs = []
for name in sorted(os.listdir(data)):
    paras = []
    for lang in langs:
        with open(os.path.join(data, name, lang + ".txt"), encoding="utf-8") as f:
            paras.append([p.strip() for p in f.read().split("\n\n") if p.strip()])
    if len({len(p) for p in paras}) == 1:  # paragraph-parallel documents only
        docs.extend(zip(*paras))
rng = random.Random(20250314)
os.makedirs(out, exist_ok=True)
def sentences(p):  # a rough count, enough to size sets at ~60 sentences
    return max(1, sum(p.count(c) for c in ".?!"))
for i in range(n):
    chosen, count = [], 0
    while count < 60:
        para = rng.choice(docs)
        chosen.append(para)
        count += sentences(para[1])
    rng.shuffle(chosen)
    for k, lang in enumerate(langs):
        with open(os.path.join(out, f"set-{i:05d}.{lang}.txt"), "w", encoding="utf-8") as f:
            f.write("\n\n".join(p[k] for p in chosen) + "\n")
PY
}

OUTS=()
trap 'rm -rf "${OUTS[@]}"' EXIT
echo "| sets | sentences (ru/en/es) | wall time | sets/s | CPU (user+sys) | peak memory | output | written to | load avg before |"
echo "|---:|---|---:|---:|---:|---:|---:|---|---:|"
for n in "${SIZES[@]}"; do
    sets="$BENCH_DIR/sets-$n"
    # A fresh output folder per run, all deleted when the script ends: creating thousands of files
    # right after deleting thousands makes ext4's inode allocator crawl ("recently deleted" inodes).
    out=$(mktemp -d "$OUT_BASE/tralign-bench-out-$n.XXXXXX")
    OUTS+=("$out")
    if [ ! -f "$sets/.complete" ]; then
        rm -rf "$sets"
        generate "$n" "$sets"
        touch "$sets/.complete"
    fi
    sync
    log="$BENCH_DIR/time-$n.log"
    load=$(cut -d' ' -f1 /proc/loadavg)
    /usr/bin/time -v target/release/tralign batch "$sets" -o "$out" --date 20250314T000000Z -j "$JOBS" \
        2>"$log" >/dev/null || { tail -20 "$log" >&2; exit 1; }
    wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$log")
    rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$log")
    secs=$(python3 -c "import sys; p=sys.argv[1].split(':'); print(sum(float(x)*60**i for i,x in enumerate(reversed(p))))" "$wall")
    sents=$(python3 -c "
import json,sys; t=json.load(open(sys.argv[1]))['totals']['sentences']
print('/'.join(str(t.get(l,0)) for l in ('ru','en','es')))" "$out/summary.json")
    cpu=$(python3 -c "
import re,sys; t=open(sys.argv[1]).read()
print(sum(float(re.search(k+r' time \(seconds\): ([0-9.]+)', t).group(1)) for k in ('User','System')))" "$log")
    size=$(du -sm "$out" | cut -f1)
    fs=$(df --output=fstype "$out" | tail -1)
    printf '| %s | %s | %.1f s | %.0f | %.1f s | %.0f MB | %s MB | %s (%s) | %s |\n' "$n" "$sents" "$secs" \
        "$(python3 -c "print($n/$secs)")" "$cpu" "$(python3 -c "print($rss/1024)")" "$size" "$OUT_BASE" "$fs" "$load"
done
