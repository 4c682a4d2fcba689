"""Delivery lag: time from a post's 200 to its presence in a follower's home
timeline, with the follower polling. Prints JSON (p50/p99 in ms).

    python3 lag.py BASE_URL TOKENS_FILE DB_PATH [POSTS]
"""
import json
import sqlite3
import time

from benchlib import arguments, call, percentiles


def main():
    base, tokens, db_path, posts = arguments(200)
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
    print(json.dumps({"posts": posts, **percentiles(lags)}))


if __name__ == "__main__":
    main()
