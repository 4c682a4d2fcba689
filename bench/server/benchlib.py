"""What the server benchmark's Python scripts share: their arguments, a JSON
call with a token, and latency percentiles."""
import json
import sys
import urllib.request


def arguments(*defaults):
    """BASE_URL TOKENS_FILE DB_PATH [N...]: (base, {account: token}, db path,
    the optional numbers, each with its default)."""
    base, tokens_path, db_path = sys.argv[1:4]
    numbers = [int(sys.argv[4 + i]) if len(sys.argv) > 4 + i else d for i, d in enumerate(defaults)]
    tokens = dict(line.rstrip("\n").split("\t") for line in open(tokens_path))
    return (base, tokens, db_path, *numbers)


def call(base, method, path, token, body=None):
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(base + path, data=data, method=method,
                                 headers={"Authorization": "Bearer " + token,
                                          "Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=10) as r:
        return json.loads(r.read())


def percentiles(values_ms):
    xs = sorted(values_ms)
    return {"p50_ms": xs[len(xs) // 2], "p99_ms": xs[min(len(xs) - 1, int(len(xs) * 0.99))]}
