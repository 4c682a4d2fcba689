"""What an attacker's probe found in the network layer, pinned through the
real `piaf serve`: running out of file descriptors, WebSocket streams that
never read, unlimited WebSocket subscriptions, and password hashing that held
up every write. Raw sockets and a small WebSocket client of our own; memory is
read from /proc/PID/status (VmRSS), CPU time from /proc/PID/stat, with
margins wide enough for a loaded machine. Nothing here times a request."""
import base64
import http.client
import json
import os
import resource
import socket
import subprocess
import threading
import time
import unittest

import harness
from harness import Server

MIB = 1024 * 1024


def rss(pid):
    """Resident memory of the process, in bytes."""
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    raise RuntimeError("no VmRSS")


def cpu_seconds(pid):
    """User and system CPU time the process has used, in seconds."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    # utime and stime are fields 14 and 15 of stat; [0] here is field 3.
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def raise_own_fd_limit():
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < hard:
        resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))

# The test command runs an ASan build, whose allocator keeps what is freed in
# a quarantine (256 MiB) instead of reusing it: RSS would measure the
# quarantine, not the server. Freed memory is reused at once with it off.
SANITIZED = b"libasan" in subprocess.run(["ldd", harness.BINARY], capture_output=True).stdout
MEASURED_MEMORY = {"ASAN_OPTIONS": ":".join(
    filter(None, [os.environ.get("ASAN_OPTIONS", ""), "quarantine_size_mb=0",
                  "thread_local_quarantine_size_kb=0"]))}


class WebSocket:
    """A minimal client: the upgrade, masked text frames out, frames in."""

    def __init__(self, port, path, rcvbuf=None, timeout=10):
        self.sock = socket.socket()
        if rcvbuf:
            # Set before connecting, so that the window the server sees is small
            # and what a client does not read stays in the server's memory.
            self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, rcvbuf)
        self.sock.settimeout(timeout)
        self.sock.connect(("127.0.0.1", port))
        key = base64.b64encode(os.urandom(16)).decode()
        self.sock.sendall((f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
                           "Upgrade: websocket\r\nConnection: Upgrade\r\n"
                           f"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n").encode())
        data = b""
        while b"\r\n\r\n" not in data:
            chunk = self.sock.recv(4096)
            if not chunk:
                raise ConnectionError("closed during the upgrade")
            data += chunk
        head, _, self.buffer = data.partition(b"\r\n\r\n")
        if not head.startswith(b"HTTP/1.1 101"):
            raise ConnectionError(head.decode(errors="replace"))

    def send_text(self, text):
        payload = text.encode()
        n = len(payload)
        if n < 126:
            header = bytes([0x81, 0x80 | n])
        elif n < 65536:
            header = bytes([0x81, 0x80 | 126]) + n.to_bytes(2, "big")
        else:
            header = bytes([0x81, 0x80 | 127]) + n.to_bytes(8, "big")
        # A zero masking key leaves the payload as it is (the server cannot
        # tell; it saves masking megabytes in Python).
        self.sock.sendall(header + b"\0\0\0\0" + payload)

    def _need(self, n):
        while len(self.buffer) < n:
            chunk = self.sock.recv(65536)
            if not chunk:
                raise ConnectionError("closed")
            self.buffer += chunk

    def receive(self):
        """(opcode, payload bytes) of the next frame."""
        self._need(2)
        opcode, n = self.buffer[0] & 0x0F, self.buffer[1] & 0x7F
        at = 2
        if n == 126:
            self._need(4)
            n, at = int.from_bytes(self.buffer[2:4], "big"), 4
        elif n == 127:
            self._need(10)
            n, at = int.from_bytes(self.buffer[2:10], "big"), 10
        self._need(at + n)
        payload, self.buffer = self.buffer[at:at + n], self.buffer[at + n:]
        return opcode, payload

    def close(self):
        self.sock.close()


class Poster:
    """Posts statuses over one keep-alive connection."""

    def __init__(self, server, token):
        self.conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=60)
        self.token = token

    def post(self, text):
        body = json.dumps({"status": text, "visibility": "public"})
        self.conn.request("POST", "/api/v1/statuses", body=body,
                          headers={"Content-Type": "application/json",
                                   "Authorization": "Bearer " + self.token})
        r = self.conn.getresponse()
        r.read()
        return r.status


def post_many(server, token, count, threads=6):
    """Posts `count` public statuses from a few threads; their statuses."""
    statuses = []
    lock = threading.Lock()

    def run(k):
        p = Poster(server, token)
        for i in range(k, count, threads):
            s = p.post(f"status {i} " + "x" * 100)
            with lock:
                statuses.append(s)

    workers = [threading.Thread(target=run, args=(k,)) for k in range(threads)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    return statuses


class UnreadWebSocketsTest(unittest.TestCase):
    """Issue point 5: 5,000 WebSocket streams that never read took RSS from
    174 MB to 5.7 GB (about 1.15 MB each) and it stayed there after they
    were dropped."""

    STREAMS = 200
    # Some 5.5 MB of events for each stream: past the 4 MB the kernel takes
    # into a socket's send buffer (tcp_wmem) and past the old 1 MiB bound.
    POSTS = 3500

    def setUp(self):
        raise_own_fd_limit()
        # Thousands of posts: no posting budget. Memory as the allocator
        # holds it (no sanitizer quarantine: see MEASURED_MEMORY).
        self.server = Server(extra_args=["--statuses-per-account", "0"],
                             env=MEASURED_MEMORY).start()
        self.server.create_account("alice")
        self.token = self.server.token("alice")
        self.sockets = []

    def tearDown(self):
        for s in self.sockets:
            s.close()
        self.server.cleanup()

    def test_unread_websockets_hold_bounded_memory_and_give_it_back(self):
        pid = self.server.proc.pid
        post_many(self.server, self.token, 20)  # warm up what every post touches
        start = rss(pid)
        for _ in range(self.STREAMS):
            self.sockets.append(WebSocket(self.server.port, "/api/v1/streaming?stream=public",
                                          rcvbuf=4096))
        peak = [start]
        done = threading.Event()

        def sample():
            while not done.is_set():
                peak[0] = max(peak[0], rss(pid))
                time.sleep(0.02)

        sampler = threading.Thread(target=sample)
        sampler.start()
        try:
            statuses = post_many(self.server, self.token, self.POSTS)
            time.sleep(0.5)  # the distributor's last deliveries
        finally:
            done.set()
            sampler.join()
        self.assertEqual(statuses.count(200), self.POSTS)
        per_stream = (peak[0] - start) / self.STREAMS
        print(f"\nRSS {start / MIB:.0f} MiB at start, {peak[0] / MIB:.0f} MiB at the peak: "
              f"{per_stream / 1024:.0f} KiB per unread stream")
        self.assertLess(per_stream, 400 * 1024)

        for s in self.sockets:
            s.close()
        self.sockets = []
        deadline = time.time() + 6
        after = rss(pid)
        while time.time() < deadline and after > start + 30 * MIB:
            time.sleep(0.2)
            after = rss(pid)
        print(f"RSS {after / MIB:.0f} MiB after the streams closed")
        # Given back by jemalloc's purge (or malloc_trim); a sanitizer's
        # allocator keeps its pages whatever the server asks.
        if not SANITIZED:
            self.assertLess(after, start + 30 * MIB)
        # Still serving.
        self.assertEqual(self.server.request("GET", "/api/v1/instance")[0], 200)


class SubscriptionFloodTest(unittest.TestCase):
    """Issue point 6: one anonymous connection sending 200,000 subscribes for
    1,000-character tags grew RSS by 640 MB."""

    def setUp(self):
        self.server = Server(env=MEASURED_MEMORY).start()
        self.server.create_account("alice")
        self.token = self.server.token("alice")

    def tearDown(self):
        self.server.cleanup()

    def collect(self, ws):
        """Reads ws's messages in a thread: (list of decoded messages, list of
        close payloads, thread)."""
        messages, closes = [], []

        def run():
            try:
                while True:
                    opcode, payload = ws.receive()
                    if opcode == 1:
                        messages.append(json.loads(payload))
                    elif opcode == 8:
                        closes.append(payload)
                        return
            except (OSError, ConnectionError):
                return

        t = threading.Thread(target=run, daemon=True)
        t.start()
        return messages, closes, t

    def wait_for(self, messages, predicate, timeout=10):
        deadline = time.time() + timeout
        while time.time() < deadline:
            if any(predicate(m) for m in list(messages)):
                return True
            time.sleep(0.05)
        return False

    def test_long_tag_subscription_flood_keeps_memory_flat_and_the_stream_alive(self):
        pid = self.server.proc.pid
        ws = WebSocket(self.server.port, "/api/v1/streaming")
        messages, closes, _ = self.collect(ws)
        ws.send_text(json.dumps({"type": "subscribe", "stream": "public"}))
        time.sleep(0.2)
        start = rss(pid)
        count = 30000
        for i in range(count):
            tag = f"{i:06d}" + "t" * 994
            ws.send_text(json.dumps({"type": "subscribe", "stream": "hashtag", "tag": tag}))
        # The server has read them all once it answers a message sent after.
        ws.send_text("not json")
        self.assertTrue(self.wait_for(messages, lambda m: m.get("error") == "Unknown message type",
                                      timeout=60), "the connection stopped answering")
        grown = rss(pid) - start
        print(f"\nRSS grew {grown / MIB:.1f} MiB over {count} subscribes of 1,000-character tags")
        self.assertLess(grown, 12 * MIB)
        errors = [m for m in messages if "error" in m]
        self.assertGreaterEqual(len(errors), count, "every long tag is refused")
        self.assertTrue(all(isinstance(m.get("status"), int) for m in errors))
        # The first subscription still delivers.
        self.assertEqual(Poster(self.server, self.token).post("still streaming"), 200)
        self.assertTrue(self.wait_for(messages, lambda m: m.get("stream") == ["public"] and
                                      m.get("event") == "update"))
        self.assertEqual(closes, [])

    def test_subscriptions_per_connection_are_capped(self):
        ws = WebSocket(self.server.port, "/api/v1/streaming")
        messages, closes, _ = self.collect(ws)
        ws.send_text(json.dumps({"type": "subscribe", "stream": "public"}))
        count = 1000
        for i in range(count):
            ws.send_text(json.dumps({"type": "subscribe", "stream": "hashtag", "tag": f"tag{i}"}))
        ws.send_text("not json")
        self.assertTrue(self.wait_for(messages, lambda m: m.get("error") == "Unknown message type"))
        refused = [m for m in messages if "error" in m and m["error"] != "Unknown message type"]
        print(f"\n{len(refused)} of {count + 1} subscriptions refused")
        # Some hundred kept (100 here), the others answered with an error.
        self.assertGreaterEqual(len(refused), count - 200)
        self.assertTrue(all(m.get("status") == 429 for m in refused), refused[:3])
        # The connection and its first subscription live on.
        self.assertEqual(Poster(self.server, self.token).post("capped"), 200)
        self.assertTrue(self.wait_for(messages, lambda m: m.get("stream") == ["public"] and
                                      m.get("event") == "update"))
        self.assertEqual(closes, [])

    def test_oversized_websocket_message_closes_with_1009(self):
        ws = WebSocket(self.server.port, "/api/v1/streaming")
        messages, closes, reader = self.collect(ws)
        ws.send_text(json.dumps({"type": "subscribe", "stream": "hashtag", "tag": "x" * 300000}))
        reader.join(timeout=10)
        self.assertEqual(messages, [], "an oversized message is not parsed")
        self.assertEqual(len(closes), 1)
        self.assertEqual(int.from_bytes(closes[0][:2], "big"), 1009)  # message too big
        self.assertEqual(self.server.request("GET", "/api/v1/instance")[0], 200)


def open_idle(port, count, source="127.0.0.1"):
    """`count` connections that send nothing (refused ones are skipped)."""
    out = []
    for _ in range(count):
        s = socket.socket()
        s.bind((source, 0))
        s.settimeout(5)
        try:
            s.connect(("127.0.0.1", port))
        except OSError:
            s.close()
            continue
        out.append(s)
    return out


def get_instance_from(port, source):
    """GET /api/v1/instance from the address `source`; its status, or the error."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10, source_address=(source, 0))
    try:
        conn.request("GET", "/api/v1/instance")
        r = conn.getresponse()
        r.read()
        return r.status
    except OSError as e:
        return repr(e)
    finally:
        conn.close()


