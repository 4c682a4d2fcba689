"""The celebrity case: post latency (request to 200, fan-out included) for
the account with the most followers against one with about a hundred.
Posts alternate between the two so that both see the same machine. Prints
JSON.

    python3 celebrity.py BASE_URL TOKENS_FILE DB_PATH [POSTS]
"""
import http.client
import json
import sqlite3
import time
import urllib.parse

from benchlib import arguments, percentiles


def main():
    base, tokens, db_path, posts = arguments(200)
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

    print(json.dumps({"posts": posts,
                      "heavy": {"followers": heavy_followers, **percentiles(times[heavy])},
                      "light": {"followers": light_followers, **percentiles(times[light])}}))


if __name__ == "__main__":
    main()
