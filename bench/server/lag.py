"""Delivery lag: time from a post's 200 to its presence in a follower's home
timeline, with the follower polling. Prints JSON (p50/p99 in ms).

    python3 lag.py BASE_URL TOKENS_FILE DB_PATH [POSTS]
"""
import json
import sqlite3
import sys
import time
import urllib.request


def call(base, method, path, token, body=None):
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(base + path, data=data, method=method,
                                 headers={"Authorization": "Bearer " + token,
                                          "Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=10) as r:
        return json.loads(r.read())


def main():
    base, tokens_path, db_path = sys.argv[1:4]
    posts = int(sys.argv[4]) if len(sys.argv) > 4 else 200
    tokens = dict(line.rstrip("\n").split("\t") for line in open(tokens_path))
    db = sqlite3.connect(db_path)
    # An author with about a hundred followers, and one of those followers.
    author, follower = db.execute(
        "SELECT f.target_account_id, MIN(f.account_id) FROM follows f GROUP BY f.target_account_id "
        "ORDER BY ABS(COUNT(*) - 100) LIMIT 1").fetchone()
    db.close()
    lags = []
    for i in range(posts):
        post = call(base, "POST", "/api/v1/statuses", tokens[str(author)], {"status": f"lag {i}"})
        t0 = time.perf_counter()
        while True:
            home = call(base, "GET", "/api/v1/timelines/home?limit=5", tokens[str(follower)])
            if any(s["id"] == post["id"] for s in home):
                break
        lags.append((time.perf_counter() - t0) * 1000)
    lags.sort()
    print(json.dumps({"posts": posts, "p50_ms": lags[len(lags) // 2],
                      "p99_ms": lags[min(len(lags) - 1, int(len(lags) * 0.99))]}))


if __name__ == "__main__":
    main()
