"""Starts `piaf serve` on a free port with a fresh data directory, for the
integration tests. Uses only the standard library and the real binary."""
import json
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import unittest
import urllib.error
import urllib.request
import warnings

# Mastodon.py keeps HTTP sessions open until the process ends.
warnings.simplefilter("ignore", ResourceWarning)

BINARY = os.environ.get("PIAF_BINARY", os.path.join(os.path.dirname(__file__), "../../build/piaf"))


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, data_dir=None, extra_args=(), env=None, nofile=None):
        """`env`: variables added to the server's environment (PIAF_* settings);
        `nofile`: its file descriptor limit, soft and hard."""
        self.own_dir = data_dir is None
        self.data_dir = data_dir or tempfile.mkdtemp(prefix="piaf-it-")
        self.extra_args = list(extra_args)
        self.env = dict(env or {})
        self.nofile = nofile
        self.proc = None
        self.port = None

    def start(self):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.proc = subprocess.Popen(
            [BINARY, "serve", "--data-dir", self.data_dir, "--listen", f"127.0.0.1:{self.port}",
             *self.extra_args],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
            env=dict(os.environ, **self.env) if self.env else None,
            preexec_fn=self._limit if self.nofile else None)
        deadline = time.time() + 20
        while time.time() < deadline:
            try:
                with urllib.request.urlopen(self.base + "/api/v1/instance", timeout=1):
                    return self
            except Exception:
                if self.proc.poll() is not None:
                    raise RuntimeError("piaf serve exited: " + self.proc.stdout.read().decode())
                time.sleep(0.05)
        raise RuntimeError("piaf serve did not start")

    def _limit(self):
        import resource
        resource.setrlimit(resource.RLIMIT_NOFILE, (self.nofile, self.nofile))

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            self.proc.wait(timeout=20)
        if self.proc:
            self.proc.stdout.close()
        return self.proc.returncode if self.proc else None

    def cleanup(self):
        self.stop()
        if self.own_dir:
            shutil.rmtree(self.data_dir, ignore_errors=True)

    def admin(self, *args):
        out = subprocess.run([BINARY, "admin", *args, "--data-dir", self.data_dir],
                             capture_output=True, text=True, check=True)
        return out.stdout.strip()

    def create_account(self, username, password="correct horse battery", organization=False):
        args = ["create-account", "--username", username, "--email", f"{username}@example.org",
                "--password", password]
        if organization:
            args.append("--organization")
        return self.admin(*args)

    def request(self, method, path, body=None, token=None, content_type="application/json",
                headers=None):
        """Raw HTTP: returns (status, headers, parsed JSON or text)."""
        data = None
        hdrs = dict(headers or {})
        if body is not None:
            data = body if isinstance(body, bytes) else (
                json.dumps(body).encode() if content_type == "application/json" else body.encode())
            hdrs["Content-Type"] = content_type
        if token:
            hdrs["Authorization"] = "Bearer " + token
        req = urllib.request.Request(self.base + path, data=data, method=method, headers=hdrs)
        try:
            with urllib.request.urlopen(req, timeout=10) as r:
                raw = r.read()
                return r.status, dict(r.headers), json.loads(raw) if raw else None
        except urllib.error.HTTPError as e:
            raw = e.read()
            try:
                parsed = json.loads(raw)
            except ValueError:
                parsed = raw.decode(errors="replace")
            return e.code, dict(e.headers), parsed

    def token(self, username, password="correct horse battery", scopes="read write follow push"):
        status, _, app = self.request("POST", "/api/v1/apps",
                                      {"client_name": "it", "redirect_uris": "urn:ietf:wg:oauth:2.0:oob",
                                       "scopes": scopes})
        assert status == 200, app
        status, _, tok = self.request("POST", "/oauth/token", {
            "grant_type": "password", "client_id": app["client_id"],
            "client_secret": app["client_secret"], "username": username, "password": password,
            "scope": scopes})
        assert status == 200, tok
        return tok["access_token"]


class TootCli:
    """Debian's toot with a config directory of its own."""

    def __init__(self):
        self.config = tempfile.mkdtemp(prefix="toot-config-")

    def run(self, *args, stdin=None):
        """Runs toot; returns the CompletedProcess (text)."""
        env = dict(os.environ, XDG_CONFIG_HOME=self.config, HOME=self.config)
        # A new session has no controlling terminal, so toot's password prompt
        # (getpass) reads standard input.
        return subprocess.run(["toot", *args], capture_output=True, text=True, env=env, timeout=60,
                              input=stdin, start_new_session=True)

    def cleanup(self):
        shutil.rmtree(self.config, ignore_errors=True)


class TootTestCase(unittest.TestCase):
    """A server with the account alice, and toot to drive it."""

    def setUp(self):
        self.server = Server().start()
        self.server.create_account("alice", password="correct horse battery")
        self.client = TootCli()

    def tearDown(self):
        self.server.cleanup()
        self.client.cleanup()

    def toot(self, *args, stdin=None):
        out = self.client.run(*args, stdin=stdin)
        self.assertEqual(out.returncode, 0, out.stdout + out.stderr)
        return out.stdout
