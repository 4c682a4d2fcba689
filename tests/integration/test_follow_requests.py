"""Locked accounts and follow requests, through Mastodon.py and raw HTTP: a
follow of a locked account is a request until the account accepts it, and
until then nothing of its followers-only posts reaches the requester."""
import socket
import time
import unittest

from mastodon import Mastodon, MastodonNotFoundError

from harness import Server

PASSWORD = "correct horse battery"


class FollowRequests(unittest.TestCase):
    def setUp(self):
        self.server = Server().start()
        self.m = {}
        for name in ("alice", "bob", "carol"):
            self.server.create_account(name, password=PASSWORD)
            self.m[name] = Mastodon(access_token=self.server.token(name),
                                    api_base_url=self.server.base)
        self.ids = {name: m.me().id for name, m in self.m.items()}
        me = self.m["alice"].account_update_credentials(locked=True)
        self.assertTrue(me.locked)

    def tearDown(self):
        self.server.cleanup()

    def test_a_follow_of_a_locked_account_waits_for_its_approval(self):
        alice, bob = self.m["alice"], self.m["bob"]
        self.assertTrue(bob.account(self.ids["alice"]).locked)
        rel = bob.account_follow(self.ids["alice"])
        self.assertTrue(rel.requested)
        self.assertFalse(rel.following)
        self.assertTrue(alice.account_relationships(self.ids["bob"])[0].requested_by)
        self.assertEqual([a.id for a in alice.follow_requests()], [self.ids["bob"]])
        self.assertEqual(alice.account_verify_credentials().source.follow_requests_count, 1)
        self.assertEqual(alice.account(self.ids["alice"]).followers_count, 0)
        notes = alice.notifications()
        self.assertEqual(notes[0].type, "follow_request")
        self.assertEqual(notes[0].account.id, self.ids["bob"])

        secret = alice.status_post("pour mes abonnés", visibility="private")
        self.assertNotIn(secret.id, [s.id for s in bob.timeline_home()])
        with self.assertRaises(MastodonNotFoundError):
            bob.status(secret.id)
        self.assertNotIn(secret.id, [s.id for s in bob.account_statuses(self.ids["alice"])])

        rel = alice.follow_request_authorize(self.ids["bob"])
        self.assertTrue(rel.followed_by)
        self.assertEqual(alice.follow_requests(), [])
        rel = bob.account_relationships(self.ids["alice"])[0]
        self.assertTrue(rel.following)
        self.assertFalse(rel.requested)
        self.assertEqual(bob.status(secret.id).id, secret.id)
        after = alice.status_post("encore pour mes abonnés", visibility="private")
        self.assertIn(after.id, [s.id for s in bob.timeline_home()])

    def test_a_rejected_or_withdrawn_request_leaves_nothing(self):
        alice, bob, carol = self.m["alice"], self.m["bob"], self.m["carol"]
        bob.account_follow(self.ids["alice"])
        carol.account_follow(self.ids["alice"])
        self.assertEqual({a.id for a in alice.follow_requests()},
                         {self.ids["bob"], self.ids["carol"]})
        alice.follow_request_reject(self.ids["bob"])
        rel = bob.account_relationships(self.ids["alice"])[0]
        self.assertFalse(rel.following)
        self.assertFalse(rel.requested)
        carol.account_unfollow(self.ids["alice"])  # withdraws hers
        self.assertEqual(alice.follow_requests(), [])
        self.assertFalse(carol.account_relationships(self.ids["alice"])[0].requested)
        status, _, body = self.server.request(
            "POST", f"/api/v1/follow_requests/{self.ids['bob']}/authorize",
            token=alice.access_token)
        self.assertEqual(status, 404, body)

    def test_unlocking_accepts_the_requests_waiting(self):
        alice, bob = self.m["alice"], self.m["bob"]
        bob.account_follow(self.ids["alice"])
        me = alice.account_update_credentials(locked=False)
        self.assertFalse(me.locked)
        self.assertTrue(bob.account_relationships(self.ids["alice"])[0].following)
        self.assertEqual(alice.follow_requests(), [])

    def test_a_block_ends_a_request_and_refuses_a_new_one(self):
        alice, bob = self.m["alice"], self.m["bob"]
        bob.account_follow(self.ids["alice"])
        alice.account_block(self.ids["bob"])
        self.assertEqual(alice.follow_requests(), [])
        alice.account_unblock(self.ids["bob"])
        self.assertFalse(bob.account_relationships(self.ids["alice"])[0].requested)

    def test_a_pending_followers_stream_gets_no_followers_only_post(self):
        alice = self.m["alice"]
        self.m["bob"].account_follow(self.ids["alice"])
        sock = socket.create_connection(("127.0.0.1", self.server.port), timeout=10)
        try:
            sock.sendall(b"GET /api/v1/streaming/user HTTP/1.1\r\nHost: x\r\nAuthorization: "
                         b"Bearer " + self.m["bob"].access_token.encode() + b"\r\n\r\n")
            received = sock.recv(4096)
            self.assertIn(b"200 OK", received)
            alice.status_post("pendant la demande", visibility="private")
            alice.status_post("en public pendant la demande")
            sock.settimeout(0.5)
            deadline = time.time() + 3
            while time.time() < deadline:
                try:
                    received += sock.recv(65536)
                except socket.timeout:
                    pass
            # Not even the public one: bob does not follow alice yet.
            self.assertNotIn("pendant la demande".encode(), received)
            self.assertNotIn(b"en public", received)
        finally:
            sock.close()

    def test_errors(self):
        token = self.m["alice"].access_token
        self.assertEqual(self.server.request("GET", "/api/v1/follow_requests")[0], 401)
        self.assertEqual(self.server.request(
            "POST", "/api/v1/follow_requests/123/reject", token=token)[0], 404)
        self.assertEqual(self.server.request(
            "POST", "/api/v1/follow_requests/abc/authorize", token=token)[0], 404)
        status, _, body = self.server.request("PATCH", "/api/v1/accounts/update_credentials",
                                              {"locked": "maybe"}, token)
        self.assertEqual(status, 400, body)
        read_only = self.server.token("carol", scopes="read")
        self.assertEqual(self.server.request(
            "POST", f"/api/v1/follow_requests/{self.ids['bob']}/authorize",
            token=read_only)[0], 403)


if __name__ == "__main__":
    unittest.main()
