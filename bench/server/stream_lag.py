"""Streaming delivery: with STREAMS user streams open (SSE), the time from a
post's 200 to its arrival on every follower's stream among them. The author
is the account with the most followers; its followers hold the streams (the
rest, if it has fewer, are other accounts, which must not receive it).
Prints JSON (p50/p99 in ms).

    python3 stream_lag.py BASE_URL TOKENS_FILE DB_PATH [STREAMS] [POSTS]
"""
import json
import resource
import selectors
import socket
import sqlite3
import sys
import time
import urllib.parse
import urllib.request


def post(base, token, text):
    req = urllib.request.Request(base + "/api/v1/statuses", data=json.dumps({"status": text}).encode(),
                                 method="POST", headers={"Authorization": "Bearer " + token,
                                                         "Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=10) as r:
        return json.loads(r.read())["id"]


def main():
    base, tokens_path, db_path = sys.argv[1:4]
    streams = int(sys.argv[4]) if len(sys.argv) > 4 else 1000
    posts = int(sys.argv[5]) if len(sys.argv) > 5 else 50
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    tokens = dict(line.rstrip("\n").split("\t") for line in open(tokens_path))
    db = sqlite3.connect(db_path)
    author, = db.execute("SELECT target_account_id FROM follows GROUP BY target_account_id "
                         "ORDER BY COUNT(*) DESC LIMIT 1").fetchone()
    followers = [r[0] for r in db.execute(
        "SELECT account_id FROM follows WHERE target_account_id = ? ORDER BY id LIMIT ?",
        (author, streams))]
    others = [r[0] for r in db.execute(
        "SELECT id FROM accounts WHERE id != ? AND id NOT IN "
        "(SELECT account_id FROM follows WHERE target_account_id = ?) LIMIT ?",
        (author, author, max(0, streams - len(followers))))]
    db.close()
    follower_set = set(followers)
    host, port = urllib.parse.urlsplit(base).netloc.split(":")
    sel = selectors.DefaultSelector()
    conns = {}
    for account in followers + others:
        s = socket.create_connection((host, int(port)))
        s.sendall(("GET /api/v1/streaming/user HTTP/1.1\r\nHost: %s\r\nAuthorization: Bearer %s\r\n\r\n"
                   % (host, tokens[str(account)])).encode())
        s.setblocking(False)
        conns[s] = {"follower": account in follower_set, "buf": b""}
        sel.register(s, selectors.EVENT_READ)
    following = {s for s, c in conns.items() if c["follower"]}
    # Every stream has answered (its first comment) before the posts start.
    ready = set()
    deadline = time.time() + 30
    while len(ready) < len(conns) and time.time() < deadline:
        for key, _ in sel.select(timeout=1):
            c = conns[key.fileobj]
            c["buf"] += key.fileobj.recv(65536)
            if b":)" in c["buf"]:
                ready.add(key.fileobj)
                c["buf"] = b""
    if len(ready) < len(conns):
        raise SystemExit("only %d of %d streams opened" % (len(ready), len(conns)))
    lags, misdelivered = [], 0
    for i in range(posts):
        status_id = post(base, tokens[str(author)], "stream lag %d" % i)
        t0 = time.perf_counter()
        needle = ('"id":"%s"' % status_id).encode()
        waiting = set(following)
        last = None
        deadline = time.time() + 10
        while waiting and time.time() < deadline:
            for key, _ in sel.select(timeout=1):
                s = key.fileobj
                c = conns[s]
                c["buf"] += s.recv(1 << 20)
                if needle in c["buf"]:
                    c["buf"] = b""
                    if s in waiting:
                        waiting.discard(s)
                        last = time.perf_counter()
                    else:
                        misdelivered += 1
        if waiting:
            raise SystemExit("post %d reached %d of %d streams" % (i, len(following) - len(waiting), len(following)))
        lags.append((last - t0) * 1000)
    lags.sort()
    print(json.dumps({"streams": len(conns), "followers": len(following), "posts": posts,
                      "p50_ms": lags[len(lags) // 2],
                      "p99_ms": lags[min(len(lags) - 1, int(len(lags) * 0.99))],
                      "misdelivered": misdelivered}))


if __name__ == "__main__":
    main()
