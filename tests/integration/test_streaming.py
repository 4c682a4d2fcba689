"""The streaming API through real clients: Mastodon.py over SSE, npm's masto
over WebSocket, and raw connections for the wire details and the access
checks. A followed account's post must arrive within a second."""
import json
import os
import queue
import socket
import subprocess
import threading
import time
import unittest
import urllib.request

from mastodon import Mastodon, MastodonNetworkError, StreamListener

from harness import Server

HERE = os.path.dirname(os.path.abspath(__file__))

# Mastodon.py's stream threads raise when the server stops at the end of a
# test; that is expected.
_default_hook = threading.excepthook
threading.excepthook = lambda a: None if issubclass(a.exc_type, MastodonNetworkError) else _default_hook(a)


class Collector(StreamListener):
    def __init__(self):
        self.events = queue.Queue()

    def on_update(self, status):
        self.events.put(("update", status["id"], status))

    def on_delete(self, status_id):
        self.events.put(("delete", status_id, None))

    def on_notification(self, notification):
        self.events.put(("notification", notification["type"], notification))


def wait_for(events, predicate, timeout):
    """The first event matching predicate within timeout seconds, or None."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            event = events.get(timeout=max(0.01, deadline - time.time()))
        except queue.Empty:
            return None
        if predicate(event):
            return event
    return None


def dechunk(data):
    """The body of a chunked HTTP response (complete chunks only)."""
    out = b""
    while b"\r\n" in data:
        size_line, _, rest = data.partition(b"\r\n")
        size = int(size_line, 16)
        if size == 0 or len(rest) < size + 2:
            break
        out += rest[:size]
        data = rest[size + 2:]
    return out


class StreamingTest(unittest.TestCase):
    def setUp(self):
        # Thousands of posts from one account fill a slow reader's queue: no
        # posting budget here.
        self.server = Server(extra_args=["--statuses-per-account", "0"]).start()
        for name in ("alice", "bob", "carol"):
            self.server.create_account(name)
        self.tokens = {n: self.server.token(n) for n in ("alice", "bob", "carol")}
        self.m = {n: Mastodon(access_token=t, api_base_url=self.server.base)
                  for n, t in self.tokens.items()}
        self.ids = {n: self.m[n].account_verify_credentials()["id"] for n in self.m}
        self.m["bob"].account_follow(self.ids["alice"])
        self.handles = []

    def tearDown(self):
        # The server's stop closes the streams (a client-side close would wait
        # for the next heartbeat to notice).
        self.server.cleanup()

    def stream(self, name, kind="user", tag=None):
        c = Collector()
        m = self.m[name]
        if kind == "user":
            h = m.stream_user(c, run_async=True)
        elif kind == "hashtag":
            h = m.stream_hashtag(tag, c, run_async=True)
        else:
            h = m.stream_public(c, run_async=True)
        self.handles.append(h)
        return c

    def until_live(self, collector, poster="alice", text="probe #probe"):
        """Posts probes until the stream delivers one (the connection is live)."""
        deadline = time.time() + 10
        while time.time() < deadline:
            probe = self.m[poster].status_post(text)
            if wait_for(collector.events, lambda e: e[0] == "update" and e[1] == probe["id"], 0.3):
                return
        self.fail("the stream never delivered a probe")

    def test_mastodon_py_user_stream_gets_a_followed_accounts_post_within_a_second(self):
        c = self.stream("bob")
        self.until_live(c)
        start = time.time()
        posted = self.m["alice"].status_post("Live from the interview #direct")
        got = wait_for(c.events, lambda e: e[0] == "update" and e[1] == posted["id"], 1.0)
        self.assertIsNotNone(got, "not delivered within a second")
        self.assertLess(time.time() - start, 1.0)
        self.assertEqual(got[2]["content"], posted["content"])
        self.assertEqual(got[2]["account"]["acct"], "alice")
        # Deleting sends delete to the same stream.
        self.m["alice"].status_delete(posted["id"])
        self.assertIsNotNone(wait_for(c.events, lambda e: e[0] == "delete" and e[1] == posted["id"], 1.0))

    def test_mastodon_py_user_stream_gets_notifications(self):
        c = self.stream("alice")
        self.until_live(c)
        self.m["carol"].status_post("@alice a question for you")
        got = wait_for(c.events, lambda e: e[0] == "notification" and e[1] == "mention", 1.0)
        self.assertIsNotNone(got)
        self.assertEqual(got[2]["account"]["acct"], "carol")

    def test_mastodon_py_hashtag_stream_gets_public_posts_of_anyone(self):
        c = self.stream("carol", "hashtag", "Interview")
        self.until_live(c, text="probe #interview")
        posted = self.m["alice"].status_post("Question time #INTERVIEW")
        self.assertIsNotNone(wait_for(c.events, lambda e: e[0] == "update" and e[1] == posted["id"], 1.0))

    def test_nothing_private_reaches_a_stream_that_may_not_see_it(self):
        bob = self.stream("bob")
        carol = self.stream("carol")
        tag = self.stream("carol", "hashtag", "secret")
        public = self.stream("carol", "public")
        self.until_live(bob)
        self.until_live(carol, poster="carol")
        self.until_live(tag, text="probe #secret")
        self.until_live(public)
        private = self.m["alice"].status_post("for followers #secret", visibility="private")
        unlisted = self.m["alice"].status_post("unlisted #secret", visibility="unlisted")
        # bob follows alice: both reach his user stream.
        for s in (private, unlisted):
            self.assertIsNotNone(wait_for(bob.events, lambda e, s=s: e[1] == s["id"], 1.0))
        # carol follows nobody; neither is public: none reaches her streams.
        marker = self.m["alice"].status_post("public marker #secret")
        for collector in (tag, public):
            seen = []
            wait_for(collector.events, lambda e: seen.append(e[1]) or e[1] == marker["id"], 2.0)
            self.assertIn(marker["id"], seen)
            self.assertNotIn(private["id"], seen)
            self.assertNotIn(unlisted["id"], seen)
        self.assertIsNone(wait_for(carol.events, lambda e: e[1] in (private["id"], unlisted["id"]), 0.3))
        # A blocked account's posts stop reaching the blocker's streams.
        self.m["carol"].account_block(self.ids["alice"])
        blocked = self.m["alice"].status_post("after the block #secret")
        after = self.m["bob"].status_post("bob after the block #secret")
        seen = []
        wait_for(tag.events, lambda e: seen.append(e[1]) or e[1] == after["id"], 2.0)
        self.assertIn(after["id"], seen)
        self.assertNotIn(blocked["id"], seen)

    def test_user_streams_need_a_token_and_unknown_streams_are_refused(self):
        status, _, body = self.server.request("GET", "/api/v1/streaming/user")
        self.assertEqual(status, 401)
        self.assertIn("error", body)
        status, _, body = self.server.request("GET", "/api/v1/streaming/hashtag")
        self.assertEqual(status, 400)
        status, _, body = self.server.request("GET", "/api/v1/streaming/nothing")
        self.assertEqual(status, 404)
        with urllib.request.urlopen(self.server.base + "/api/v1/streaming/health") as r:
            self.assertEqual((r.status, r.read()), (200, b"OK"))
        instance = self.m["bob"].instance()
        self.assertEqual(instance["urls"]["streaming_api"], "ws://127.0.0.1:%d" % self.server.port)

    def raw_sse(self, path, token):
        s = socket.create_connection(("127.0.0.1", self.server.port))
        s.sendall(("GET %s HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer %s\r\n\r\n" % (path, token)).encode())
        s.settimeout(5)
        return s

    def test_sse_wire_format_and_a_revoked_token_closes_its_stream(self):
        s = self.raw_sse("/api/v1/streaming/user", self.tokens["bob"])
        data = b""
        while b":)\n" not in data:
            data += s.recv(4096)
        head, _, body = data.partition(b"\r\n\r\n")
        self.assertIn(b"200 OK", head)
        self.assertIn(b"text/event-stream", head)
        self.assertIn(b"chunked", head.lower())
        posted = self.m["alice"].status_post("wire")
        while b"\n\n" not in data.partition(b":)\n")[2]:
            data += s.recv(4096)
        # event: and data: lines, LF only, a colon and a space (inside the chunks).
        body = dechunk(data.partition(b"\r\n\r\n")[2])
        self.assertTrue(body.startswith(b":)\nevent: update\ndata: {"), body[:80])
        self.assertIn(b'"id":"%d"' % posted["id"], body)
        self.assertTrue(body.endswith(b"}\n\n"))
        self.assertNotIn(b"\r", body)
        # Revoking the token ends the stream: the server closes the connection.
        app = self.server.request("POST", "/api/v1/apps", {"client_name": "r", "redirect_uris": "urn:ietf:wg:oauth:2.0:oob"})[2]
        token = self.server.request("POST", "/oauth/token", {
            "grant_type": "password", "client_id": app["client_id"], "client_secret": app["client_secret"],
            "username": "bob", "password": "correct horse battery", "scope": "read"})[2]["access_token"]
        s2 = self.raw_sse("/api/v1/streaming/user", token)
        first = s2.recv(4096)
        self.assertIn(b"200 OK", first)
        status, _, _ = self.server.request("POST", "/oauth/revoke", {
            "client_id": app["client_id"], "client_secret": app["client_secret"], "token": token})
        self.assertEqual(status, 200)
        closed = False
        deadline = time.time() + 5
        while time.time() < deadline:
            chunk = s2.recv(4096)
            if not chunk:
                closed = True
                break
        self.assertTrue(closed, "the revoked token's stream stayed open")
        s.close()
        s2.close()

    def test_a_reader_that_stops_reading_is_dropped_and_nothing_else_waits(self):
        slow = self.raw_sse("/api/v1/streaming/user", self.tokens["bob"])
        self.assertIn(b"200 OK", slow.recv(4096))
        fast = self.stream("bob")
        self.until_live(fast)
        # bob's slow connection never reads while alice posts: the kernel's
        # buffers fill, then its queue (1 MiB), then the server drops it.
        text = "x" * 130
        posted = 0
        for i in range(6000):
            self.m["alice"].status_post("%d %s" % (i, text))
            posted += 1
            if i % 500 == 499:
                try:
                    slow.recv(1, socket.MSG_PEEK | socket.MSG_DONTWAIT)
                except BlockingIOError:
                    pass
        # The other stream kept up meanwhile.
        last = self.m["alice"].status_post("after the flood")
        self.assertIsNotNone(wait_for(fast.events, lambda e: e[1] == last["id"], 2.0))
        # Reading now: what the kernel held, then the end (the server closed it).
        slow.settimeout(20)
        total, closed = 0, False
        while True:
            chunk = slow.recv(1 << 20)
            if not chunk:
                closed = True
                break
            total += len(chunk)
        self.assertTrue(closed)
        self.assertLess(total, posted * 1500)  # each event is over 2 KB: far from all were sent
        slow.close()

    def test_masto_follows_the_user_and_a_hashtag_stream_over_websocket(self):
        proc = subprocess.Popen(
            [os.path.join(HERE, "js", "run.sh"), "masto_stream.js", self.server.base,
             self.tokens["bob"], "Piaf"],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        lines = queue.Queue()
        threading.Thread(target=lambda: [lines.put(json.loads(l)) for l in proc.stdout], daemon=True).start()
        try:
            # masto connects after a one-second delay: probe until both streams are live.
            live = set()
            everything = []
            deadline = time.time() + 60
            while live != {"user", "hashtag"} and time.time() < deadline:
                probe = self.m["alice"].status_post("probe #piaf")
                end = time.time() + 0.5
                while time.time() < end:
                    try:
                        e = lines.get(timeout=0.1)
                    except queue.Empty:
                        continue
                    everything.append(e)
                    if e["id"] == str(probe["id"]):
                        live.add(e["stream"])
                if proc.poll() is not None:
                    self.fail("masto exited: " + proc.stderr.read())
            if proc.poll() is not None or live != {"user", "hashtag"}:
                proc.kill()
                self.fail("masto: %s %s" % (everything[:5], proc.stderr.read()[-2000:]))
            while not lines.empty():
                lines.get()
            start = time.time()
            posted = self.m["alice"].status_post("Live #Piaf")
            got = set()
            while got != {"user", "hashtag"} and time.time() - start < 1.0:
                try:
                    e = lines.get(timeout=0.05)
                except queue.Empty:
                    continue
                if e["id"] == str(posted["id"]) and e["event"] == "update":
                    got.add(e["stream"])
            self.assertEqual(got, {"user", "hashtag"}, "not on both streams within a second")
            # carol is not followed by bob: her post reaches the hashtag stream only.
            other = self.m["carol"].status_post("Me too #piaf")
            seen = []
            end = time.time() + 1.5
            while time.time() < end:
                try:
                    e = lines.get(timeout=0.05)
                except queue.Empty:
                    continue
                if e["id"] == str(other["id"]):
                    seen.append(e["stream"])
            self.assertEqual(seen, ["hashtag"])
        finally:
            proc.kill()
            proc.wait()


if __name__ == "__main__":
    unittest.main()
