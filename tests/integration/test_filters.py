"""Filters (issue 26) through `piaf serve`: /api/v2/filters with keywords and
statuses by raw HTTP (the installed Mastodon.py has only the v1 calls), the
v1 /api/v1/filters by Mastodon.py (filter_create, filters, filter_update,
filter_delete), and what they do to the listings: `filtered` on statuses in
the filter's contexts, `hide` ones gone, as docs.joinmastodon.org/methods/filters
and entities/FilterResult give them."""
import queue
import threading
import time
import unittest
import urllib.parse

from mastodon import Mastodon, MastodonNetworkError, MastodonNotFoundError, StreamListener

from harness import Server

_default_hook = threading.excepthook
threading.excepthook = lambda a: None if issubclass(a.exc_type, MastodonNetworkError) else _default_hook(a)


class Updates(StreamListener):
    def __init__(self):
        self.events = queue.Queue()

    def on_update(self, status):
        self.events.put(status)

    def seen(self, timeout=1.5):
        out, deadline = [], time.time() + timeout
        while time.time() < deadline:
            try:
                out.append(self.events.get(timeout=0.05))
            except queue.Empty:
                pass
        return out


class Filters(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = Server().start()
        cls.ids, cls.tokens, cls.m = {}, {}, {}
        for name in ("alice", "bob", "carol", "dave"):
            cls.server.create_account(name)
            cls.tokens[name] = cls.server.token(name)
            cls.m[name] = Mastodon(access_token=cls.tokens[name], api_base_url=cls.server.base)
            cls.ids[name] = str(cls.m[name].account_verify_credentials()["id"])
        cls.m["bob"].account_follow(cls.ids["alice"])
        cls.m["carol"].account_follow(cls.ids["alice"])

    @classmethod
    def tearDownClass(cls):
        cls.server.cleanup()

    def call(self, method, path, who=None, body=None, token=None, form=False):
        token = token or (self.tokens[who] if who else None)
        if form:
            return self.server.request(method, path, urllib.parse.urlencode(body, doseq=True),
                                       token, content_type="application/x-www-form-urlencoded")
        return self.server.request(method, path, body, token)

    def ok(self, method, path, who, body=None, form=False):
        status, _, answer = self.call(method, path, who, body, form=form)
        self.assertEqual(status, 200, answer)
        return answer

    def post(self, who, text, **extra):
        return self.ok("POST", "/api/v1/statuses", who, {"status": text, **extra})["id"]

    def create(self, who, title, context, keywords=(), action="warn", **extra):
        body = {"title": title, "context": list(context), "filter_action": action,
                "keywords_attributes": [{"keyword": k, "whole_word": w} for k, w in keywords],
                **extra}
        return self.ok("POST", "/api/v2/filters", who, body)

    def listing(self, who, path):
        return {s["id"]: s for s in self.ok("GET", path, who)}

    def test_a_filter_is_created_with_its_keywords_and_answered_as_mastodon_does(self):
        f = self.create("dave", "Politique", ["home", "public"],
                        [("élection", True), ("vote", False)], expires_in=3600)
        self.assertEqual(set(f), {"id", "title", "context", "expires_at", "filter_action",
                                  "keywords", "statuses"})
        self.assertEqual((f["title"], f["context"], f["filter_action"]),
                         ("Politique", ["home", "public"], "warn"))
        self.assertEqual([(k["keyword"], k["whole_word"]) for k in f["keywords"]],
                         [("élection", True), ("vote", False)])
        self.assertTrue(f["expires_at"].endswith("Z"))
        self.assertEqual(f["statuses"], [])
        self.assertEqual(self.ok("GET", f"/api/v2/filters/{f['id']}", "dave"), f)
        self.assertIn(f["id"], [x["id"] for x in self.ok("GET", "/api/v2/filters", "dave")])
        self.assertEqual(self.ok("GET", "/api/v2/filters", "carol"), [])  # one's own only
        self.assertEqual(self.call("GET", f"/api/v2/filters/{f['id']}", "carol")[0], 404)

    def test_a_form_post_with_rails_arrays_makes_the_same_filter(self):
        f = self.ok("POST", "/api/v2/filters", "dave", [
            ("title", "Formulaire"), ("context[]", "thread"), ("context[]", "account"),
            ("filter_action", "hide"),
            ("keywords_attributes[][keyword]", "un"), ("keywords_attributes[][whole_word]", "false"),
            ("keywords_attributes[][keyword]", "deux"),
            ("keywords_attributes[][whole_word]", "true")], form=True)
        self.assertEqual((f["context"], f["filter_action"]), (["thread", "account"], "hide"))
        self.assertEqual([(k["keyword"], k["whole_word"]) for k in f["keywords"]],
                         [("un", False), ("deux", True)])
        g = self.ok("POST", "/api/v2/filters", "dave", [
            ("title", "Indexé"), ("context[]", "home"),
            ("keywords_attributes[0][keyword]", "trois")], form=True)
        self.assertEqual([(k["keyword"], k["whole_word"]) for k in g["keywords"]], [("trois", True)])

    def test_updating_a_filter_changes_adds_and_destroys_keywords(self):
        f = self.create("dave", "À changer", ["home"], [("alpha", True), ("beta", True)])
        alpha, beta = f["keywords"]
        g = self.ok("PUT", f"/api/v2/filters/{f['id']}", "dave", {
            "title": "Changé", "context": ["public"], "filter_action": "hide", "expires_in": "",
            "keywords_attributes": [
                {"id": alpha["id"], "keyword": "alpha2", "whole_word": False},
                {"id": beta["id"], "_destroy": True},
                {"keyword": "gamma"}]})
        self.assertEqual((g["title"], g["context"], g["filter_action"], g["expires_at"]),
                         ("Changé", ["public"], "hide", None))
        self.assertEqual([(k["keyword"], k["whole_word"]) for k in g["keywords"]],
                         [("alpha2", False), ("gamma", True)])
        self.assertEqual(g["keywords"][0]["id"], alpha["id"])
        # A keyword of another filter cannot be changed through this one.
        other = self.create("dave", "Autre", ["home"], [("delta", True)])
        status, _, _ = self.call("PUT", f"/api/v2/filters/{f['id']}", "dave", {
            "keywords_attributes": [{"id": other["keywords"][0]["id"], "keyword": "x"}]})
        self.assertEqual(status, 404)
        status, _, body = self.call("DELETE", f"/api/v2/filters/{f['id']}", "dave")
        self.assertEqual((status, body), (200, {}))
        self.assertEqual(self.call("GET", f"/api/v2/filters/{f['id']}", "dave")[0], 404)
        self.assertEqual(self.call("DELETE", f"/api/v2/filters/{f['id']}", "dave")[0], 404)
        self.assertEqual(self.call("GET", f"/api/v2/filters/keywords/{alpha['id']}", "dave")[0], 404)

    def test_invalid_filters_are_refused_with_422(self):
        for body, message in (
                ({"title": "", "context": ["home"]}, "Validation failed: Title can't be blank"),
                ({"title": "t"}, "Validation failed: Context can't be blank"),
                ({"title": "t", "context": ["lists"]},
                 "Validation failed: Context none or invalid context supplied"),
                ({"title": "t", "context": ["home"], "filter_action": "explode"},
                 "'explode' is not a valid filter_action"),
                ({"title": "t", "context": ["home"], "expires_in": "soon"},
                 "Validation failed: Expires in is not a number"),
                ({"title": "t", "context": ["home"], "keywords_attributes": [{"keyword": ""}]},
                 "Validation failed: Keyword can't be blank")):
            status, _, answer = self.call("POST", "/api/v2/filters", "dave", body)
            self.assertEqual((status, answer), (422, {"error": message}), body)
        self.assertEqual(self.call("GET", "/api/v2/filters")[0], 401)
        read_only = self.server.token("dave", scopes="read")
        self.assertEqual(self.call("POST", "/api/v2/filters", token=read_only,
                                   body={"title": "t", "context": ["home"]})[0], 403)
        self.assertEqual(self.call("GET", "/api/v2/filters", token=read_only)[0], 200)

    def test_keywords_have_their_own_endpoints(self):
        f = self.create("dave", "Mots", ["home"])
        k = self.ok("POST", f"/api/v2/filters/{f['id']}/keywords", "dave",
                    {"keyword": "omega", "whole_word": False})
        self.assertEqual(set(k), {"id", "keyword", "whole_word"})
        self.assertEqual((k["keyword"], k["whole_word"]), ("omega", False))
        self.assertEqual(self.ok("GET", f"/api/v2/filters/{f['id']}/keywords", "dave"), [k])
        self.assertEqual(self.ok("GET", f"/api/v2/filters/keywords/{k['id']}", "dave"), k)
        k2 = self.ok("PUT", f"/api/v2/filters/keywords/{k['id']}", "dave", {"whole_word": True})
        self.assertEqual((k2["keyword"], k2["whole_word"]), ("omega", True))
        for method in ("GET", "PUT", "DELETE"):
            self.assertEqual(self.call(method, f"/api/v2/filters/keywords/{k['id']}", "carol",
                                       {"keyword": "x"} if method == "PUT" else None)[0], 404)
        self.assertEqual(self.call("POST", f"/api/v2/filters/{f['id']}/keywords", "carol",
                                   {"keyword": "x"})[0], 404)
        self.assertEqual(self.call("POST", f"/api/v2/filters/{f['id']}/keywords", "dave",
                                   {"keyword": ""})[0], 422)
        self.assertEqual(self.ok("DELETE", f"/api/v2/filters/keywords/{k['id']}", "dave"), {})
        self.assertEqual(self.ok("GET", f"/api/v2/filters/{f['id']}/keywords", "dave"), [])

    def test_a_status_filter_marks_that_status_and_its_reblogs(self):
        post = self.post("alice", "un message quelconque")
        f = self.create("bob", "Ce message", ["home", "thread"])
        t = self.ok("POST", f"/api/v2/filters/{f['id']}/statuses", "bob", {"status_id": post})
        self.assertEqual((set(t), t["status_id"]), ({"id", "status_id"}, post))
        self.assertEqual(self.ok("GET", f"/api/v2/filters/statuses/{t['id']}", "bob"), t)
        self.assertEqual(self.ok("GET", f"/api/v2/filters/{f['id']}/statuses", "bob"), [t])
        self.assertEqual(self.call("POST", f"/api/v2/filters/{f['id']}/statuses", "bob",
                                   {"status_id": post})[0], 422)  # already there
        self.assertEqual(self.call("POST", f"/api/v2/filters/{f['id']}/statuses", "bob",
                                   {"status_id": "1"})[0], 404)
        home = self.listing("bob", "/api/v1/timelines/home")
        results = home[post]["filtered"]
        self.assertEqual(len(results), 1)
        self.assertEqual(results[0]["status_matches"], [post])
        self.assertIsNone(results[0]["keyword_matches"])
        self.assertEqual(results[0]["filter"]["id"], f["id"])
        self.assertNotIn("keywords", results[0]["filter"])  # as Mastodon's FilterResult
        self.assertEqual(self.listing("carol", "/api/v1/timelines/home")[post]["filtered"], [])
        self.assertEqual(self.ok("DELETE", f"/api/v2/filters/statuses/{t['id']}", "bob"), {})
        self.assertEqual(self.listing("bob", "/api/v1/timelines/home")[post]["filtered"], [])

    def test_a_warn_filter_marks_matching_statuses_in_its_contexts_only(self):
        match = self.post("alice", "Le TOURNOI commence")
        partial = self.post("alice", "les tournois sont finis")
        other = self.post("alice", "rien à voir")
        f = self.create("bob", "Sport", ["home"], [("tournoi", True)])
        home = self.listing("bob", "/api/v1/timelines/home")
        self.assertEqual([(r["filter"]["title"], r["keyword_matches"], r["status_matches"])
                          for r in home[match]["filtered"]], [("Sport", ["TOURNOI"], None)])
        self.assertEqual(home[partial]["filtered"], [])  # whole word
        self.assertEqual(home[other]["filtered"], [])
        # Not in public: the filter is for home only.
        public = self.listing("bob", "/api/v1/timelines/public")
        self.assertEqual(public[match]["filtered"], [])
        # Another viewer's listing is untouched (the shared JSON is not).
        self.assertEqual(self.listing("carol", "/api/v1/timelines/home")[match]["filtered"], [])
        self.ok("PUT", f"/api/v2/filters/{f['id']}", "bob",
                {"keywords_attributes": [{"id": f["keywords"][0]["id"], "whole_word": False}],
                 "context": ["home", "public", "account", "thread"]})
        self.assertNotEqual(self.listing("bob", "/api/v1/timelines/home")[partial]["filtered"], [])
        self.assertNotEqual(self.listing("bob", "/api/v1/timelines/public")[match]["filtered"], [])
        self.assertNotEqual(self.listing("bob", f"/api/v1/accounts/{self.ids['alice']}/statuses")
                            [match]["filtered"], [])
        self.ok("DELETE", f"/api/v2/filters/{f['id']}", "bob")
        self.assertEqual(self.listing("bob", "/api/v1/timelines/home")[match]["filtered"], [])

    def test_a_filter_matches_an_edited_posts_new_text_not_its_old_one(self):
        f = self.create("carol", "Météo", ["home"], [("orage", True)])
        post = self.post("alice", "grand soleil aujourd'hui")
        self.assertEqual(self.listing("carol", "/api/v1/timelines/home")[post]["filtered"], [])
        self.ok("PUT", f"/api/v1/statuses/{post}", "alice", {"status": "un orage arrive"})
        home = self.listing("carol", "/api/v1/timelines/home")
        self.assertEqual([r["keyword_matches"] for r in home[post]["filtered"]], [["orage"]])
        self.ok("PUT", f"/api/v1/statuses/{post}", "alice", {"status": "finalement, du soleil"})
        self.assertEqual(self.listing("carol", "/api/v1/timelines/home")[post]["filtered"], [])
        self.ok("DELETE", f"/api/v2/filters/{f['id']}", "carol")

    def test_a_hide_filter_removes_matching_statuses_from_listings_and_notifications(self):
        shown = self.post("alice", "@carol bonjour")
        hidden = self.post("alice", "@carol le spoiler du film")
        reblog = self.ok("POST", f"/api/v1/statuses/{hidden}/reblog", "alice")["id"]
        reply = self.post("alice", "encore un spoiler", in_reply_to_id=shown)
        self.create("carol", "Cinéma", ["home", "notifications", "thread", "account", "public"],
                    [("spoiler", True)], action="hide")
        for path in ("/api/v1/timelines/home", "/api/v1/timelines/public",
                     f"/api/v1/accounts/{self.ids['alice']}/statuses"):
            listed = self.listing("carol", path)
            self.assertIn(shown, listed, path)
            self.assertNotIn(hidden, listed, path)
            self.assertNotIn(reblog, listed, path)  # its original matches
            self.assertNotIn(reply, listed, path)
        context = self.ok("GET", f"/api/v1/statuses/{shown}/context", "carol")
        self.assertNotIn(reply, [s["id"] for s in context["descendants"]])
        notes = self.ok("GET", "/api/v1/notifications", "carol")
        statuses = [n["status"]["id"] for n in notes if n.get("status")]
        self.assertIn(shown, statuses)
        self.assertNotIn(hidden, statuses)
        # bob has no filter: all of it.
        self.assertIn(hidden, self.listing("bob", "/api/v1/timelines/home"))

    def test_streams_apply_the_subscribers_filters(self):
        server = Server().start()
        try:
            for name in ("ann", "ben", "cid"):
                server.create_account(name)
            m = {n: Mastodon(access_token=server.token(n), api_base_url=server.base)
                 for n in ("ann", "ben", "cid")}
            ann_id = m["ann"].account_verify_credentials()["id"]
            for n in ("ben", "cid"):
                m[n].account_follow(ann_id)
            token = {n: m[n].access_token for n in m}
            for who, action in (("ben", "hide"), ("cid", "warn")):
                status, _, body = server.request("POST", "/api/v2/filters", {
                    "title": "Météo", "context": ["home", "public"], "filter_action": action,
                    "keywords_attributes": [{"keyword": "pluie"}]}, token[who])
                self.assertEqual(status, 200, body)
            listeners = {n: (Updates(), Updates()) for n in ("ben", "cid")}
            handles = []
            for n, (home, public) in listeners.items():
                handles.append(m[n].stream_user(home, run_async=True))
                handles.append(m[n].stream_public(public, run_async=True))
            try:
                time.sleep(0.5)
                wet = str(m["ann"].status_post("De la pluie demain")["id"])
                dry = str(m["ann"].status_post("Du soleil demain")["id"])
                for n, (home, public) in listeners.items():
                    for stream in (home, public):
                        got = {str(e["id"]): e for e in stream.seen()}
                        self.assertIn(dry, got, n)
                        self.assertEqual(got[dry]["filtered"], [])
                        if n == "ben":  # hide: not sent at all
                            self.assertNotIn(wet, got)
                        else:  # warn: sent with its FilterResult
                            self.assertEqual([r["filter"]["title"] for r in got[wet]["filtered"]],
                                             ["Météo"])
            finally:
                for h in handles:
                    h.close()
        finally:
            server.cleanup()

    def test_an_expired_filter_matches_nothing(self):
        post = self.post("alice", "éphémère mot-clé")
        f = self.create("bob", "Court", ["home"], [("éphémère", True)], expires_in=1)
        self.assertNotEqual(self.listing("bob", "/api/v1/timelines/home")[post]["filtered"], [])
        time.sleep(1.2)
        self.assertEqual(self.listing("bob", "/api/v1/timelines/home")[post]["filtered"], [])
        self.assertIn(f["id"], [x["id"] for x in self.ok("GET", "/api/v2/filters", "bob")])

    def test_the_v1_filters_through_mastodon_py(self):
        m = self.m["dave"]
        f = m.filter_create("chaussettes", ["home", "notifications"], irreversible=True,
                            whole_word=False)
        self.assertEqual((f["phrase"], f["context"], f["irreversible"], f["whole_word"]),
                         ("chaussettes", ["home", "notifications"], True, False))
        self.assertIn(f["id"], [x["id"] for x in m.filters()])
        self.assertEqual(m.filter(f["id"])["phrase"], "chaussettes")
        g = m.filter_update(f["id"], phrase="chaussons", irreversible=False)
        self.assertEqual((g["phrase"], g["irreversible"], g["context"]),
                         ("chaussons", False, ["home", "notifications"]))
        # The v2 view of it: one filter, its title the phrase it was made with.
        v2 = [x for x in self.ok("GET", "/api/v2/filters", "dave")
              if [k["id"] for k in x["keywords"]] == [str(f["id"])]]
        self.assertEqual(len(v2), 1)
        self.assertEqual(v2[0]["keywords"][0]["keyword"], "chaussons")
        m.filter_delete(f["id"])
        with self.assertRaises(MastodonNotFoundError):
            m.filter(f["id"])
        self.assertEqual(self.call("GET", f"/api/v2/filters/{v2[0]['id']}", "dave")[0], 404)
        status, _, answer = self.call("POST", "/api/v1/filters", "dave", {"phrase": "x"})
        self.assertEqual((status, answer["error"]), (422, "Validation failed: Context can't be blank"))

    def test_a_v1_update_of_a_filter_with_several_keywords_is_refused(self):
        f = self.create("dave", "Plusieurs", ["home"], [("a1", True), ("a2", True)])
        status, _, answer = self.call("PUT", f"/api/v1/filters/{f['keywords'][0]['id']}", "dave",
                                      {"phrase": "b"})
        self.assertEqual(status, 422, answer)
        # Deleting one keyword through v1 leaves the filter with the other.
        self.assertEqual(self.ok("DELETE", f"/api/v1/filters/{f['keywords'][0]['id']}", "dave"), {})
        left = self.ok("GET", f"/api/v2/filters/{f['id']}", "dave")
        self.assertEqual([k["keyword"] for k in left["keywords"]], ["a2"])


if __name__ == "__main__":
    unittest.main()
