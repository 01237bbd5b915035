#!/usr/bin/env python3
"""Soak client for `gazette serve` (issue 14): hostile and normal clients at
once, on loopback, for a bounded time, while /healthz and a normal search
are timed every second.

    python3 scripts/soak.py --port 18090 --token TOKEN [--seconds 60]

Run by scripts/soak.sh, which builds the release binary, makes the archive
and starts the server. Standard library only.

Client classes, each on threads of its own:
  slow-header  connections that send one header line a second and never
               finish the request (the server must cut them off at its
               header timeout; they reconnect)
  stalled-csv  GET /api/v1/documents?format=csv with a small receive buffer,
               never read (the server must close them when the response
               stops moving; they reconnect)
  upload-30mb  30 MB bodies POSTed with a write token: a fake PDF (%PDF-
               then junk) and binary junk, in turn (422, 413, or 429 once
               the token's writes run out)
  hostile      expensive or malformed reads in a loop, as fast as answers
               come: long OR chains, wildcards, deep cursors, graphs at
               depth 2, the list of issues at limit=100, CSV of a search
  reader       normal readers: a document list, a search and an issue,
               one request every half second, each from its own address
The probe (127.0.0.2, an address of its own so that the per-client read
limit never counts the others against it) times GET /healthz and a normal
search every second on a new connection; any answer slower than the bound
(1 s), any failure or any non-200 is a failure of the soak.

Loopback only: every client binds a 127.x.y.z address and connects to
127.0.0.1. The per-address read limit of the server applies: the hostile
readers share 127.0.0.1 and meet it (429) as a looping client would.
"""

import argparse
import collections
import http.client
import json
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse

HOST = "127.0.0.1"
PROBE_ADDRESS = "127.0.0.2"
NORMAL_QUERY = "财政"
HOSTILE_PATHS = [
    "/api/v1/search?q=" + urllib.parse.quote(" OR ".join(["通知", "意见", "办法", "决定", "规定"] * 20)),
    "/api/v1/search?q=" + urllib.parse.quote("*"),
    "/api/v1/search?q=" + urllib.parse.quote("的" * 200),
    "/api/v1/search?q=" + urllib.parse.quote('"' + "关于" * 50 + '"'),
    "/api/v1/search?q=%FF%FE%00",
    "/api/v1/search?q=" + urllib.parse.quote("通知") + "&format=csv",
    "/api/v1/documents?limit=100&sort=-date",
    "/api/v1/documents?cursor=" + "A" * 3000,
    "/api/v1/issues?limit=100",
    "/search?q=" + urllib.parse.quote("青岛 OR 市 OR 政府 OR 办公厅"),
    "/api/v1/units",
    "/api/v1/calendar",
]


class Stats:
    """Counts of answers per client class, thread-safe."""

    def __init__(self):
        self.lock = threading.Lock()
        self.counts = collections.defaultdict(collections.Counter)

    def add(self, kind, outcome):
        with self.lock:
            self.counts[kind][str(outcome)] += 1


def connect(source, timeout, rcvbuf=None):
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    if rcvbuf:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, rcvbuf)
    sock.settimeout(timeout)
    sock.bind((source, 0))
    sock.connect((HOST, ARGS.port))
    return sock


def status_of(head):
    try:
        return int(head.split(b" ", 2)[1])
    except (IndexError, ValueError):
        return "no-status"


def slow_header(index, stop, stats):
    source = "127.0.1.%d" % (1 + index % 250)
    while not stop.is_set():
        try:
            sock = connect(source, 30)
            sock.sendall(b"GET /api/v1/issues HTTP/1.1\r\nHost: x\r\n")
            lines = 0
            while not stop.is_set():
                sock.sendall(b"X-Slow-%d: 1\r\n" % lines)
                lines += 1
                time.sleep(1)
        except OSError:
            stats.add("slow-header", "cut off")
        finally:
            try:
                sock.close()
            except (OSError, UnboundLocalError):
                pass
        stop.wait(0.2)


