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
import time
import urllib.parse

from benchlib import arguments, call, percentiles


def main():
    base, tokens, db_path, streams, posts = arguments(1000, 50)
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
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
        status_id = call(base, "POST", "/api/v1/statuses", tokens[str(author)],
                         {"status": "stream lag %d" % i})["id"]
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
    print(json.dumps({"streams": len(conns), "followers": len(following), "posts": posts,
                      **percentiles(lags), "misdelivered": misdelivered}))


if __name__ == "__main__":
    main()
