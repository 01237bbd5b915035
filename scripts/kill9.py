#!/usr/bin/env python3
"""kill -9 at random moments of API writes (issue 14), then check the store.

    python3 scripts/kill9.py --gazette target/release/gazette --data DIR [--rounds 200]

Run by scripts/kill9.sh. Each round starts `gazette serve` on the archive
in DIR, sends writes through the API as fast as they are answered — uploads
of new issues (the sample issue with a line that makes its bytes unique)
and status changes of its documents, each with a unique reason — and kills
the server with SIGKILL after a random delay (0.05 to 1.5 s), wherever it
is. Each write the server acknowledged (201/200 read in full before the
kill) is noted. After the last round, with the server stopped, the store
(archive.sqlite, read with the sqlite3 module) is checked:

  - every acknowledged upload is stored (its SHA-256 among the issues);
  - every acknowledged status change is stored (its reason among the
    status changes);
  - every issue uploaded through the API has its audit entry (ingest, the
    issue's id), and every status change made through the API has one
    (status, the document's id): as many entries as changes, per document;
  - the server starts again after every kill (a start that fails ends the
    rounds and is a problem), and the archive opens after the last one.

Standard library only; loopback only.
"""

import argparse
import hashlib
import http.client
import json
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.parse

ACTOR_PREFIX = "kill9-"


def request(port, method, path, token=None, body=None, content_type="application/octet-stream"):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    headers = {}
    if token:
        headers["Authorization"] = "Bearer " + token
    if body is not None:
        headers["Content-Type"] = content_type
    conn.request(method, path, body=body, headers=headers)
    response = conn.getresponse()
    data = response.read()
    conn.close()
    return response.status, data


class StartFailed(Exception):
    """The server did not come up after a kill."""


def wait_healthy(port, server, limit=60):
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise StartFailed("the server exited on start (code %s)" % server.returncode)
        try:
            if request(port, "GET", "/healthz")[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.05)
    server.kill()
    server.wait()
    raise StartFailed("the server did not answer /healthz within %d s" % limit)


def writer(port, tokens, documents, sample, round_number, stop, acked):
    """Writes until the server dies or `stop` is set; notes what was acked."""
    n = 0
    statuses = ["repealed", "in_force", "amended", "expired"]
    while not stop.is_set():
        n += 1
        token = tokens[n % len(tokens)]
        try:
            if n % 2:
                body = sample + ("\n（kill9 第%d轮 第%d次）\n" % (round_number, n)).encode()
                status, _ = request(port, "POST", "/api/v1/issues?name=kill9-%d-%d.txt" % (round_number, n), token, body)
                if status in (200, 201):
                    acked.append({"kind": "upload", "sha256": hashlib.sha256(body).hexdigest(), "status": status})
            else:
                reason = "kill9 r%d n%d" % (round_number, n)
                document = documents[n % len(documents)]
                payload = json.dumps({"status": statuses[n % len(statuses)], "effective": "2020-01-01", "reason": reason})
                path = "/api/v1/documents/%s/status" % urllib.parse.quote(document)
                status, _ = request(port, "POST", path, token, payload.encode(), "application/json")
                if status == 200:
                    acked.append({"kind": "status", "reason": reason, "document": document})
        except (OSError, http.client.HTTPException):
            return


