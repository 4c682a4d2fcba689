"""Direct conversations (issue 26) through `piaf serve`: Mastodon.py
(conversations, conversations_read, stream_direct over SSE), npm masto's
`direct` stream over a WebSocket, and raw HTTP for the answers, the paging
and the errors as docs.joinmastodon.org/methods/conversations gives them.
A direct message reaches its author and the accounts it mentions only,
through every listing and stream."""
import json
import os
import queue
import subprocess
import threading
import time
import unittest

from mastodon import Mastodon, MastodonNetworkError, MastodonNotFoundError, StreamListener

from harness import Server

HERE = os.path.dirname(os.path.abspath(__file__))

_default_hook = threading.excepthook
threading.excepthook = lambda a: None if issubclass(a.exc_type, MastodonNetworkError) else _default_hook(a)


class Collector(StreamListener):
    def __init__(self):
        self.events = queue.Queue()

    def on_conversation(self, conversation):
        self.events.put(("conversation", conversation))

    def on_update(self, status):
        self.events.put(("update", status))


def drain(events, timeout):
    out = []
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            out.append(events.get(timeout=0.05))
        except queue.Empty:
            pass
    return out


class Conversations(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = Server().start()
        cls.ids, cls.tokens, cls.m = {}, {}, {}
        for name in ("alice", "bob", "carol", "dave", "erin", "frank", "gus"):
            cls.server.create_account(name)
            cls.tokens[name] = cls.server.token(name)
            cls.m[name] = Mastodon(access_token=cls.tokens[name], api_base_url=cls.server.base)
            cls.ids[name] = str(cls.m[name].account_verify_credentials()["id"])

    @classmethod
    def tearDownClass(cls):
        cls.server.cleanup()

    def call(self, method, path, who=None, body=None, token=None):
        return self.server.request(method, path, body, token or (self.tokens[who] if who else None))

    def post(self, who, text, visibility="direct", reply_to=None):
        body = {"status": text, "visibility": visibility}
        if reply_to:
            body["in_reply_to_id"] = reply_to
        status, _, answer = self.call("POST", "/api/v1/statuses", who, body)
        self.assertEqual(status, 200, answer)
        return answer["id"]

    def conversations(self, who, query=""):
        status, headers, body = self.call("GET", "/api/v1/conversations" + query, who)
        self.assertEqual(status, 200, body)
        return body, headers.get("Link", "")

    def test_a_direct_message_makes_a_conversation_for_its_author_and_each_recipient(self):
        dm = self.post("alice", "@bob un secret")
        mine = self.m["alice"].conversations()
        theirs = self.m["bob"].conversations()
        self.assertEqual(len(mine), 1)
        self.assertEqual(len(theirs), 1)
        self.assertEqual(str(mine[0]["last_status"]["id"]), dm)
        self.assertFalse(mine[0]["unread"])  # the author's own message
        self.assertTrue(theirs[0]["unread"])
        self.assertEqual([a["acct"] for a in mine[0]["accounts"]], ["bob"])  # the others
        self.assertEqual([a["acct"] for a in theirs[0]["accounts"]], ["alice"])
        self.assertNotEqual(mine[0]["id"], theirs[0]["id"])  # each participant's own
        raw, _ = self.conversations("bob")
        self.assertEqual(set(raw[0]), {"id", "unread", "accounts", "last_status"})
        self.assertIsInstance(raw[0]["id"], str)
        self.assertEqual(raw[0]["last_status"]["visibility"], "direct")
        self.assertEqual(self.m["carol"].conversations(), [])  # not mentioned

    def test_a_reply_joins_the_conversation_marks_it_unread_and_brings_it_first(self):
        first = self.post("carol", "@dave on se voit ?")
        other = self.post("carol", "@erin autre sujet")
        self.m["dave"].conversations_read(self.m["dave"].conversations()[0]["id"])
        reply = self.post("dave", "@carol oui, demain", reply_to=first)
        carols, _ = self.conversations("carol")
        self.assertEqual([c["last_status"]["id"] for c in carols], [reply, other])
        self.assertTrue(carols[0]["unread"])  # dave answered
        self.assertFalse(carols[1]["unread"])
        daves, _ = self.conversations("dave")
        self.assertEqual(len(daves), 1)  # the reply joined the same conversation
        self.assertEqual(daves[0]["last_status"]["id"], reply)
        self.assertFalse(daves[0]["unread"])  # dave wrote the last one

    def test_reading_marks_it_read_and_answers_the_conversation(self):
        self.post("erin", "@frank lis-moi")
        conv = self.m["frank"].conversations()[0]
        self.assertTrue(conv["unread"])
        answer = self.m["frank"].conversations_read(conv["id"])
        self.assertEqual(answer["id"], conv["id"])
        self.assertFalse(answer["unread"])
        self.assertFalse(self.m["frank"].conversations()[0]["unread"])
        # Not one's own, or no such conversation: 404.
        erins = self.m["erin"].conversations()[0]["id"]
        status, _, body = self.call("POST", f"/api/v1/conversations/{erins}/read", "frank")
        self.assertEqual((status, body), (404, {"error": "Record not found"}))
        with self.assertRaises(MastodonNotFoundError):
            self.m["frank"].conversations_read(123456)

    def test_removing_a_conversation_removes_it_for_the_viewer_only(self):
        dm = self.post("gus", "@alice à effacer")

        def holding(who):
            return [c for c in self.conversations(who)[0] if c["last_status"]["id"] == dm]

        gus = holding("gus")[0]
        status, _, body = self.call("DELETE", f"/api/v1/conversations/{gus['id']}", "gus")
        self.assertEqual((status, body), (200, {}))
        self.assertEqual(holding("gus"), [])
        self.assertEqual(len(holding("alice")), 1)  # alice keeps hers
        status, _, _ = self.call("DELETE", f"/api/v1/conversations/{gus['id']}", "gus")
        self.assertEqual(status, 404)
        alices = holding("alice")[0]["id"]
        status, _, _ = self.call("DELETE", f"/api/v1/conversations/{alices}", "bob")
        self.assertEqual(status, 404)  # another's
        self.assertEqual(len(holding("alice")), 1)
        # A new message in the thread brings it back, as Mastodon's does.
        self.post("alice", "@gus non", reply_to=dm)
        self.assertEqual(len([c for c in self.conversations("gus")[0]
                              if c["last_status"]["in_reply_to_id"] == dm]), 1)

    def test_deleting_a_message_moves_the_conversation_back_to_the_one_before(self):
        server = Server().start()
        try:
            for name in ("ann", "ben"):
                server.create_account(name)
            ann, ben = server.token("ann"), server.token("ben")
            _, _, one = server.request("POST", "/api/v1/statuses",
                                       {"status": "@ben un", "visibility": "direct"}, ann)
            _, _, two = server.request("POST", "/api/v1/statuses",
                                       {"status": "@ann deux", "visibility": "direct",
                                        "in_reply_to_id": one["id"]}, ben)
            _, _, convs = server.request("GET", "/api/v1/conversations", token=ann)
            self.assertEqual(convs[0]["last_status"]["id"], two["id"])
            self.assertEqual(server.request("DELETE", f"/api/v1/statuses/{two['id']}", token=ben)[0], 200)
            _, _, convs = server.request("GET", "/api/v1/conversations", token=ann)
            self.assertEqual([c["last_status"]["id"] for c in convs], [one["id"]])
            self.assertEqual(server.request("DELETE", f"/api/v1/statuses/{one['id']}", token=ann)[0], 200)
            for token in (ann, ben):
                self.assertEqual(server.request("GET", "/api/v1/conversations", token=token)[2], [])
        finally:
            server.cleanup()

    def test_conversations_are_paged_by_their_last_status_with_a_link(self):
        server = Server().start()
        try:
            for name in ("pia", "quinn"):
                server.create_account(name)
            pia = server.token("pia")
            posted = []
            for i in range(5):
                _, _, s = server.request("POST", "/api/v1/statuses",
                                         {"status": f"@quinn fil {i}", "visibility": "direct"}, pia)
                posted.append(s["id"])
            status, headers, page = server.request("GET", "/api/v1/conversations?limit=2", token=pia)
            self.assertEqual([c["last_status"]["id"] for c in page], posted[:-3:-1])
            link = headers["Link"]
            self.assertIn(f"max_id={posted[3]}", link)
            self.assertIn(f"min_id={posted[4]}", link)
            _, _, older = server.request("GET", f"/api/v1/conversations?limit=2&max_id={posted[3]}",
                                         token=pia)
            self.assertEqual([c["last_status"]["id"] for c in older], [posted[2], posted[1]])
            _, _, newer = server.request("GET", f"/api/v1/conversations?limit=2&min_id={posted[1]}",
                                         token=pia)
            self.assertEqual([c["last_status"]["id"] for c in newer], [posted[3], posted[2]])
            _, _, since = server.request("GET", f"/api/v1/conversations?since_id={posted[2]}",
                                         token=pia)
            self.assertEqual([c["last_status"]["id"] for c in since], [posted[4], posted[3]])
        finally:
            server.cleanup()

    def test_errors_are_mastodons(self):
        self.assertEqual(self.call("GET", "/api/v1/conversations")[0], 401)
        read_only = self.server.token("bob", scopes="read")
        self.assertEqual(self.call("GET", "/api/v1/conversations", token=read_only)[0], 200)
        conv = self.conversations("bob")[0]
        if conv:
            self.assertEqual(self.call("POST", f"/api/v1/conversations/{conv[0]['id']}/read",
                                       token=read_only)[0], 403)
        self.assertEqual(self.call("DELETE", "/api/v1/conversations/nope", "bob")[0], 404)
        self.assertEqual(self.call("GET", "/api/v1/conversations?limit=x", "bob")[0], 400)

    def test_a_recipient_that_blocks_or_mutes_the_author_gets_no_conversation(self):
        server = Server().start()
        try:
            for name in ("una", "vic", "wen"):
                server.create_account(name)
            una, vic, wen = (server.token(n) for n in ("una", "vic", "wen"))
            una_id = server.request("GET", "/api/v1/accounts/verify_credentials", token=una)[2]["id"]
            server.request("POST", f"/api/v1/accounts/{una_id}/block", token=vic)
            server.request("POST", f"/api/v1/accounts/{una_id}/mute", token=wen)
            server.request("POST", "/api/v1/statuses", {"status": "@vic @wen coucou",
                                                        "visibility": "direct"}, una)
            self.assertEqual(server.request("GET", "/api/v1/conversations", token=vic)[2], [])
            self.assertEqual(server.request("GET", "/api/v1/conversations", token=wen)[2], [])
            mine = server.request("GET", "/api/v1/conversations", token=una)[2]
            self.assertEqual(len(mine), 1)
            self.assertEqual(sorted(a["acct"] for a in mine[0]["accounts"]), ["vic", "wen"])
        finally:
            server.cleanup()

    def test_a_direct_message_reaches_its_participants_only_through_every_listing(self):
        # carol follows alice; only bob is mentioned.
        self.m["carol"].account_follow(self.ids["alice"])
        self.m["bob"].account_follow(self.ids["alice"])
        dm = self.post("alice", "@bob rien que pour toi #secretpiaf")
        for who in ("carol", None):
            for path in ("/api/v1/timelines/public", "/api/v1/timelines/public?local=true",
                         "/api/v1/timelines/tag/secretpiaf",
                         f"/api/v1/accounts/{self.ids['alice']}/statuses"):
                status, _, body = self.call("GET", path, who)
                self.assertEqual(status, 200, (path, body))
                self.assertNotIn(dm, [s["id"] for s in body], (who, path))
            self.assertEqual(self.call("GET", f"/api/v1/statuses/{dm}", who)[0], 404)
            self.assertEqual(self.call("GET", f"/api/v1/statuses/{dm}/context", who)[0], 404)
        _, _, home = self.call("GET", "/api/v1/timelines/home", "carol")
        self.assertNotIn(dm, [s["id"] for s in home])
        _, _, found = self.call("GET", "/api/v2/search?q=secretpiaf&type=statuses", "carol")
        self.assertNotIn(dm, [s["id"] for s in found["statuses"]])
        _, _, notes = self.call("GET", "/api/v1/notifications", "carol")
        self.assertNotIn(dm, [n.get("status", {}).get("id") for n in notes])
        self.assertEqual(self.call("GET", f"/api/v1/statuses/{dm}", "bob")[0], 200)
        self.assertIn(dm, [c["last_status"]["id"] for c in self.conversations("bob")[0]])

    def test_the_direct_stream_sends_conversation_events_to_participants_only_over_sse(self):
        bob, carol = Collector(), Collector()
        handles = [self.m["bob"].stream_direct(bob, run_async=True),
                   self.m["carol"].stream_direct(carol, run_async=True),
                   self.m["carol"].stream_user(carol, run_async=True)]
        try:
            time.sleep(0.5)
            self.m["carol"].account_follow(self.ids["dave"])
            dm = self.post("dave", "@bob par le flux direct")
            got = None
            deadline = time.time() + 5
            while time.time() < deadline and not got:
                try:
                    kind, payload = bob.events.get(timeout=0.1)
                except queue.Empty:
                    continue
                if kind == "conversation" and str(payload["last_status"]["id"]) == dm:
                    got = payload
            self.assertIsNotNone(got, "no conversation event for bob")
            self.assertTrue(got["unread"])
            self.assertEqual([a["acct"] for a in got["accounts"]], ["dave"])
            leaked = [e for e in drain(carol.events, 1.0)
                      if str((e[1].get("last_status") or e[1]).get("id")) == dm]
            self.assertEqual(leaked, [])  # neither its conversation nor its update
        finally:
            for h in handles:
                h.close()

    def test_masto_gets_the_conversation_on_its_direct_stream_over_a_websocket(self):
        proc = subprocess.Popen(
            [os.path.join(HERE, "js", "run.sh"), "masto_direct.js", self.server.base,
             self.tokens["erin"]],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        lines = queue.Queue()
        threading.Thread(target=lambda: [lines.put(json.loads(l)) for l in proc.stdout],
                         daemon=True).start()
        try:
            seen, delivered, posted = [], None, []
            deadline = time.time() + 60
            while not delivered and time.time() < deadline and proc.poll() is None:
                posted.append(self.post("frank", "@erin par websocket"))
                posted.append(self.post("gus", "@alice pas pour erin"))  # must not reach erin
                end = time.time() + 0.5
                while time.time() < end and not delivered:
                    try:
                        e = lines.get(timeout=0.1)
                    except queue.Empty:
                        continue
                    seen.append(e)
                    self.assertNotIn("error", e, seen)
                    if e["stream"] == "direct" and e["last_status_id"] in posted:
                        delivered = e
            self.assertIsNotNone(delivered, "masto: %s" % seen[:5])
            self.assertEqual(delivered["event"], "conversation")
            self.assertTrue(delivered["unread"])
            self.assertEqual(delivered["accounts"], ["frank"])
            time.sleep(0.5)
            while not lines.empty():
                seen.append(lines.get())
            # Only erin's own conversations (with frank) came; not gus's with alice.
            self.assertTrue(all(e["accounts"] == ["frank"] for e in seen
                                if e["stream"] == "direct"), seen)
            # Nothing direct goes to the public stream.
            self.assertEqual([e for e in seen if e["stream"] == "public" and e["id"] in posted], [])
            self.assertIsNone(proc.poll())
        finally:
            proc.kill()
            proc.wait()


if __name__ == "__main__":
    unittest.main()
