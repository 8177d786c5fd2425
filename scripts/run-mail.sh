#!/usr/bin/env bash
# `make run` with a local Dovecot beside the app, so a person trying the
# product can log on with a real mail client: IMAP with STARTTLS on
# 127.0.0.1:1143 (APP_IMAP_PORT) and IMAP over TLS on 127.0.0.1:1993
# (APP_IMAPS_PORT), with a self-signed certificate made by OpenSSL in
# data/dovecot/tls/ (or APP_TLS_CERT and APP_TLS_KEY); the accounts,
# passwords and lockouts the app's. The configuration is written by
# `server mail-auth dovecot-config` into data/dovecot/; the mailboxes are
# kept in data/mail/ (APP_MAIL_DIR).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --mail
export PATH="$PWD/end2end/node_modules/.bin:$HOME/.cargo/bin:$PATH"
scripts/build.sh

export APP_DEMO="${APP_DEMO:-1}"
export APP_BIND="${APP_BIND:-127.0.0.1:3000}"
export DATABASE_URL="${DATABASE_URL:-sqlite://data/recovery.db}"
imap_port="${APP_IMAP_PORT:-1143}"
imaps_port="${APP_IMAPS_PORT:-1993}"
doveadm_port="${APP_DOVEADM_PORT:-1180}"
mail_dir="${APP_MAIL_DIR:-data/mail}"
config_dir="${APP_DOVECOT_DIR:-data/dovecot}"
random_key() { head -c 24 /dev/urandom | base64 | tr '+/' '-_'; }
export APP_MAIL_AUTH_KEY="${APP_MAIL_AUTH_KEY:-$(random_key)}"
export APP_DOVEADM_API_KEY="${APP_DOVEADM_API_KEY:-$(random_key)}"
export APP_DOVEADM_URL="${APP_DOVEADM_URL:-http://127.0.0.1:$doveadm_port/doveadm/v1}"

mkdir -p "$mail_dir" "$config_dir" data
# Dovecot writes the mailboxes as vmail, never as root.
if [[ "$(stat -c %U "$mail_dir")" != vmail ]]; then
  if [[ "$(id -u)" == 0 ]]; then chown vmail:vmail "$mail_dir"; else sudo chown vmail:vmail "$mail_dir"; fi
fi
# A self-signed certificate for a local try, made once (a real deployment
# gives its own with APP_TLS_CERT and APP_TLS_KEY).
tls_cert="${APP_TLS_CERT:-$config_dir/tls/cert.pem}"
tls_key="${APP_TLS_KEY:-$config_dir/tls/key.pem}"
if [[ ! -f "$tls_cert" || ! -f "$tls_key" ]]; then
  scripts/self-signed-cert.sh "$tls_cert" "$tls_key"
fi
target/release/server mail-auth dovecot-config --config-dir "$config_dir" \
  --mail-dir "$mail_dir" --imap-port "$imap_port" --imaps-port "$imaps_port" \
  --tls-cert "$tls_cert" --tls-key "$tls_key" --listen 127.0.0.1 \
  --log-path "$config_dir/dovecot.log" >/dev/null

target/release/server &
app=$!
dovecot=""
stop() {
  [[ -n "$dovecot" ]] && kill -TERM "$dovecot" 2>/dev/null || true
  kill -TERM "$app" 2>/dev/null || true
  wait 2>/dev/null || true
}
trap stop EXIT INT TERM
# The app creates and migrates the database Dovecot reads.
for _ in $(seq 1 240); do
  curl -fsS "http://$APP_BIND/readyz" >/dev/null 2>&1 && break
  kill -0 "$app" 2>/dev/null || exit 1
  sleep 0.25
done
dovecot -F -c "$config_dir/dovecot.conf" &
dovecot=$!
echo "IMAP on 127.0.0.1:$imaps_port (TLS) and 127.0.0.1:$imap_port (STARTTLS; plain only from this host),"
echo "certificate $tls_cert: log on with a demo account, e.g. zhang.san@example.com / Employee#2026"
echo "Dovecot's log: $config_dir/dovecot.log"
wait -n "$app" "$dovecot"
