#!/usr/bin/env bash
# Speed and memory of `tralign align` on long documents (results table: README.md, "## Alignment").
#
#   cargo build --release && benches/align.sh [SIZES...]     (default sizes: 1000 10000 100000)
#
# Input: the sentences of the rues-dev documents (ru and en, all variants, segmented by tralign),
# concatenated and repeated until each side has N sentences, without paragraph breaks, written one
# sentence per line (--presegmented). Runs on one core (RAYON_NUM_THREADS=1); wall time, CPU time
# (user + system) and peak memory come from /usr/bin/time -v. On a shared machine wall time says
# how loaded it was (the load average just before each run is printed too); CPU time is the cost.
set -euo pipefail
T=${T:-target/release/tralign}
DATA=${DATA:-../shared/bench-data/rues-dev}
WORK=${WORK:-$(mktemp -d)}
sizes=("$@"); [ ${#sizes[@]} -gt 0 ] || sizes=(1000 10000 100000)
for l in ru en; do
  : > "$WORK/all.$l"
  for d in "$DATA"/*/*/; do
    "$T" segment --lang "$l" "$d$l.txt" >> "$WORK/all.$l"
  done
  grep -v '^[[:space:]]*$' "$WORK/all.$l" > "$WORK/pool.$l" || true
done
printf '| sentences (ru × en) | wall time (s) | CPU time (s) | peak memory (MiB) | load avg before |\n|---|---:|---:|---:|---:|\n'
for n in "${sizes[@]}"; do
  for l in ru en; do
    # en gets 10% more sentences than ru, as translations do.
    m=$n; [ "$l" = en ] && m=$((n + n / 10))
    : > "$WORK/in.$l"
    while [ "$(wc -l < "$WORK/in.$l")" -lt "$m" ]; do cat "$WORK/pool.$l" >> "$WORK/in.$l"; done
    head -n "$m" "$WORK/in.$l" > "$WORK/in$n.$l"
  done
  load=$(cut -d' ' -f1 /proc/loadavg)
  RAYON_NUM_THREADS=1 /usr/bin/time -v "$T" align --presegmented --langs ru,en "$WORK/in$n.ru" "$WORK/in$n.en" \
    --format ladder -o "$WORK/out$n.txt" 2> "$WORK/time$n.txt"
  wall=$(grep 'Elapsed (wall' "$WORK/time$n.txt" | awk '{print $NF}' | awk -F: '{ if (NF==3) print $1*3600+$2*60+$3; else print $1*60+$2 }')
  cpu=$(grep -E '(User|System) time' "$WORK/time$n.txt" | awk '{s += $NF} END {printf "%.2f", s}')
  rss=$(grep 'Maximum resident' "$WORK/time$n.txt" | awk '{printf "%.0f", $NF/1024}')
  printf '| %s × %s | %s | %s | %s | %s |\n' "$n" "$((n + n / 10))" "$wall" "$cpu" "$rss" "$load"
done