def check(data_dir, acked, gazette):
    db = sqlite3.connect("file:%s/archive.sqlite?mode=ro" % data_dir, uri=True)
    problems = []
    hashes = {row[0] for row in db.execute("SELECT hash FROM issues")}
    reasons = {row[0] for row in db.execute("SELECT reason FROM status_changes WHERE reason IS NOT NULL")}
    uploads = [a for a in acked if a["kind"] == "upload"]
    changes = [a for a in acked if a["kind"] == "status"]
    for a in uploads:
        if a["sha256"] not in hashes:
            problems.append("acknowledged upload not stored: %s" % a["sha256"])
    for a in changes:
        if a["reason"] not in reasons:
            problems.append("acknowledged status change not stored: %s" % a["reason"])
    # Every issue uploaded through the API (its file name says so) has its
    # audit entry.
    api_issues = [row[0] for row in db.execute("SELECT id FROM issues WHERE file_name LIKE 'kill9-%'")]
    audited_issues = {row[0] for row in db.execute(
        "SELECT target FROM audit_log WHERE action = 'ingest' AND actor LIKE ?", (ACTOR_PREFIX + "%",))}
    for issue in api_issues:
        if str(issue) not in audited_issues:
            problems.append("issue %d stored without its audit entry" % issue)
    stored_changes = dict(db.execute(
        "SELECT document_id, COUNT(*) FROM status_changes WHERE recorded_by LIKE ? GROUP BY document_id",
        (ACTOR_PREFIX + "%",)).fetchall())
    audited_changes = dict(db.execute(
        "SELECT target, COUNT(*) FROM audit_log WHERE action = 'status' AND actor LIKE ? GROUP BY target",
        (ACTOR_PREFIX + "%",)).fetchall())
    for document, count in stored_changes.items():
        if audited_changes.get(document, 0) != count:
            problems.append("document %s: %d status changes, %d audit entries" % (
                document, count, audited_changes.get(document, 0)))
    total_changes = sum(stored_changes.values())
    db.close()
    opened = subprocess.run([gazette, "search", "--data", data_dir, "通知"], capture_output=True, text=True)
    if opened.returncode not in (0, 1):
        problems.append("the archive does not open after the last kill: %s" % opened.stderr.strip()[:300])
    return {
        "acknowledged_uploads": len(uploads),
        "acknowledged_status_changes": len(changes),
        "issues_uploaded_and_stored": len(api_issues),
        "status_changes_stored": total_changes,
        "problems": problems,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--gazette", required=True)
    parser.add_argument("--data", required=True)
    parser.add_argument("--sample", required=True, help="the sample issue file")
    parser.add_argument("--tokens", required=True, help="a file of write tokens, one a line")
    parser.add_argument("--rounds", type=int, default=200)
    parser.add_argument("--port", type=int, default=18091)
    parser.add_argument("--seed", type=int, default=14)
    args = parser.parse_args()
    random.seed(args.seed)
    sample = open(args.sample, "rb").read()
    tokens = [t.strip() for t in open(args.tokens) if t.strip()]
    acked = []
    documents = None
    start_failure = None
    log = open(args.data.rstrip("/") + "-server.log", "ab")
    started = time.monotonic()
    for round_number in range(1, args.rounds + 1):
        server = subprocess.Popen(
            [args.gazette, "serve", "--data", args.data, "--addr", "127.0.0.1:%d" % args.port],
            stdout=log, stderr=log)
        try:
            wait_healthy(args.port, server)
        except StartFailed as error:
            start_failure = "round %d: %s (see %s-server.log)" % (round_number, error, args.data.rstrip("/"))
            print(start_failure, file=sys.stderr)
            break
        if documents is None:
            status, body = request(args.port, "GET", "/api/v1/documents?limit=6")
            documents = [item["id"] for item in json.loads(body)["items"]]
        stop = threading.Event()
        thread = threading.Thread(target=writer, args=(args.port, tokens, documents, sample, round_number, stop, acked))
        thread.start()
        time.sleep(random.uniform(0.05, 1.5))
        server.send_signal(signal.SIGKILL)
        server.wait()
        stop.set()
        thread.join()
        if round_number % 20 == 0:
            print("round %d: %d writes acknowledged so far (%.0f s)" % (
                round_number, len(acked), time.monotonic() - started), file=sys.stderr)
    result = check(args.data, acked, args.gazette)
    if start_failure:
        result["problems"].insert(0, start_failure)
    result["rounds"] = round_number
    result["seconds"] = round(time.monotonic() - started, 1)
    print(json.dumps(result, indent=2, ensure_ascii=False))
    if result["problems"]:
        print("KILL9 FAILED: %d problem(s)" % len(result["problems"]), file=sys.stderr)
        return 1
    print("kill9 passed: every acknowledged write stored, every stored write audited", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