def stalled_csv(index, stop, stats):
    source = "127.0.2.%d" % (1 + index)
    while not stop.is_set():
        try:
            sock = connect(source, 120, rcvbuf=4096)
            sock.sendall(b"GET /api/v1/documents?format=csv HTTP/1.1\r\nHost: x\r\n\r\n")
            stats.add("stalled-csv", "opened")
            # Never read: wait until the server gives up on us.
            while not stop.is_set():
                try:
                    sock.send(b"")
                except OSError:
                    break
                if stop.wait(1):
                    break
                # A closed connection shows as readable with no data.
                sock.setblocking(False)
                try:
                    if sock.recv(1, socket.MSG_PEEK) == b"":
                        stats.add("stalled-csv", "closed by server")
                        break
                except BlockingIOError:
                    pass
                except OSError:
                    stats.add("stalled-csv", "reset by server")
                    break
                finally:
                    sock.setblocking(True)
        except OSError as error:
            stats.add("stalled-csv", type(error).__name__)
        finally:
            try:
                sock.close()
            except (OSError, UnboundLocalError):
                pass
        stop.wait(0.2)


def upload(index, stop, stats):
    junk = os.urandom(1024 * 1024)
    bodies = [b"%PDF-1.4\n" + junk * 30, b"\x00\x01" + junk * 30]
    n = 0
    while not stop.is_set():
        body = bodies[n % 2]
        n += 1
        try:
            conn = http.client.HTTPConnection(HOST, ARGS.port, timeout=60, source_address=("127.0.3.%d" % (1 + index), 0))
            conn.request("POST", "/api/v1/issues?name=soak-%d-%d" % (index, n), body=body, headers={
                "Authorization": "Bearer " + ARGS.token,
                "Content-Type": "application/octet-stream",
            })
            response = conn.getresponse()
            response.read()
            stats.add("upload-30mb", response.status)
            if response.status == 429:
                wait = float(response.getheader("Retry-After") or 1)
                stop.wait(min(wait, 5))
            conn.close()
        except OSError as error:
            stats.add("upload-30mb", type(error).__name__)
            stop.wait(0.5)


def hostile(index, stop, stats):
    n = index
    while not stop.is_set():
        path = HOSTILE_PATHS[n % len(HOSTILE_PATHS)]
        n += 1
        try:
            conn = http.client.HTTPConnection(HOST, ARGS.port, timeout=30, source_address=("127.0.0.1", 0))
            conn.request("GET", path)
            response = conn.getresponse()
            # A CSV answer is read for a moment only, then dropped.
            response.read(65536)
            stats.add("hostile", response.status)
            conn.close()
        except OSError as error:
            stats.add("hostile", type(error).__name__)
            stop.wait(0.1)


def reader(index, stop, stats):
    source = "127.0.4.%d" % (1 + index)
    paths = [
        "/api/v1/documents?limit=20",
        "/api/v1/search?q=" + urllib.parse.quote("通知"),
        "/api/v1/issues/1",
        "/",
    ]
    n = index
    while not stop.is_set():
        path = paths[n % len(paths)]
        n += 1
        try:
            conn = http.client.HTTPConnection(HOST, ARGS.port, timeout=30, source_address=(source, 0))
            conn.request("GET", path)
            response = conn.getresponse()
            response.read()
            stats.add("reader", response.status)
            conn.close()
        except OSError as error:
            stats.add("reader", type(error).__name__)
        stop.wait(0.5)


def timed_get(path):
    """(seconds, status or error) of one GET on a new connection."""
    started = time.monotonic()
    try:
        conn = http.client.HTTPConnection(HOST, ARGS.port, timeout=ARGS.bound * 5, source_address=(PROBE_ADDRESS, 0))
        conn.request("GET", path)
        response = conn.getresponse()
        response.read()
        conn.close()
        return time.monotonic() - started, response.status
    except OSError as error:
        return time.monotonic() - started, type(error).__name__


