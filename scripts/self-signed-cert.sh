#!/usr/bin/env bash
# Makes a self-signed TLS certificate for localhost and 127.0.0.1 with
# OpenSSL: `scripts/self-signed-cert.sh CERT KEY` (the key readable by its
# owner only). For a local try of the mail server and its tests; a real
# deployment brings its own certificate.
set -euo pipefail
cert=$1
key=$2
config=$(mktemp)
trap 'rm -f "$config"' EXIT
cat >"$config" <<'CNF'
[req]
distinguished_name = dn
x509_extensions = leaf
prompt = no
[dn]
CN = localhost
[leaf]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth
subjectAltName = DNS:localhost, IP:127.0.0.1
CNF
mkdir -p "$(dirname "$cert")" "$(dirname "$key")"
(umask 077 && openssl req -x509 -newkey rsa:2048 -nodes -days 365 -config "$config" \
  -keyout "$key" -out "$cert" 2>/dev/null)
