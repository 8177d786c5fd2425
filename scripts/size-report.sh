#!/usr/bin/env bash
# What the browser downloads: every file under the site's pkg/, raw and gzip.
set -euo pipefail
site="${LEPTOS_SITE_ROOT:-target/site}"
printf '%-28s %12s %12s\n' file raw gzip
total_raw=0 total_gz=0
for f in "$site"/pkg/*; do
  raw=$(stat -c %s "$f")
  gz=$(gzip -9 -c "$f" | wc -c)
  total_raw=$((total_raw + raw)) total_gz=$((total_gz + gz))
  printf '%-28s %12s %12s\n' "$(basename "$f")" "$raw" "$gz"
done
printf '%-28s %12s %12s\n' total "$total_raw" "$total_gz"