def probe(seconds):
    """The probe, run in a process of its own (so that the clients' threads
    never delay its timing): one /healthz and one search a second for
    `seconds`, printed as JSON."""
    search = "/api/v1/search?q=" + urllib.parse.quote(NORMAL_QUERY)
    samples = {"healthz": [], "search": []}
    started = time.monotonic()
    while time.monotonic() - started < seconds:
        tick = time.monotonic()
        for name, path in (("healthz", "/healthz"), ("search", search)):
            took, status = timed_get(path)
            samples[name].append((took, status, round(tick - started, 1)))
        time.sleep(max(0.0, 1.0 - (time.monotonic() - tick)))
    print(json.dumps(samples))


def summary(values):
    values = sorted(values)
    return {
        "n": len(values),
        "median_ms": round(statistics.median(values) * 1000, 1) if values else None,
        "p95_ms": round(values[int(len(values) * 0.95) - 1] * 1000, 1) if values else None,
        "max_ms": round(values[-1] * 1000, 1) if values else None,
    }


def main():
    stop = threading.Event()
    stats = Stats()
    threads = []
    plan = [
        (slow_header, ARGS.slow_headers),
        (stalled_csv, ARGS.stalled_exports),
        (upload, ARGS.uploaders),
        (hostile, ARGS.hostile),
        (reader, ARGS.readers),
    ]
    for function, count in plan:
        for index in range(count):
            threads.append(threading.Thread(target=function, args=(index, stop, stats), daemon=True))
    for thread in threads:
        thread.start()
    # Let the clients get going, then probe for the rest of the time.
    time.sleep(2)
    prober = subprocess.run(
        [sys.executable, __file__, "--probe", "--port", str(ARGS.port), "--token", "-",
         "--seconds", str(ARGS.seconds - 2), "--bound", str(ARGS.bound)],
        capture_output=True, text=True, check=True)
    samples = json.loads(prober.stdout)
    stop.set()

    failures = []
    report = {"seconds": ARGS.seconds, "bound_ms": ARGS.bound * 1000, "probe": {}, "clients": {}}
    for name, rows in samples.items():
        times = [t for t, status, at in rows]
        bad = [(round(t, 3), status, "at %s s" % at) for t, status, at in rows if status != 200 or t > ARGS.bound]
        report["probe"][name] = summary(times)
        report["probe"][name]["failures"] = len(bad)
        if bad:
            failures.append("%s: %d of %d over %.1f s or not 200: %s" % (name, len(bad), len(rows), ARGS.bound, bad[:5]))
        if len(rows) < (ARGS.seconds - 2) * 0.8:
            failures.append("%s: only %d samples in %d s" % (name, len(rows), ARGS.seconds))
    with stats.lock:
        report["clients"] = {kind: dict(counter) for kind, counter in stats.counts.items()}
    print(json.dumps(report, indent=2, ensure_ascii=False))
    if failures:
        print("SOAK FAILED:\n  " + "\n  ".join(failures), file=sys.stderr)
        return 1
    print("soak passed: /healthz and a search answered within %.1f s every second for %d s" % (ARGS.bound, ARGS.seconds), file=sys.stderr)
    return 0


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--token", required=True, help="a write token, for the uploads")
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--bound", type=float, default=1.0, help="slowest allowed probe answer, in seconds")
    parser.add_argument("--slow-headers", type=int, default=200)
    parser.add_argument("--stalled-exports", type=int, default=8)
    parser.add_argument("--uploaders", type=int, default=2)
    parser.add_argument("--hostile", type=int, default=12)
    parser.add_argument("--readers", type=int, default=8)
    parser.add_argument("--probe", action="store_true", help=argparse.SUPPRESS)
    ARGS = parser.parse_args()
    if ARGS.probe:
        probe(ARGS.seconds)
        sys.exit(0)
    sys.exit(main())