class DescriptorExhaustionTest(unittest.TestCase):
    """Issue point 4: out of file descriptors (ulimit -n 512, 700 idle
    connections), the accept loop spun at 100 % CPU and served no one."""

    LIMIT = 256
    IDLE = 400

    def setUp(self):
        raise_own_fd_limit()
        self.sockets = []
        self.server = None

    def tearDown(self):
        for s in self.sockets:
            s.close()
        if self.server:
            self.server.cleanup()

    def cpu_over(self, seconds):
        pid = self.server.proc.pid
        before = cpu_seconds(pid)
        time.sleep(seconds)
        return cpu_seconds(pid) - before

    def test_out_of_descriptors_the_accept_loop_backs_off(self):
        # Caps out of the way: the descriptors run out first. Settings go by
        # environment, which a server without them ignores.
        self.server = Server(nofile=self.LIMIT, env={"PIAF_MAX_CONNECTIONS": "100000",
                                                      "PIAF_MAX_CONNECTIONS_PER_IP": "100000"}).start()
        self.sockets = open_idle(self.server.port, self.IDLE)
        time.sleep(0.5)
        cpu = self.cpu_over(2.0)
        print(f"\nout of descriptors: {cpu:.2f} s of CPU over 2 s")
        self.assertLess(cpu, 0.5)
        for s in self.sockets:
            s.close()
        self.sockets = []
        self.assertEqual(get_instance_from(self.server.port, "127.0.0.1"), 200)

    def test_connections_per_ip_are_capped(self):
        self.server = Server(nofile=self.LIMIT,
                             env={"PIAF_MAX_CONNECTIONS_PER_IP": "50"}).start()
        self.sockets = open_idle(self.server.port, self.IDLE)
        time.sleep(0.5)
        cpu = self.cpu_over(2.0)
        # Another address is served while 127.0.0.1 holds its share.
        status = get_instance_from(self.server.port, "127.0.0.2")
        print(f"\n{self.IDLE} idle connections from one address: {cpu:.2f} s of CPU over 2 s; "
              f"another address got {status}")
        self.assertLess(cpu, 0.5)
        self.assertEqual(status, 200)
        # Those past the cap were closed by the server (or told 503).
        closed = 0
        for s in self.sockets:
            s.settimeout(0.01)
            try:
                data = s.recv(4096)
                closed += data == b"" or data.startswith(b"HTTP/1.1 503")
            except socket.timeout:
                pass
            except OSError:
                closed += 1
        print(f"{closed} of {self.IDLE} closed by the server")
        self.assertGreaterEqual(closed, self.IDLE - 60)

    def test_default_caps_keep_a_server_under_a_low_fd_limit_serving(self):
        self.server = Server(nofile=self.LIMIT).start()
        self.sockets = open_idle(self.server.port, self.IDLE)
        time.sleep(0.5)
        cpu = self.cpu_over(2.0)
        print(f"\ndefault caps: {cpu:.2f} s of CPU over 2 s")
        self.assertLess(cpu, 0.5)
        for s in self.sockets:
            s.close()
        self.sockets = []
        self.assertEqual(get_instance_from(self.server.port, "127.0.0.1"), 200)


