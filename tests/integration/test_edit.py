"""Editing a post (issue 26; Mastodon 4: docs.joinmastodon.org/methods/statuses#edit,
#history, #source) through `piaf serve`: Debian's Mastodon.py (status_update,
status_history, status_source), raw HTTP for the errors, and npm masto over
WebSocket for the `status.update` event."""
import json
import os
import queue
import subprocess
import threading
import time
import unittest
import urllib.parse

from mastodon import Mastodon, MastodonAPIError, MastodonNotFoundError

from harness import Server

HERE = os.path.dirname(os.path.abspath(__file__))


class EditingPosts(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = Server().start()
        names = ("alice", "bob", "carol", "dave")
        for name in names:
            cls.server.create_account(name)
        cls.tokens = {n: cls.server.token(n) for n in names}
        cls.m = {n: Mastodon(access_token=t, api_base_url=cls.server.base)
                 for n, t in cls.tokens.items()}
        cls.ids = {n: cls.m[n].account_verify_credentials()["id"] for n in names}
        cls.m["bob"].account_follow(cls.ids["alice"])

    @classmethod
    def tearDownClass(cls):
        cls.server.cleanup()

    def call(self, method, path, who=None, body=None):
        return self.server.request(method, path, body, self.tokens[who] if who else None)

    def home(self, who):
        _, _, body = self.call("GET", "/api/v1/timelines/home?limit=40", who)
        return {s["id"]: s for s in body}

    def test_an_edit_of_a_post_with_photos_keeps_them_when_the_app_sends_them_back(self):
        alice = self.m["alice"]
        here = os.path.dirname(os.path.abspath(__file__))
        photo = alice.media_post(os.path.join(here, "media", "alpha.png"), description="a square",
                                 synchronous=True)
        post = alice.status_post("avec une photo", media_ids=[photo["id"]])
        # What Mastodon apps do: the same media_ids back with the new text.
        edited = alice.status_update(post["id"], "avec une photo, corrigé", media_ids=[photo["id"]])
        self.assertEqual(edited["content"], "<p>avec une photo, corrigé</p>")
        self.assertEqual([m["id"] for m in edited["media_attachments"]], [photo["id"]])
        self.assertIsNotNone(edited["edited_at"])
        # Without media_ids the photos stay too; another set is refused.
        self.assertEqual(len(alice.status_update(post["id"], "sans ids")["media_attachments"]), 1)
        other = alice.media_post(os.path.join(here, "media", "photo.webp"), synchronous=True)
        with self.assertRaises(MastodonAPIError) as e:
            alice.status_update(post["id"], "autre photo", media_ids=[other["id"]])
        self.assertEqual(e.exception.args[1], 422)
        self.assertEqual(alice.status(post["id"])["content"], "<p>sans ids</p>")

    def test_an_edit_changes_the_text_everywhere_the_post_shows(self):
        post = self.m["alice"].status_post("Avant l'orage #ancien @carol")
        self.assertIsNone(post["edited_at"])
        # Read once, so that its shared rendered JSON is in memory.
        self.assertIn("orage", self.home("bob")[str(post["id"])]["content"])
        self.call("GET", "/api/v1/timelines/tag/ancien")
        edited = self.m["alice"].status_update(post["id"], "Après la pluie #nouveau @dave")
        self.assertEqual(edited["id"], post["id"])
        self.assertIn("Après la pluie", edited["content"])
        self.assertIsNotNone(edited["edited_at"])
        self.assertEqual(edited["created_at"], post["created_at"])
        self.assertEqual([t["name"] for t in edited["tags"]], ["nouveau"])
        self.assertEqual([m["username"] for m in edited["mentions"]], ["dave"])
        seen = self.home("bob")[str(post["id"])]
        self.assertIn("Après la pluie", seen["content"])
        self.assertNotIn("orage", seen["content"])
        self.assertIsNotNone(seen["edited_at"])
        _, _, anonymous = self.call("GET", f"/api/v1/statuses/{post['id']}")
        self.assertIn("Après la pluie", anonymous["content"])
        _, _, old_tag = self.call("GET", "/api/v1/timelines/tag/ancien")
        _, _, new_tag = self.call("GET", "/api/v1/timelines/tag/nouveau")
        self.assertNotIn(str(post["id"]), [s["id"] for s in old_tag])
        self.assertIn(str(post["id"]), [s["id"] for s in new_tag])
        # The full-text index follows the new text.
        found = self.m["bob"].search_v2("pluie", result_type="statuses")["statuses"]
        self.assertIn(post["id"], [s["id"] for s in found])
        gone = self.m["bob"].search_v2("orage", result_type="statuses")["statuses"]
        self.assertNotIn(post["id"], [s["id"] for s in gone])
        # A reblog shows the new text too.
        reblog = self.m["dave"].status_reblog(post["id"])
        self.m["alice"].status_update(post["id"], "Encore changé #nouveau")
        _, _, wrapper = self.call("GET", f"/api/v1/statuses/{reblog['id']}", "bob")
        self.assertIn("Encore changé", wrapper["reblog"]["content"])
        self.assertIsNotNone(wrapper["reblog"]["edited_at"])

    def test_history_lists_every_version_oldest_first_and_source_gives_the_text(self):
        post = self.m["alice"].status_post("première version", spoiler_text="attention")
        history = self.m["bob"].status_history(post["id"])
        self.assertEqual(len(history), 1)  # never edited: the original alone
        self.assertIn("première version", history[0]["content"])
        self.m["alice"].status_update(post["id"], "deuxième version", spoiler_text="")
        time.sleep(0.01)
        self.m["alice"].status_update(post["id"], "troisième version", spoiler_text="cw")
        history = self.m["bob"].status_history(post["id"])
        self.assertEqual([("version" in h["content"]) for h in history], [True] * 3)
        self.assertEqual([h["content"].split(" ")[0][3:] for h in history],
                         ["première", "deuxième", "troisième"])
        self.assertEqual([h["spoiler_text"] for h in history], ["attention", "", "cw"])
        self.assertEqual([h["sensitive"] for h in history], [True, False, True])
        self.assertEqual(history[0]["created_at"], post["created_at"])
        self.assertLessEqual(history[1]["created_at"], history[2]["created_at"])
        self.assertEqual({h["account"]["id"] for h in history}, {self.ids["alice"]})
        source = self.m["alice"].status_source(post["id"])
        self.assertEqual((source["id"], source["text"], source["spoiler_text"]),
                         (post["id"], "troisième version", "cw"))
        # Only its author reads its source.
        with self.assertRaises(MastodonNotFoundError):
            self.m["bob"].status_source(post["id"])
        # Sending the same again makes no new version.
        self.m["alice"].status_update(post["id"], "troisième version", spoiler_text="cw")
        self.assertEqual(len(self.m["bob"].status_history(post["id"])), 3)

    def test_the_length_limit_applies_to_the_edit_as_to_a_new_post(self):
        post = self.m["alice"].status_post("court")
        status, _, body = self.call("PUT", f"/api/v1/statuses/{post['id']}", "alice",
                                    {"status": "a" * 141})
        self.assertEqual(status, 422, body)
        self.assertIn("too long", body["error"])
        # A URL counts 23 characters, as when posting.
        text = "b" * 116 + " https://example.org/" + "x" * 60
        self.assertEqual(self.m["alice"].status_post(text)["id"] > 0, True)
        edited = self.m["alice"].status_update(post["id"], text)
        self.assertIn("bbbb", edited["content"])
        for blank in ("", "   "):
            status, _, body = self.call("PUT", f"/api/v1/statuses/{post['id']}", "alice",
                                        {"status": blank})
            self.assertEqual(status, 422, body)
        status, _, body = self.call("PUT", f"/api/v1/statuses/{post['id']}", "alice", {})
        self.assertEqual(status, 422, body)

    def test_only_the_author_edits_and_a_reblog_cannot_be_edited(self):
        post = self.m["alice"].status_post("à moi")
        status, _, body = self.call("PUT", f"/api/v1/statuses/{post['id']}", "bob",
                                    {"status": "à toi"})
        self.assertEqual((status, body), (404, {"error": "Record not found"}))
        status, _, body = self.call("PUT", f"/api/v1/statuses/{post['id']}", None,
                                    {"status": "anonyme"})
        self.assertEqual(status, 401, body)
        reader = self.server.token("alice", scopes="read")
        status, _, body = self.server.request("PUT", f"/api/v1/statuses/{post['id']}",
                                              {"status": "lecture"}, reader)
        self.assertEqual(status, 403, body)
        for bad in ("999999999999", "abc"):
            status, _, body = self.call("PUT", f"/api/v1/statuses/{bad}", "alice", {"status": "x"})
            self.assertEqual(status, 404, body)
            for what in ("history", "source"):
                status, _, body = self.call("GET", f"/api/v1/statuses/{bad}/{what}", "alice")
                self.assertEqual(status, 404, body)
        reblog = self.m["alice"].status_reblog(self.m["bob"].status_post("de bob")["id"])
        status, _, body = self.call("PUT", f"/api/v1/statuses/{reblog['id']}", "alice",
                                    {"status": "réécrit"})
        self.assertEqual(status, 403, body)
        self.assertIsInstance(body["error"], str)
        self.assertEqual(self.m["alice"].status(post["id"])["edited_at"], None)

    def test_those_who_reblogged_get_the_update_notification(self):
        post = self.m["alice"].status_post("à partager")
        self.m["bob"].status_reblog(post["id"])
        self.m["carol"].status_favourite(post["id"])
        self.m["alice"].status_update(post["id"], "à partager, corrigé")

        def updates(who):
            return [n for n in self.m[who].notifications(types=["update"])
                    if n["status"]["id"] == post["id"]]
        got = updates("bob")
        self.assertEqual(len(got), 1)
        self.assertEqual(got[0]["account"]["id"], self.ids["alice"])
        self.assertIn("corrigé", got[0]["status"]["content"])
        self.assertEqual(updates("carol"), [])  # a favourite is not a reblog
        self.assertEqual(updates("alice"), [])

    def test_a_private_posts_history_is_as_private_as_the_post(self):
        post = self.m["alice"].status_post("entre nous", visibility="private")
        self.m["alice"].status_update(post["id"], "entre nous, corrigé")
        status, _, body = self.call("GET", f"/api/v1/statuses/{post['id']}/history", "carol")
        self.assertEqual(status, 404, body)
        status, _, body = self.call("GET", f"/api/v1/statuses/{post['id']}/history")
        self.assertEqual(status, 404, body)
        self.assertEqual(len(self.m["bob"].status_history(post["id"])), 2)  # a follower
        # The visibility stays what it was.
        edited = self.m["alice"].status_update(post["id"], "toujours entre nous")
        self.assertEqual(edited["visibility"], "private")

    def test_a_deleted_post_takes_its_history_with_it(self):
        post = self.m["alice"].status_post("éphémère")
        self.m["alice"].status_update(post["id"], "éphémère, modifié")
        self.m["alice"].status_delete(post["id"])
        status, _, body = self.call("GET", f"/api/v1/statuses/{post['id']}/history", "alice")
        self.assertEqual(status, 404, body)


class StatusUpdateStream(unittest.TestCase):
    def setUp(self):
        self.server = Server().start()
        for name in ("alice", "bob"):
            self.server.create_account(name)
        self.tokens = {n: self.server.token(n) for n in ("alice", "bob")}
        self.m = {n: Mastodon(access_token=t, api_base_url=self.server.base)
                  for n, t in self.tokens.items()}
        self.m["bob"].account_follow(self.m["alice"].account_verify_credentials()["id"])

    def tearDown(self):
        self.server.cleanup()

    def test_masto_gets_status_update_on_the_user_and_hashtag_streams(self):
        proc = subprocess.Popen(
            [os.path.join(HERE, "js", "run.sh"), "masto_status_update.js", self.server.base,
             self.tokens["bob"], "orage"],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        lines = queue.Queue()
        threading.Thread(target=lambda: [lines.put(json.loads(l)) for l in proc.stdout],
                         daemon=True).start()
        try:
            live, deadline = set(), time.time() + 60
            while live != {"user", "hashtag"} and time.time() < deadline:
                probe = self.m["alice"].status_post("sonde #orage")
                end = time.time() + 0.5
                while time.time() < end:
                    try:
                        e = lines.get(timeout=0.1)
                    except queue.Empty:
                        continue
                    if e["id"] == str(probe["id"]):
                        live.add(e["stream"])
                if proc.poll() is not None:
                    self.fail("masto exited: " + proc.stderr.read())
            self.assertEqual(live, {"user", "hashtag"})
            post = self.m["alice"].status_post("Il pleut #orage")
            self.m["alice"].status_update(post["id"], "Il fait beau #orage")
            got, deadline = {}, time.time() + 5
            while len(got) < 2 and time.time() < deadline:
                try:
                    e = lines.get(timeout=0.1)
                except queue.Empty:
                    continue
                if e["id"] == str(post["id"]) and e["event"] == "status.update":
                    got[e["stream"]] = e
            self.assertEqual(set(got), {"user", "hashtag"})
            for e in got.values():
                self.assertIn("Il fait beau", e["content"])
                self.assertIsNotNone(e["edited_at"])
        finally:
            proc.kill()
            proc.wait()
            proc.stdout.close()
            proc.stderr.close()


if __name__ == "__main__":
    unittest.main()
