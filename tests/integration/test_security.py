"""Holes an attacker's probe found in what had shipped, each pinned through
the HTTP API against the real server: privacy (blocks, hashtag search,
suspended accounts' streams), availability (the instance's figures),
authentication (the login throttle, sign-up and posting budgets), the Link
header, a damaged store, and Mastodon's answers (deletes, reblogs, scopes,
profile limits, NUL characters, CORS)."""
import concurrent.futures
import http.client
import json
import os
import re
import signal
import socket
import sqlite3
import subprocess
import time
import unittest
import urllib.parse

import harness
from harness import Server

PASSWORD = "correct horse battery"


def cpu_seconds(pid):
    """User + system CPU time the process has used so far."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def request_from(server, source_ip, method, path, body=None, token=None):
    """Like Server.request, from another loopback address (127.0.0.0/8)."""
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30,
                                      source_address=(source_ip, 0))
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = "Bearer " + token
    try:
        conn.request(method, path, json.dumps(body) if body is not None else None, headers)
        r = conn.getresponse()
        raw = r.read()
        return r.status, dict(r.getheaders()), json.loads(raw) if raw else None
    finally:
        conn.close()


def new_app(server, scopes="read write follow"):
    status, _, app = server.request("POST", "/api/v1/apps", {
        "client_name": "probe", "redirect_uris": "urn:ietf:wg:oauth:2.0:oob", "scopes": scopes})
    assert status == 200, app
    return app


def password_attempt(server, app, username, password, source_ip="127.0.0.1"):
    return request_from(server, source_ip, "POST", "/oauth/token", {
        "grant_type": "password", "client_id": app["client_id"],
        "client_secret": app["client_secret"], "username": username, "password": password,
        "scope": "read"})[0]


class Privacy(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = Server().start()
        cls.tokens = {}
        for name in ("alice", "bob", "carol", "dave", "erin"):
            cls.server.create_account(name)
            cls.tokens[name] = cls.server.token(name)

    @classmethod
    def tearDownClass(cls):
        cls.server.cleanup()

    def call(self, method, path, body=None, who=None):
        return self.server.request(method, path, body, self.tokens[who] if who else None)

    def account_id(self, name):
        return self.call("GET", "/api/v1/accounts/lookup?acct=" + name)[2]["id"]

    def post(self, who, text, visibility="public"):
        status, _, s = self.call("POST", "/api/v1/statuses",
                                 {"status": text, "visibility": visibility}, who)
        self.assertEqual(status, 200, s)
        return s

    def test_a_blocked_account_cannot_follow_its_blocker_and_an_unblock_restores_nothing(self):
        alice, bob = self.account_id("alice"), self.account_id("bob")
        self.assertEqual(self.call("POST", f"/api/v1/accounts/{alice}/follow", {}, "bob")[0], 200)
        status, _, rel = self.call("POST", f"/api/v1/accounts/{bob}/block", {}, "alice")
        self.assertEqual(status, 200, rel)
        self.assertFalse(rel["followed_by"])  # the block ended bob's follow
        status, _, body = self.call("POST", f"/api/v1/accounts/{alice}/follow", {}, "bob")
        self.assertEqual(status, 403, body)
        self.assertIn("error", body)
        _, _, rels = self.call("GET", f"/api/v1/accounts/relationships?id[]={alice}", who="bob")
        self.assertFalse(rels[0]["following"])
        self.assertTrue(rels[0]["blocked_by"])
        self.assertEqual(self.call("POST", f"/api/v1/accounts/{bob}/unblock", {}, "alice")[0], 200)
        secret = self.post("alice", "for my followers only, not bob", "private")
        _, _, home = self.call("GET", "/api/v1/timelines/home", who="bob")
        self.assertNotIn(secret["id"], [s["id"] for s in home])
        self.assertEqual(self.call("GET", f"/api/v1/statuses/{secret['id']}", who="bob")[0], 404)
        _, _, rels = self.call("GET", f"/api/v1/accounts/relationships?id[]={alice}", who="bob")
        self.assertFalse(rels[0]["following"])

    def test_an_account_cannot_follow_one_it_blocks(self):
        carol = self.account_id("carol")
        self.assertEqual(self.call("POST", f"/api/v1/accounts/{carol}/block", {}, "erin")[0], 200)
        status, _, body = self.call("POST", f"/api/v1/accounts/{carol}/follow", {}, "erin")
        self.assertEqual(status, 403, body)
        _, _, rels = self.call("GET", f"/api/v1/accounts/relationships?id[]={carol}", who="erin")
        self.assertFalse(rels[0]["following"])
        self.assertEqual(self.call("POST", f"/api/v1/accounts/{carol}/unblock", {}, "erin")[0], 200)

    def test_hashtag_search_lists_no_tag_used_only_in_private_or_direct_posts(self):
        self.post("carol", "#probeprivatetag for followers", "private")
        self.post("carol", "@dave #probedirecttag between us", "direct")
        self.post("carol", "#probeopentag for all")
        self.post("carol", "#probequiettag unlisted", "unlisted")
        for who in (None, "dave", "erin"):
            _, _, found = self.call("GET", "/api/v2/search?type=hashtags&q=probe", who=who)
            names = sorted(t["name"] for t in found["hashtags"])
            self.assertEqual(names, ["probeopentag", "probequiettag"], who)
            for q in ("probeprivatetag", "probedirecttag"):
                _, _, found = self.call("GET", "/api/v2/search?type=hashtags&q=" + q, who=who)
                self.assertEqual(found["hashtags"], [], (who, q))

    def test_suspending_an_account_ends_its_streams_at_once(self):
        # dave follows erin and listens to his user stream; then dave is
        # suspended with the admin CLI while the server runs.
        erin = self.account_id("erin")
        self.assertEqual(self.call("POST", f"/api/v1/accounts/{erin}/follow", {}, "dave")[0], 200)
        sock = socket.create_connection(("127.0.0.1", self.server.port), timeout=10)
        try:
            sock.sendall(b"GET /api/v1/streaming/user HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
                         + self.tokens["dave"].encode() + b"\r\n\r\n")
            received = sock.recv(4096)
            self.assertIn(b"200 OK", received)
            before = self.post("erin", "the stream works", "private")
            deadline = time.time() + 10
            while b"the stream works" not in received and time.time() < deadline:
                received += sock.recv(65536)
            self.assertIn(b"the stream works", received)
            self.server.admin("suspend", "--username", "dave")
            # No request comes: the server notices by itself.
            sock.settimeout(0.5)
            deadline, ended = time.time() + 5, False
            while time.time() < deadline and not ended:
                try:
                    chunk = sock.recv(65536)
                except socket.timeout:
                    continue
                received += chunk
                ended = chunk == b""
            self.assertTrue(ended, "the suspended account's stream is still open")
            self.post("erin", "after the suspension, for followers", "private")
            self.assertNotIn(b"after the suspension", received)
            self.assertNotEqual(before["id"], None)
        finally:
            sock.close()
            self.server.admin("unsuspend", "--username", "dave")


class InstanceFigures(unittest.TestCase):
    """GET /api/v1/instance counted every account's statuses on an I/O
    thread (0.8 s at 200,000 accounts). Its CPU cost must not grow with the
    number of accounts."""

    def test_the_instance_figures_are_kept_not_counted_per_request(self):
        server = Server()
        out = subprocess.run([harness.BINARY, "seed", "--data-dir", server.data_dir, "--users",
                              "20000", "--posts", "20000", "--follows-avg", "1",
                              "--tokens-out", os.path.join(server.data_dir, "tokens")],
                             capture_output=True, text=True)
        self.assertEqual(out.returncode, 0, out.stdout + out.stderr)
        server.start()
        try:
            _, _, instance = server.request("GET", "/api/v1/instance")
            self.assertEqual(instance["stats"]["user_count"], 20000)
            self.assertEqual(instance["stats"]["status_count"], 20000)
            before = cpu_seconds(server.proc.pid)
            for _ in range(50):
                self.assertEqual(server.request("GET", "/api/v1/instance")[0], 200)
            spent = cpu_seconds(server.proc.pid) - before
            # Counting: about 20,000 lookups a request, seconds for 50.
            self.assertLess(spent, 0.5, f"{spent:.2f} s of CPU for 50 requests")
            # Still current: a new account and a new post count at once.
            server.create_account("newcomer")
            token = server.token("newcomer")
            server.request("POST", "/api/v1/statuses", {"status": "hello"}, token)
            _, _, instance = server.request("GET", "/api/v1/instance")
            self.assertEqual(instance["stats"]["user_count"], 20001)
            self.assertEqual(instance["stats"]["status_count"], 20001)
            _, _, v2 = server.request("GET", "/api/v2/instance")
            self.assertEqual(v2["usage"]["users"]["active_month"], 20001)
        finally:
            server.cleanup()


class Authentication(unittest.TestCase):
    def setUp(self):
        self.server = Server().start()
        self.server.create_account("simon", password=PASSWORD)
        self.app = new_app(self.server)

    def tearDown(self):
        self.server.cleanup()

    def test_the_login_throttle_knows_the_account_however_its_name_is_typed(self):
        spellings = ["simon", "SIMON", "Simon", "simon@example.org", "SIMON@EXAMPLE.ORG"]
        codes = [password_attempt(self.server, self.app, s, "wrong password")
                 for s in spellings for _ in range(2)]
        self.assertEqual(codes, [400] * 10)
        self.assertEqual(password_attempt(self.server, self.app, "sImOn", "wrong password"), 429)
        self.assertEqual(password_attempt(self.server, self.app, "simon", PASSWORD), 429)

    def test_concurrent_wrong_passwords_are_checked_no_more_than_the_budget(self):
        with concurrent.futures.ThreadPoolExecutor(40) as pool:
            codes = list(pool.map(
                lambda _: password_attempt(self.server, self.app, "simon", "wrong password"),
                range(40)))
        self.assertEqual(codes.count(400), 10, codes)
        self.assertEqual(len(codes) - codes.count(400), codes.count(429) + codes.count(503))

    def test_failures_from_one_address_do_not_lock_the_owner_out_from_another(self):
        for _ in range(10):
            self.assertEqual(
                password_attempt(self.server, self.app, "simon", "wrong", "127.0.0.2"), 400)
        self.assertEqual(password_attempt(self.server, self.app, "simon", "wrong", "127.0.0.2"), 429)
        self.assertEqual(password_attempt(self.server, self.app, "simon", PASSWORD, "127.0.0.3"),
                         200)

    def test_an_unknown_login_costs_what_a_wrong_password_costs(self):
        password_attempt(self.server, self.app, "nobody-warm-up", "x")  # first use of the pool
        pid = self.server.proc.pid

        def cost(username):
            before = cpu_seconds(pid)
            for _ in range(4):
                self.assertEqual(password_attempt(self.server, self.app, username, "wrong"), 400)
            return cpu_seconds(pid) - before

        wrong = cost("simon")
        unknown = cost("nobody@example.org")
        # Two argon2 runs for an unknown login, one for a wrong password,
        # told apart whether an e-mail is registered.
        self.assertLess(unknown, wrong * 1.5, f"unknown {unknown:.2f} s, wrong {wrong:.2f} s")
        self.assertLess(wrong, unknown * 1.5, f"unknown {unknown:.2f} s, wrong {wrong:.2f} s")

    def test_sign_ups_from_one_address_are_limited(self):
        status, _, app_token = self.server.request("POST", "/oauth/token", {
            "grant_type": "client_credentials", "client_id": self.app["client_id"],
            "client_secret": self.app["client_secret"], "scope": "read write"})
        self.assertEqual(status, 200, app_token)

        def sign_up(name, ip):
            return request_from(self.server, ip, "POST", "/api/v1/accounts", {
                "username": name, "email": name + "@example.org", "password": PASSWORD,
                "agreement": True}, app_token["access_token"])

        # A mistake is not counted.
        self.assertEqual(sign_up("simon", "127.0.0.5")[0], 422)
        for i in range(5):
            status, _, body = sign_up(f"wave{i}", "127.0.0.5")
            self.assertEqual(status, 200, body)
        status, _, body = sign_up("wave5", "127.0.0.5")
        self.assertEqual(status, 429, body)
        self.assertIn("error", body)
        self.assertEqual(self.server.request("GET", "/api/v1/accounts/lookup?acct=wave5")[0], 404)
        self.assertEqual(sign_up("wave5", "127.0.0.6")[0], 200)


class PostingBudget(unittest.TestCase):
    def test_posts_and_reposts_are_limited_per_account(self):
        server = Server(extra_args=["--statuses-per-account", "5"]).start()
        try:
            for name in ("poster", "other"):
                server.create_account(name)
            poster, other = server.token("poster"), server.token("other")
            ids = []
            for i in range(4):
                status, _, s = server.request("POST", "/api/v1/statuses", {"status": f"n{i}"},
                                              poster)
                self.assertEqual(status, 200, s)
                ids.append(s["id"])
            # Invalid posts do not count.
            self.assertEqual(server.request("POST", "/api/v1/statuses", {"status": "x" * 141},
                                            poster)[0], 422)
            _, _, theirs = server.request("POST", "/api/v1/statuses", {"status": "theirs"}, other)
            self.assertEqual(server.request("POST", f"/api/v1/statuses/{theirs['id']}/reblog",
                                            {}, poster)[0], 200)
            status, _, body = server.request("POST", "/api/v1/statuses", {"status": "one more"},
                                             poster)
            self.assertEqual(status, 429, body)
            self.assertEqual(body, {"error": "Too many requests"})
            self.assertEqual(server.request("POST", "/api/v1/statuses", {"status": "mine"},
                                            other)[0], 200)
        finally:
            server.cleanup()

    def test_the_default_budgets_are_mastodons(self):
        out = subprocess.run([harness.BINARY, "serve", "--help"], capture_output=True, text=True)
        self.assertRegex(out.stdout, r"--statuses-per-account INT=300\b")
        self.assertRegex(out.stdout, r"--signups-per-ip INT=5\b")


class Headers(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = Server().start()
        cls.server.create_account("alice")
        cls.server.create_account("bob")
        cls.alice = cls.server.token("alice")
        cls.bob = cls.server.token("bob")
        for i in range(3):
            cls.server.request("POST", "/api/v1/statuses", {"status": f"post {i}"}, cls.alice)

    @classmethod
    def tearDownClass(cls):
        cls.server.cleanup()

    def test_parameters_copied_into_the_link_header_are_encoded(self):
        evil = '1>; rel="next", <https://evil.example/x'
        for path in ("/api/v1/timelines/public?limit=1&local=" + urllib.parse.quote(evil),
                     "/api/v1/notifications?limit=1&types[]=" + urllib.parse.quote(evil),
                     "/api/v1/timelines/tag/x%3E%3Crel?limit=1"):
            status, headers, _ = self.server.request("GET", path, token=self.alice)
            link = headers.get("Link", "")
            if status != 200 or not link:
                continue
            targets = re.findall(r"<([^>]*)>", link)
            self.assertTrue(targets, link)
            for t in targets:
                self.assertTrue(t.startswith(self.server.base + "/api/v1/"), link)
            self.assertNotIn("evil.example/", link.replace("evil.example%2Fx", ""))
        status, headers, _ = self.server.request(
            "GET", "/api/v1/timelines/public?limit=1&local=" + urllib.parse.quote(evil))
        self.assertEqual(status, 200)
        targets = re.findall(r"<([^>]*)>", headers["Link"])
        self.assertEqual(len(targets), 2, headers["Link"])
        self.assertEqual(headers["Link"].count("rel="), 2, headers["Link"])

    def test_deleting_anothers_status_is_not_found(self):
        _, _, s = self.server.request("POST", "/api/v1/statuses", {"status": "mine"}, self.alice)
        status, _, body = self.server.request("DELETE", f"/api/v1/statuses/{s['id']}",
                                              token=self.bob)
        self.assertEqual(status, 404, body)
        self.assertEqual(self.server.request("GET", f"/api/v1/statuses/{s['id']}")[0], 200)

    def test_reblogging_your_own_followers_only_post_keeps_it_followers_only(self):
        _, _, s = self.server.request("POST", "/api/v1/statuses",
                                      {"status": "followers only", "visibility": "private"},
                                      self.alice)
        status, _, reblog = self.server.request("POST", f"/api/v1/statuses/{s['id']}/reblog",
                                                {"visibility": "public"}, self.alice)
        self.assertEqual(status, 200, reblog)
        self.assertEqual(reblog["visibility"], "private")
        # Not shown to others through the reblog.
        self.assertEqual(self.server.request("GET", f"/api/v1/statuses/{reblog['id']}",
                                             token=self.bob)[0], 404)
        alice = self.server.request("GET", "/api/v1/accounts/lookup?acct=alice")[2]["id"]
        _, _, listed = self.server.request("GET", f"/api/v1/accounts/{alice}/statuses",
                                           token=self.bob)
        self.assertNotIn(reblog["id"], [x["id"] for x in listed])

    def test_unknown_scopes_are_refused(self):
        status, _, body = self.server.request("POST", "/api/v1/apps", {
            "client_name": "x", "redirect_uris": "urn:ietf:wg:oauth:2.0:oob",
            "scopes": "read read:everything"})
        self.assertEqual(status, 422, body)
        app = new_app(self.server, "read write")
        status, _, body = self.server.request("POST", "/oauth/token", {
            "grant_type": "password", "client_id": app["client_id"],
            "client_secret": app["client_secret"], "username": "alice", "password": PASSWORD,
            "scope": "write:everything"})
        self.assertEqual(status, 400, body)
        self.assertEqual(body["error"], "invalid_scope")

    def test_apps_cannot_register_redirects_that_run_script(self):
        for uri in ("javascript:alert(document.domain)", "data:text/html,<script>x</script>",
                    "https://app.example/cb#x", "vbscript:msgbox"):
            status, _, body = self.server.request("POST", "/api/v1/apps", {
                "client_name": "x", "redirect_uris": uri, "scopes": "read"})
            self.assertEqual(status, 422, (uri, body))
        for uri in ("https://app.example/cb", "org.example.app:/oauth", "urn:ietf:wg:oauth:2.0:oob"):
            status, _, body = self.server.request("POST", "/api/v1/apps", {
                "client_name": "x", "redirect_uris": uri, "scopes": "read"})
            self.assertEqual(status, 200, (uri, body))

    def test_a_profile_keeps_mastodons_lengths(self):
        for field, limit in (("display_name", 30), ("note", 500)):
            status, _, body = self.server.request("PATCH", "/api/v1/accounts/update_credentials",
                                                  {field: "é" * (limit + 1)}, self.bob)
            self.assertEqual(status, 422, (field, body))
            status, _, me = self.server.request("PATCH", "/api/v1/accounts/update_credentials",
                                                {field: "é" * limit}, self.bob)
            self.assertEqual(status, 200, (field, me))

    def test_nul_characters_are_refused_in_text(self):
        for path, body in (("/api/v1/statuses", {"status": "a\u0000b"}),
                           ("/api/v1/accounts/update_credentials", {"display_name": "x\u0000y"})):
            method = "PATCH" if "update" in path else "POST"
            status, _, answer = self.server.request(method, path, body, self.bob)
            self.assertEqual(status, 422, (path, answer))
            self.assertIn("error", answer)
        _, _, me = self.server.request("GET", "/api/v1/accounts/verify_credentials",
                                       token=self.bob)
        self.assertNotIn("\u0000", me["display_name"])

    def test_the_api_answers_browsers_of_other_origins_as_mastodon_does(self):
        origin = {"Origin": "https://client.example"}
        status, headers, _ = self.server.request(
            "OPTIONS", "/api/v1/statuses", headers=dict(origin, **{
                "Access-Control-Request-Method": "POST",
                "Access-Control-Request-Headers": "authorization,content-type"}))
        self.assertEqual(status, 200)
        self.assertEqual(headers["Access-Control-Allow-Origin"], "*")
        self.assertIn("POST", headers["Access-Control-Allow-Methods"])
        self.assertEqual(headers["Access-Control-Allow-Headers"], "authorization,content-type")
        status, headers, _ = self.server.request("GET", "/api/v1/timelines/public?limit=1",
                                                 headers=origin)
        self.assertEqual(status, 200)
        self.assertEqual(headers["Access-Control-Allow-Origin"], "*")
        self.assertIn("Link", headers["Access-Control-Expose-Headers"])
        status, headers, _ = self.server.request(
            "OPTIONS", "/oauth/token", headers=dict(origin, **{
                "Access-Control-Request-Method": "POST"}))
        self.assertEqual(status, 200)
        self.assertEqual(headers["Access-Control-Allow-Origin"], "*")
        # Not for the web app's own pages, nor without an Origin.
        status, headers, _ = self.server.request("GET", "/api/v1/instance")
        self.assertNotIn("Access-Control-Allow-Origin", headers)


class DamagedStore(unittest.TestCase):
    def test_a_damaged_page_is_logged_and_the_server_goes_on_or_refuses_to_start(self):
        server = Server().start()
        server.create_account("alice")
        token = server.token("alice")
        for i in range(20):
            server.request("POST", "/api/v1/statuses", {"status": f"#tag{i} post {i}"}, token)
        server.stop()
        server.proc.stdout.close()
        db_path = os.path.join(server.data_dir, "piaf.db")
        db = sqlite3.connect(db_path)
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        page_size = db.execute("PRAGMA page_size").fetchone()[0]
        root = db.execute(
            "SELECT rootpage FROM sqlite_master WHERE name = 'status_tags'").fetchone()[0]
        db.close()
        with open(db_path, "r+b") as f:
            f.seek((root - 1) * page_size)
            f.write(b"\xff" * page_size)
        try:
            try:
                server.start()
            except RuntimeError as e:
                # Refusing to start is fine, with a message and not by a signal.
                self.assertGreater(server.proc.returncode, 0, str(e))
                self.assertRegex(str(e), "store|malformed|corrupt")
                return
            time.sleep(2)  # the trends load after the server answers
            self.assertIsNone(server.proc.poll(), "the server died")
            self.assertEqual(server.request("GET", "/api/v1/instance")[0], 200)
            self.assertEqual(server.request("GET", "/api/v1/accounts/lookup?acct=alice")[0], 200)
        finally:
            if server.proc.poll() is None:
                server.proc.send_signal(signal.SIGTERM)
            code = server.proc.wait(timeout=20)
            log = server.proc.stdout.read().decode()
            server.cleanup()
        self.assertEqual(code, 0, log)
        self.assertIn("damaged", log)


if __name__ == "__main__":
    unittest.main()
