#!/usr/bin/env python3
"""Sends a burst of simultaneous wrong logons for one account and counts
how many were judged (hashed), read from the audit trail of the server's
SQLite database: every judged failure writes one `logon_failed` (or
`logon_locked`) event. The cap is 5; a server that checks the lock before
hashing and counts after lets a burst through.

    bench/logon_burst.py http://127.0.0.1:3000 data/recovery.db [burst] [prior]

`prior` wrong logons are sent one by one first (default 0). Prints the
answers by status and the judged count; asserts nothing.
"""
import collections
import sqlite3
import sys
import threading
import urllib.error
import urllib.parse
import urllib.request

base, db = sys.argv[1], sys.argv[2]
burst = int(sys.argv[3]) if len(sys.argv) > 3 else 40
prior = int(sys.argv[4]) if len(sys.argv) > 4 else 0
email = "zhang.san@example.com"


def log_on(password):
    data = urllib.parse.urlencode({"email": email, "password": password}).encode()
    request = urllib.request.Request(
        f"{base}/api/log_on", data=data, headers={"Origin": base}, method="POST"
    )
    try:
        with urllib.request.urlopen(request) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def judged():
    with sqlite3.connect(db) as conn:
        return conn.execute(
            "SELECT COUNT(*) FROM audit_events "
            "WHERE target = ? AND action IN ('logon_failed', 'logon_locked')",
            (email,),
        ).fetchone()[0]


before = judged()
for _ in range(prior):
    log_on("Wrong#Pass2026")
statuses = collections.Counter()
barrier = threading.Barrier(burst)


def one():
    barrier.wait()
    statuses[log_on("Wrong#Pass2026")] += 1


threads = [threading.Thread(target=one) for _ in range(burst)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
print(f"burst of {burst} wrong passwords after {prior} failures: answers {dict(statuses)}")
print(f"judged: {judged() - before - prior} in the burst ({judged() - before} in all; the cap is 5)")
