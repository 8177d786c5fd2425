#!/usr/bin/env python3
"""Slow and idle clients against a running server, then a person.

    bench/slow_clients.py http://127.0.0.1:3000 [posts] [gets]

Opens `posts` connections that send the head of a chunked
`POST /api/log_on` and no body, and `gets` that do the same with
`GET /login` (defaults: 8 and 64 a core of this machine), all from this
one address, and keeps them open. Then, as a person would, loads
`/login` and logs `zhao.liu@example.org` on (the demo data of
`make run`), timing each; then waits for the idle connections' answers.
Prints what it saw; asserts nothing.
"""
import os
import socket
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

base = sys.argv[1].rstrip("/")
cores = os.cpu_count() or 2
posts = int(sys.argv[2]) if len(sys.argv) > 2 else 8 * cores
gets = int(sys.argv[3]) if len(sys.argv) > 3 else 64 * cores
host, port = urllib.parse.urlsplit(base).netloc.split(":")


def idle(method, path):
    conn = socket.create_connection((host, int(port)))
    conn.sendall(
        f"{method} {path} HTTP/1.1\r\nHost: {host}:{port}\r\nOrigin: {base}\r\n"
        "Content-Type: application/x-www-form-urlencoded\r\n"
        "Transfer-Encoding: chunked\r\n\r\n".encode()
    )
    return conn


def timed(request):
    start = time.monotonic()
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            status = response.status
    except urllib.error.HTTPError as error:
        status = error.code
    except OSError as error:
        status = f"no answer ({error})"
    return status, (time.monotonic() - start) * 1000


held = [idle("POST", "/api/log_on") for _ in range(posts)]
held += [idle("GET", "/login") for _ in range(gets)]
opened = time.monotonic()
print(f"holding {len(held)} idle connections ({posts} posts, {gets} page loads)")
status, ms = timed(urllib.request.Request(f"{base}/login"))
print(f"a person's page: {status} in {ms:.0f} ms")
form = urllib.parse.urlencode({"email": "zhao.liu@example.org", "password": "Employee#2026"})
status, ms = timed(
    urllib.request.Request(
        f"{base}/api/log_on", data=form.encode(), headers={"Origin": base}, method="POST"
    )
)
print(f"a person's logon: {status} in {ms:.0f} ms")
answers = {}
for conn in held:
    conn.settimeout(60)
    try:
        line = conn.recv(256).split(b"\r\n", 1)[0].decode() or "closed"
    except OSError as error:
        line = f"error: {error}"
    answers[line] = answers.get(line, 0) + 1
    conn.close()
print(f"the idle connections, {time.monotonic() - opened:.1f} s after they opened: {answers}")
