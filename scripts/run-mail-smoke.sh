#!/usr/bin/env bash
# Proves `make run-mail` the way the README tells a person to try it: the
# app and a Dovecot beside it (its settings given through the environment,
# as the README documents them), an IMAP logon with a demo account, a
# postmaster reset on the web that drops the open IMAP session and leaves
# only the new password working; then stops both.
set -euo pipefail
cd "$(dirname "$0")/.."

source scripts/smoke-lib.sh
dir=$(mktemp -d /tmp/recovery-run-mail.XXXXXX)
# Dovecot reads the database and writes the mailboxes as other users.
chmod 755 "$dir"
port=$(free_port)
imap_port=$(free_port)
imaps_port=$(free_port)
doveadm_port=$(free_port)
log="$dir/run-mail.log"
show_more_on_failure() {
  if [[ -f "$dir/dovecot/dovecot.log" ]]; then
    echo "---- Dovecot's log ----"
    tail -n 20 "$dir/dovecot/dovecot.log"
  fi
}

APP_BIND="127.0.0.1:$port" DATABASE_URL="sqlite://$dir/recovery.db" \
  APP_IMAP_PORT="$imap_port" APP_IMAPS_PORT="$imaps_port" APP_DOVEADM_PORT="$doveadm_port" \
  APP_MAIL_DIR="$dir/mail" APP_DOVECOT_DIR="$dir/dovecot" \
  start_in_group run-mail

for _ in $(seq 1 1200); do
  kill -0 "$group" 2>/dev/null || fail "exited before IMAP answered"
  (exec 3<>"/dev/tcp/127.0.0.1/$imaps_port") 2>/dev/null && break
  sleep 0.5
done

python3 - "$port" "$imap_port" "$imaps_port" "$dir/recovery.db" "$dir/dovecot/tls/cert.pem" <<'PY' || fail "the IMAP check failed"
import http.cookiejar, imaplib, sqlite3, ssl, sys, time, urllib.parse, urllib.request

web, imap_port, imaps_port, db = f"http://127.0.0.1:{sys.argv[1]}", int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
# Only the certificate make run-mail made is trusted, and its name checked.
tls = ssl.create_default_context(cafile=sys.argv[5])

def imap(login, password):
    client = imaplib.IMAP4_SSL("127.0.0.1", imaps_port, ssl_context=tls)
    client.login(login, password)
    return client

# STARTTLS on the IMAP port works too.
starttls = imaplib.IMAP4("127.0.0.1", imap_port)
starttls.starttls(ssl_context=tls)
starttls.login("zhang.san@example.com", "Employee#2026")
starttls.logout()

session = imap("wang.wu@example.com", "Employee#2026")
assert session.select("INBOX")[0] == "OK"
try:
    imap("wang.wu@example.com", "Wrong#Password1")
    sys.exit("a wrong IMAP password was accepted")
except imaplib.IMAP4.error:
    pass

# The postmaster resets Wang Wu's password on the web.
jar = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
def call(function, form):
    request = urllib.request.Request(f"{web}/api/{function}", data=urllib.parse.urlencode(form).encode(),
                                     headers={"Origin": web})
    return jar.open(request).status
assert call("log_on", {"email": "postmaster@example.com", "password": "Harbor#Lights2026"}) == 200
account = sqlite3.connect(db).execute("SELECT id FROM mail_accounts WHERE address = 'wang.wu@example.com'").fetchone()[0]
assert call("reset_password", {"id": account, "new_password": "Quiet#Harbor77",
                               "confirm_password": "Quiet#Harbor77"}) == 200

deadline = time.time() + 5
while True:
    try:
        session.noop()
    except (imaplib.IMAP4.abort, OSError):
        break
    if time.time() > deadline:
        sys.exit("the open IMAP session was not dropped within 5 s of the reset")
    time.sleep(0.1)
try:
    imap("wang.wu@example.com", "Employee#2026")
    sys.exit("the old password still works over IMAP")
except imaplib.IMAP4.error:
    pass
imap("wang.wu@example.com", "Quiet#Harbor77").logout()
PY
echo "==> make run-mail served IMAP over TLS on 127.0.0.1:$imaps_port (and STARTTLS on $imap_port): demo logon, reset on the web, session dropped, only the new password works"
