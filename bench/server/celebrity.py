"""The celebrity case: post latency (request to 200, fan-out included) for
the account with the most followers against one with about a hundred.
Posts alternate between the two so that both see the same machine. Prints
JSON.

    python3 celebrity.py BASE_URL TOKENS_FILE DB_PATH [POSTS]
"""
import http.client
import json
import sqlite3
import sys
import time
import urllib.parse


def main():
    base, tokens_path, db_path = sys.argv[1:4]
    posts = int(sys.argv[4]) if len(sys.argv) > 4 else 200
    tokens = dict(line.rstrip("\n").split("\t") for line in open(tokens_path))
    db = sqlite3.connect(db_path)
    heavy, heavy_followers = db.execute(
        "SELECT account_id, followers FROM account_stats ORDER BY followers DESC LIMIT 1").fetchone()
    light, light_followers = db.execute(
        "SELECT account_id, followers FROM account_stats ORDER BY ABS(followers - 100) LIMIT 1"
    ).fetchone()
    db.close()
    url = urllib.parse.urlparse(base)
    conn = http.client.HTTPConnection(url.hostname, url.port, timeout=30)
    times = {heavy: [], light: []}
    for i in range(posts):
        for author in (heavy, light):
            body = json.dumps({"status": f"celebrity case {i}"})
            t0 = time.perf_counter()
            conn.request("POST", "/api/v1/statuses", body,
                         {"Authorization": "Bearer " + tokens[str(author)],
                          "Content-Type": "application/json"})
            r = conn.getresponse()
            r.read()
            times[author].append((time.perf_counter() - t0) * 1000)
            if r.status != 200:
                raise SystemExit(f"post failed: {r.status}")

    def stats(xs):
        xs = sorted(xs)
        return {"p50_ms": xs[len(xs) // 2], "p99_ms": xs[min(len(xs) - 1, int(len(xs) * 0.99))]}

    print(json.dumps({"posts": posts,
                      "heavy": {"followers": heavy_followers, **stats(times[heavy])},
                      "light": {"followers": light_followers, **stats(times[light])}}))


if __name__ == "__main__":
    main()
