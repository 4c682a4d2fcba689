"""Search and trends through Mastodon.py and toot: accent- and
case-insensitive full text, the from: and # operators, paging, visibility;
trending tags globally and among the accounts a viewer follows."""
import time
import unittest

from mastodon import Mastodon

from harness import Server, TootTestCase


class SearchAndTrends(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = Server().start()
        names = ("alice", "bob", "carol", "dave", "erin", "frank", "gina")
        for n in names:
            cls.server.create_account(n)
        cls.m = {n: Mastodon(access_token=cls.server.token(n), api_base_url=cls.server.base)
                 for n in names}
        cls.ids = {n: cls.m[n].account_verify_credentials()["id"] for n in names}
        cls.m["bob"].account_follow(cls.ids["alice"])
        cls.m["alice"].account_update_credentials(display_name="Écoute Solidaire")

    @classmethod
    def tearDownClass(cls):
        cls.server.cleanup()

    def statuses(self, who, q, **kw):
        return [s["id"] for s in self.m[who].search_v2(q, result_type="statuses", **kw)["statuses"]]

    def test_full_text_is_accent_and_case_insensitive_and_finds_word_forms(self):
        public = self.m["alice"].status_post("Il faut ÉCOUTER les gens, pas leur vendre #Interview")
        # Searchable at once.
        self.assertIn(public["id"], self.statuses("carol", "ecouter"))
        self.assertIn(public["id"], self.statuses("carol", "Écoute"))   # a word form, by prefix
        self.assertIn(public["id"], self.statuses("carol", "écouter gens"))
        self.assertNotIn(public["id"], self.statuses("carol", "ecouter chats"))
        english = self.m["dave"].status_post("We are listening to our members")
        self.assertIn(english["id"], self.statuses("carol", "listen"))
        self.assertIn(english["id"], self.statuses("carol", "LISTENS"))

    def test_operators_from_and_tag(self):
        a = self.m["alice"].status_post("Réunion publique ce soir #Quartier")
        b = self.m["dave"].status_post("Réunion du club #quartier")
        self.assertEqual(set(self.statuses("carol", "réunion #quartier")) & {a["id"], b["id"]},
                         {a["id"], b["id"]})
        self.assertEqual(set(self.statuses("carol", "reunion from:alice")) & {a["id"], b["id"]},
                         {a["id"]})
        self.assertEqual(set(self.statuses("carol", "from:@dave #QUARTIER")) & {a["id"], b["id"]},
                         {b["id"]})

    def test_search_shows_only_what_the_viewer_may_see(self):
        private = self.m["alice"].status_post("confidentiel pour les abonnés", visibility="private")
        direct = self.m["alice"].status_post("@dave confidentiel direct", visibility="direct")
        self.assertIn(private["id"], self.statuses("bob", "confidentiel"))       # a follower
        self.assertNotIn(direct["id"], self.statuses("bob", "confidentiel"))
        self.assertNotIn(private["id"], self.statuses("carol", "confidentiel"))  # not a follower
        self.assertIn(direct["id"], self.statuses("dave", "confidentiel"))       # mentioned
        anonymous = Mastodon(api_base_url=self.server.base)
        self.assertEqual(self.statuses_of(anonymous, "confidentiel"), [])
        # Blocked both ways.
        shown = self.m["erin"].status_post("bloqueur visible")
        self.assertIn(shown["id"], self.statuses("frank", "bloqueur"))
        self.m["erin"].account_block(self.ids["frank"])
        self.assertNotIn(shown["id"], self.statuses("frank", "bloqueur"))

    def statuses_of(self, m, q):
        return [s["id"] for s in m.search_v2(q, result_type="statuses")["statuses"]]

    def test_paging_with_limit_offset_and_max_id(self):
        posted = [str(self.m["gina"].status_post("pagination numéro %d" % i)["id"]) for i in range(7)]
        newest_first = list(reversed(posted))
        token = self.m["carol"].access_token

        def page(query):
            status, _, body = self.server.request(
                "GET", "/api/v2/search?q=pagination&type=statuses&" + query, token=token)
            self.assertEqual(status, 200, body)
            return [s["id"] for s in body["statuses"]]

        page1 = page("limit=3")
        self.assertEqual(page1, newest_first[:3])
        self.assertEqual(page("limit=3&offset=3"), newest_first[3:6])
        self.assertEqual(page("limit=3&max_id=" + page1[-1]), newest_first[3:6])
        self.assertEqual(page("limit=2&min_id=" + newest_first[3]), newest_first[1:3])
        status, _, body = self.server.request("GET", "/api/v2/search?q=x&type=nope", token=token)
        self.assertEqual(status, 400)
        self.assertIn("error", body)

    def test_accounts_and_hashtags(self):
        found = self.m["carol"].search_v2("ecoute", result_type="accounts")["accounts"]
        self.assertEqual([a["acct"] for a in found], ["alice"])
        self.m["dave"].status_post("#SolidaritéLocale")
        tags = self.m["carol"].search_v2("#solidarite", result_type="hashtags")["hashtags"]
        self.assertEqual(tags, [])  # tags match by prefix as written (accents kept)
        tags = self.m["carol"].search_v2("#Solidarité", result_type="hashtags")["hashtags"]
        self.assertEqual([t["name"] for t in tags], ["solidaritélocale"])
        self.assertEqual(len(tags[0]["history"]), 7)
        self.assertEqual(tags[0]["history"][0]["uses"], "1")
        # All three keys, even for an empty query.
        empty = self.m["carol"].search_v2("   ")
        self.assertEqual((empty["accounts"], empty["statuses"], empty["hashtags"]), ([], [], []))
        # v1 accounts search uses the same index.
        self.assertEqual([a["acct"] for a in self.m["carol"].account_search("écoute solid")],
                         ["alice"])

    def test_trends_rise_on_distinct_accounts_and_network_trends_are_personal(self):
        # #rising: four accounts; #alone: one account, many times.
        for n in ("carol", "dave", "erin", "frank"):
            self.m[n].status_post("Ça monte #Rising")
        for _ in range(6):
            self.m["gina"].status_post("encore moi #alone")
        trending = [t["name"] for t in self.m["bob"].trending_tags()]
        self.assertIn("rising", trending)
        self.assertNotIn("alone", trending)
        rising = next(t for t in self.m["bob"].trending_tags() if t["name"] == "rising")
        self.assertEqual(len(rising["history"]), 7)
        self.assertEqual(rising["history"][0]["accounts"], "4")
        # Network trends: among whom the viewer follows.
        self.m["erin"].account_follow(self.ids["carol"])
        self.m["erin"].account_follow(self.ids["dave"])
        for n in ("carol", "dave"):
            self.m[n].status_post("entre nous #Voisins")
        status, _, mine = self.server.request("GET", "/api/v1/trends/tags?scope=network",
                                              token=self.m["erin"].access_token)
        self.assertEqual(status, 200)
        self.assertIn("voisins", [t["name"] for t in mine])
        status, _, bobs = self.server.request("GET", "/api/v1/trends/tags?scope=network",
                                              token=self.m["bob"].access_token)
        self.assertEqual(status, 200)
        self.assertNotIn("voisins", [t["name"] for t in bobs])  # bob follows only alice
        status, _, _ = self.server.request("GET", "/api/v1/trends/tags?scope=network")
        self.assertEqual(status, 401)
        # Trending statuses: those with favourites or reblogs, visible ones only.
        liked = self.m["carol"].status_post("à partager")
        hidden = self.m["carol"].status_post("privé mais aimé", visibility="private")
        self.m["dave"].status_favourite(liked["id"])
        self.m["erin"].status_reblog(liked["id"])
        ids = [s["id"] for s in self.m["gina"].trending_statuses()]
        self.assertIn(liked["id"], ids)
        self.assertNotIn(hidden["id"], ids)


class TrendsAfterARestart(unittest.TestCase):
    def test_trend_counters_are_reloaded_from_the_store_and_new_posts_count_once(self):
        server = Server().start()
        self.addCleanup(server.cleanup)
        names = ("hana", "ivan", "jade", "kiko")
        for n in names:
            server.create_account(n)
        m = {n: Mastodon(access_token=server.token(n), api_base_url=server.base) for n in names}
        for n in ("hana", "ivan", "jade"):
            m[n].status_post("on tient bon #Durable")
        for _ in range(4):
            m["kiko"].status_post("tout seul #Solo")
        server.stop()
        server.start()
        m = {n: Mastodon(access_token=server.token(n), api_base_url=server.base) for n in names}

        def durable():
            return next((t for t in m["hana"].trending_tags() if t["name"] == "durable"), None)
        deadline = time.time() + 20  # the counters load after the server answers
        while durable() is None and time.time() < deadline:
            time.sleep(0.1)
        tag = durable()
        self.assertIsNotNone(tag)
        self.assertEqual((tag["history"][0]["accounts"], tag["history"][0]["uses"]), ("3", "3"))
        self.assertNotIn("solo", [t["name"] for t in m["hana"].trending_tags()])
        m["kiko"].status_post("moi aussi #durable")
        tag = durable()
        self.assertEqual((tag["history"][0]["accounts"], tag["history"][0]["uses"]), ("4", "4"))


class TootSearch(TootTestCase):
    def test_toot_searches_accounts_and_hashtags(self):
        self.toot("login_cli", "--disable-https", "-i", f"127.0.0.1:{self.server.port}", "-e",
                  "alice@example.org", stdin="correct horse battery\n")
        self.toot("post", "Bonjour #Écoute")
        out = self.toot("search", "écou")
        self.assertIn("#écoute", out)
        out = self.toot("search", "ALI")
        self.assertIn("@alice", out)


if __name__ == "__main__":
    unittest.main()
