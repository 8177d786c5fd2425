#!/usr/bin/env bash
# What the browser downloads: every built file under the site's pkg/ (WASM
# chunks included), raw, gzip -9 and brotli (quality 11, as the precompressed
# .br the server sends). The .gz/.br copies themselves are not listed.
set -euo pipefail
site="${LEPTOS_SITE_ROOT:-target/site}"
node - "$site/pkg" <<'JS'
const fs = require("fs");
const path = require("path");
const zlib = require("zlib");
const dir = process.argv[2];
const files = fs.readdirSync(dir).filter((f) => !/\.(gz|br)$/.test(f)).sort();
const pad = (v, n) => String(v).padStart(n);
console.log(`${"file".padEnd(48)}${pad("raw", 10)}${pad("gzip", 10)}${pad("brotli", 10)}`);
const total = [0, 0, 0];
for (const file of files) {
  const data = fs.readFileSync(path.join(dir, file));
  const sizes = [
    data.length,
    zlib.gzipSync(data, { level: 9 }).length,
    zlib.brotliCompressSync(data, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  ];
  sizes.forEach((s, i) => (total[i] += s));
  console.log(`${file.padEnd(48)}${sizes.map((s) => pad(s, 10)).join("")}`);
}
console.log(`${"total".padEnd(48)}${total.map((s) => pad(s, 10)).join("")}`);
JS