class PasswordPoolTest(unittest.TestCase):
    """Issue point 8: 48 concurrent wrong passwords took post latency from
    4 ms to 1.3-2.4 s: the hashing held every worker."""

    LOGINS = 48

    def setUp(self):
        # Unknown usernames from one address: raise the throttle so that each
        # attempt hashes (an unknown account costs the same work as a known one).
        self.server = Server(extra_args=["--login-attempts", "1000000"]).start()
        self.server.create_account("alice")
        self.token = self.server.token("alice")
        status, _, self.app = self.server.request(
            "POST", "/api/v1/apps", {"client_name": "it", "redirect_uris": "urn:ietf:wg:oauth:2.0:oob",
                                     "scopes": "read write"})
        self.assertEqual(status, 200)

    def tearDown(self):
        self.server.cleanup()

    def test_posts_do_not_wait_behind_password_hashing(self):
        lock = threading.Lock()
        hashed = [0]   # logins answered after hashing (not told to come back later)
        statuses = []
        stop = threading.Event()
        form = {"grant_type": "password", "client_id": self.app["client_id"],
                "client_secret": self.app["client_secret"], "password": "wrong", "scope": "read"}

        def login(k):
            conn = http.client.HTTPConnection("127.0.0.1", self.server.port, timeout=120)
            i = 0
            while not stop.is_set():
                body = json.dumps(dict(form, username=f"nobody{k}x{i}"))
                i += 1
                try:
                    conn.request("POST", "/oauth/token", body=body,
                                 headers={"Content-Type": "application/json"})
                    r = conn.getresponse()
                    r.read()
                except OSError:
                    conn.close()
                    conn = http.client.HTTPConnection("127.0.0.1", self.server.port, timeout=120)
                    continue
                with lock:
                    statuses.append(r.status)
                    if r.status not in (429, 503):
                        hashed[0] += 1
                if r.status in (429, 503):
                    stop.wait(0.2)
            conn.close()

        threads = [threading.Thread(target=login, args=(k,)) for k in range(self.LOGINS)]
        for t in threads:
            t.start()
        try:
            # Every login thread busy: the pool that hashes is full.
            deadline = time.time() + 30
            while time.time() < deadline and hashed[0] < self.LOGINS // 4:
                time.sleep(0.05)
            poster = Poster(self.server, self.token)
            waited = []
            for i in range(3):
                with lock:
                    before = hashed[0]
                self.assertEqual(poster.post(f"during the login burst {i}"), 200)
                with lock:
                    waited.append(hashed[0] - before)
        finally:
            stop.set()
            for t in threads:
                t.join()
        print(f"\nhashed logins answered while each post waited: {waited}; "
              f"answers: {sorted(set(statuses))}")
        self.assertTrue(all(s in (400, 401, 429, 503) for s in statuses), set(statuses))
        # A post waits for its own write, not for a queue of password hashes:
        # before, each waited for some 16 or more logins (the worker queue
        # ahead of it) to be hashed.
        self.assertLess(max(waited), 8, waited)


if __name__ == "__main__":
    unittest.main()
