#!/usr/bin/env python3
"""Forgot Password's first step, timed for an unknown address and for an
existing account with no recovery method (wang.wu@example.com): the two
must not be told apart by time. Numbers are reported, never asserted.

    bench/forgot_parity.py [RUNS]        (default 200 per address)

Starts the release server (target/release/server; `cargo leptos build
--release` or `cargo build --release -p server` first) in demo mode on a
fresh SQLite file, on 127.0.0.1 only, and alternates the two addresses so
drift hits both alike. Each run: a new flow, the image's answer from
/dev/captcha/<id>, then the timed POST /forgot/api/submit_address.
"""
import http.cookiejar
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
RUNS = int(sys.argv[1]) if len(sys.argv) > 1 else 200
ADDRESSES = ["nobody@example.com", "wang.wu@example.com"]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def client():
    jar = http.cookiejar.CookieJar()
    return urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(jar), NoRedirect()
    )


def post(opener, base, path, form):
    data = urllib.parse.urlencode(form).encode()
    request = urllib.request.Request(base + path, data=data, method="POST")
    request.add_header("Origin", base)
    try:
        with opener.open(request) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def main():
    server = os.path.join(ROOT, "target", "release", "server")
    if not os.path.exists(server):
        sys.exit("build first: cargo build --release -p server")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryDirectory() as tmp:
        proc = subprocess.Popen(
            [server, "--demo", "--bind", f"127.0.0.1:{port}",
             "--database-url", f"sqlite://{tmp}/bench.db"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        try:
            for _ in range(100):
                try:
                    urllib.request.urlopen(base + "/readyz")
                    break
                except OSError:
                    time.sleep(0.1)
            samples = {address: [] for address in ADDRESSES}
            statuses = {address: set() for address in ADDRESSES}
            for run in range(RUNS * 2):
                address = ADDRESSES[run % 2]
                opener = client()
                status, body = post(opener, base, "/forgot/api/refresh_captcha", {})
                captcha = json.loads(body)
                answer = urllib.request.urlopen(f"{base}/dev/captcha/{captcha}").read().decode()
                started = time.perf_counter()
                status, body = post(opener, base, "/forgot/api/submit_address",
                                    {"email": address, "captcha": answer})
                took = (time.perf_counter() - started) * 1000
                samples[address].append(took)
                statuses[address].add((status, body))
        finally:
            proc.terminate()
            proc.wait()
    print(f"Forgot Password step 1, {RUNS} runs per address (ms)")
    print(f"{'address':<24}{'median':>8}{'p95':>8}{'mean':>8}{'stdev':>8}  answers")
    for address in ADDRESSES:
        xs = sorted(samples[address])
        p95 = xs[int(len(xs) * 0.95) - 1]
        print(f"{address:<24}{statistics.median(xs):>8.2f}{p95:>8.2f}"
              f"{statistics.mean(xs):>8.2f}{statistics.stdev(xs):>8.2f}  {sorted(statuses[address])}")
    a, b = (statistics.median(samples[x]) for x in ADDRESSES)
    print(f"median gap: {abs(a - b):.3f} ms")


if __name__ == "__main__":
    main()
