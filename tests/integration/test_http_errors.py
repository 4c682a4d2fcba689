"""Error paths at the HTTP level: every one answers {"error": ...} with the
right status and JSON content type, and nothing malformed crashes the server
or corrupts the store."""
import json
import socket
import unittest

from harness import Server


class HttpErrors(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = Server().start()
        cls.server.create_account("alice")
        cls.server.create_account("bob")
        cls.alice = cls.server.token("alice")
        cls.bob = cls.server.token("bob")
        cls.read_only = cls.server.token("alice", scopes="read")

    @classmethod
    def tearDownClass(cls):
        cls.server.cleanup()

    def expect(self, status, method, path, body=None, token=None, **kw):
        code, headers, payload = self.server.request(method, path, body, token, **kw)
        self.assertEqual(code, status, payload)
        self.assertTrue(headers.get("Content-Type", "").startswith("application/json"), headers)
        if status >= 400:
            self.assertIsInstance(payload, dict)
            self.assertIsInstance(payload.get("error"), str)
        return payload

    def test_authentication_and_scopes(self):
        self.expect(401, "GET", "/api/v1/timelines/home")
        self.expect(401, "GET", "/api/v1/timelines/home", token="not-a-token")
        self.expect(401, "GET", "/api/v1/instance", token="not-a-token")
        self.expect(403, "POST", "/api/v1/statuses", {"status": "hi"}, token=self.read_only)
        self.expect(200, "GET", "/api/v1/timelines/home", token=self.read_only)

    def test_bad_bodies(self):
        self.expect(400, "POST", "/api/v1/statuses", b"{not json", token=self.alice)
        self.expect(400, "POST", "/api/v1/statuses", b"[1,2]", token=self.alice)
        self.expect(400, "POST", "/api/v1/statuses", b"\xff\xfe", token=self.alice,
                    content_type="application/x-www-form-urlencoded")
        self.expect(400, "POST", "/api/v1/statuses", b"status=%ZZ", token=self.alice,
                    content_type="application/x-www-form-urlencoded")
        self.expect(400, "POST", "/api/v1/statuses", b"x", token=self.alice, content_type="text/xml")

    def test_validation(self):
        self.expect(422, "POST", "/api/v1/statuses", {}, token=self.alice)
        self.expect(422, "POST", "/api/v1/statuses", {"status": "   "}, token=self.alice)
        error = self.expect(422, "POST", "/api/v1/statuses", {"status": "x" * 141}, token=self.alice)
        self.assertIn("140", error["error"])
        self.expect(200, "POST", "/api/v1/statuses", {"status": "x" * 140}, token=self.alice)
        self.expect(422, "POST", "/api/v1/statuses", {"status": "hi", "visibility": "secret"},
                    token=self.alice)
        self.expect(400, "GET", "/api/v1/timelines/home?limit=abc", token=self.alice)
        self.expect(400, "GET", "/api/v1/timelines/home?max_id=-5", token=self.alice)
        self.expect(422, "POST", "/api/v1/apps", {"redirect_uris": "urn:ietf:wg:oauth:2.0:oob"})
        me = self.expect(200, "GET", "/api/v1/accounts/verify_credentials", token=self.alice)
        self.expect(422, "POST", f"/api/v1/accounts/{me['id']}/follow", token=self.alice)

    def test_unknown_and_foreign_ids(self):
        self.expect(404, "GET", "/api/v1/statuses/123")
        self.expect(404, "GET", "/api/v1/statuses/abc")
        self.expect(404, "GET", "/api/v1/statuses/99999999999999999999999")
        self.expect(404, "GET", "/api/v1/accounts/123")
        self.expect(404, "POST", "/api/v1/statuses/123/favourite", token=self.alice)
        self.expect(404, "POST", "/api/v1/statuses", {"status": "hi", "in_reply_to_id": "123"},
                    token=self.alice)
        self.expect(404, "GET", "/api/v1/no/such/endpoint")
        self.expect(405, "PUT", "/api/v1/instance")
        post = self.expect(200, "POST", "/api/v1/statuses", {"status": "à moi"}, token=self.alice)
        self.expect(404, "DELETE", f"/api/v1/statuses/{post['id']}", token=self.bob)
        secret = self.expect(200, "POST", "/api/v1/statuses",
                             {"status": "privé", "visibility": "direct"}, token=self.alice)
        self.expect(404, "GET", f"/api/v1/statuses/{secret['id']}", token=self.bob)
        self.expect(404, "DELETE", f"/api/v1/statuses/{secret['id']}", token=self.bob)
        self.expect(404, "GET", f"/api/v1/statuses/{secret['id']}/context", token=self.bob)

    def test_oauth_errors(self):
        err = self.expect(401, "POST", "/oauth/token", {"grant_type": "password", "client_id": "x",
                                                         "client_secret": "y"})
        self.assertEqual(err["error"], "invalid_client")
        app = self.expect(200, "POST", "/api/v1/apps", {"client_name": "t", "scopes": "read"})
        err = self.expect(400, "POST", "/oauth/token", {
            "grant_type": "password", "client_id": app["client_id"],
            "client_secret": app["client_secret"], "username": "alice", "password": "wrong"})
        self.assertEqual(err["error"], "invalid_grant")
        err = self.expect(400, "POST", "/oauth/token", {
            "grant_type": "password", "client_id": app["client_id"],
            "client_secret": app["client_secret"], "username": "alice",
            "password": "correct horse battery", "scope": "write"})
        self.assertEqual(err["error"], "invalid_scope")
        err = self.expect(400, "POST", "/oauth/token", {"grant_type": "magic"})
        self.assertEqual(err["error"], "unsupported_grant_type")

    def test_tokens_are_revoked(self):
        app = self.expect(200, "POST", "/api/v1/apps", {"client_name": "t", "scopes": "read"})
        tok = self.expect(200, "POST", "/oauth/token", {
            "grant_type": "password", "client_id": app["client_id"],
            "client_secret": app["client_secret"], "username": "bob",
            "password": "correct horse battery"})
        self.assertEqual(tok["scope"], "read")
        self.expect(200, "GET", "/api/v1/accounts/verify_credentials", token=tok["access_token"])
        self.expect(200, "POST", "/oauth/revoke", {"client_id": app["client_id"],
                                                    "client_secret": app["client_secret"],
                                                    "token": tok["access_token"]})
        self.expect(401, "GET", "/api/v1/accounts/verify_credentials", token=tok["access_token"])

    def test_malformed_http_does_not_hurt_the_server(self):
        for raw in [b"GARBAGE\r\n\r\n", b"GET / HTTP/1.1\r\nContent-Length: -1\r\n\r\n",
                    b"POST /api/v1/statuses HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999\r\n\r\n",
                    b"\x00\x01\x02\r\n\r\n"]:
            with socket.create_connection(("127.0.0.1", self.server.port), timeout=5) as s:
                s.sendall(raw)
                try:
                    s.recv(4096)
                except OSError:
                    pass
        self.expect(200, "GET", "/api/v1/instance")

    def test_pagination_link_header(self):
        for i in range(5):
            self.expect(200, "POST", "/api/v1/statuses", {"status": f"page {i}"}, token=self.bob)
        code, headers, page = self.server.request("GET", "/api/v1/accounts/lookup?acct=bob")
        bob_id = page["id"]
        code, headers, page = self.server.request(
            "GET", f"/api/v1/accounts/{bob_id}/statuses?limit=2", token=self.bob)
        self.assertEqual(len(page), 2)
        link = headers["Link"]
        self.assertRegex(link, r'^<http://127\.0\.0\.1:\d+/api/v1/accounts/\d+/statuses\?limit=2&max_id=\d+>; rel="next", <[^>]+min_id=\d+>; rel="prev"$')
        code, headers, empty = self.server.request(
            "GET", f"/api/v1/accounts/{bob_id}/statuses?limit=2&max_id=1", token=self.bob)
        self.assertEqual(empty, [])
        self.assertNotIn("Link", headers)


if __name__ == "__main__":
    unittest.main()
