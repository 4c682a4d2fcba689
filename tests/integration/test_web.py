"""The web app's side of `piaf serve`: its files (compressed, immutable),
the pages that start it (security headers; posts rendered in the HTML for
readers without JavaScript, only what a visitor may see, escaped), and the
OAuth sign-in page (CSRF-protected, sign-up, PKCE)."""
import base64
import gzip
import hashlib
import http.cookiejar
import json
import re
import unittest
import urllib.error
import urllib.parse
import urllib.request

from harness import Server

PASSWORD = "correct horse battery"


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class WebTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = Server().start()
        cls.server.create_account("alice")
        cls.server.create_account("bob")
        cls.alice = cls.server.token("alice")
        cls.bob = cls.server.token("bob")
        s = cls.server
        status, _, name = s.request("PATCH", "/api/v1/accounts/update_credentials",
                                    {"display_name": "Alice <script>x</script>",
                                     "note": "Je réponds aux questions"}, token=cls.alice)
        assert status == 200, name
        _, _, cls.post = s.request("POST", "/api/v1/statuses",
                                   {"status": "Bonjour @bob, une question ? #ONG <b>gras</b>",
                                    "language": "fr"}, token=cls.alice)
        _, _, cls.reply = s.request("POST", "/api/v1/statuses",
                                    {"status": "@alice Oui, volontiers", "in_reply_to_id":
                                     cls.post["id"]}, token=cls.bob)
        _, _, cls.private = s.request("POST", "/api/v1/statuses",
                                      {"status": "Secret des abonnés #ONG", "visibility": "private"},
                                      token=cls.alice)

    @classmethod
    def tearDownClass(cls):
        cls.server.cleanup()

    def get(self, path, headers=None, opener=None):
        req = urllib.request.Request(self.server.base + path, headers=headers or {})
        try:
            with (opener or urllib.request.build_opener(NoRedirect)).open(req, timeout=10) as r:
                return r.status, r.headers, r.read()
        except urllib.error.HTTPError as e:
            return e.code, e.headers, e.read()

    def page(self, path, **kw):
        status, headers, body = self.get(path, **kw)
        return status, headers, body.decode()

    def test_pages_have_the_security_headers_and_no_inline_script(self):
        for path in ["/", "/@alice", "/@alice/" + self.post["id"], "/tags/ong", "/search",
                     "/explore", "/notifications", "/settings", "/oauth/callback", "/lists",
                     "/lists/123"]:
            status, headers, html = self.page(path)
            self.assertEqual(status, 200, path)
            self.assertTrue(headers["Content-Type"].startswith("text/html"), path)
            csp = headers["Content-Security-Policy"]
            self.assertIn("script-src 'self'", csp)
            self.assertIn("frame-ancestors 'none'", csp)
            self.assertNotIn("unsafe-inline", csp)
            self.assertEqual(headers["X-Content-Type-Options"], "nosniff")
            self.assertEqual(headers["Cache-Control"], "no-cache")
            self.assertIn("Referrer-Policy", headers)
            for tag in re.findall(r"<script[^>]*>", html):
                self.assertIn(' src="/assets/', tag, path)
            self.assertNotIn("<style", html)

    def test_assets_are_immutable_and_served_compressed(self):
        _, _, html = self.page("/")
        js = re.search(r'<script type="module" src="(/assets/[^"]+\.js)"', html).group(1)
        css = re.search(r'<link rel="stylesheet" href="(/assets/[^"]+\.css)"', html).group(1)
        status, headers, plain = self.get(js, {"Accept-Encoding": "identity"})
        self.assertEqual(status, 200)
        self.assertTrue(headers["Content-Type"].startswith("text/javascript"))
        self.assertEqual(headers["Cache-Control"], "public, max-age=31536000, immutable")
        self.assertIsNone(headers["Content-Encoding"])
        status, headers, zipped = self.get(js, {"Accept-Encoding": "gzip, deflate"})
        self.assertEqual(headers["Content-Encoding"], "gzip")
        self.assertEqual(gzip.decompress(zipped), plain)
        status, headers, br = self.get(js, {"Accept-Encoding": "gzip, br"})
        self.assertEqual(headers["Content-Encoding"], "br")
        self.assertLess(len(br), len(plain))
        status, headers, _ = self.get(css, {"Accept-Encoding": "br;q=0, gzip"})
        self.assertEqual(headers["Content-Encoding"], "gzip")
        self.assertTrue(headers["Content-Type"].startswith("text/css"))
        status, _, _ = self.get(js, {"If-None-Match": headers["ETag"].replace(
            css.rsplit("/", 1)[1], js.rsplit("/", 1)[1])})
        self.assertEqual(status, 304)
        status, _, body = self.get("/assets/nothing-here.js")
        self.assertEqual(status, 404)
        self.assertEqual(json.loads(body), {"error": "Record not found"})
        status, _, body = self.get("/assets/../manifest.json")
        self.assertEqual(status, 404)

    def test_the_permalink_shows_the_conversation_without_javascript(self):
        status, _, html = self.page("/@alice/" + self.post["id"])
        self.assertEqual(status, 200)
        self.assertIn('role="feed"', html)
        self.assertIn("<h1>Conversation</h1>", html)
        self.assertIn("une question ?", html)
        self.assertIn("Oui, volontiers", html)  # the reply, below
        self.assertIn("&lt;b&gt;gras&lt;/b&gt;", html)  # what alice wrote is escaped
        self.assertNotIn("<b>gras</b>", html)
        self.assertNotIn("<script>x</script>", html)
        self.assertIn("Alice &lt;script&gt;x&lt;/script&gt;", html)
        self.assertIn('lang="fr"', html)
        self.assertIn('<a href="/@bob"', html)  # on the address the reader used
        self.assertIn('<meta property="og:description" content="Bonjour @bob, une question ? #ONG',
                      html)
        self.assertIn('<meta property="og:url" content="%s/@alice/%s">'
                      % (self.server.base, self.post["id"]), html)
        self.assertIn('<meta name="twitter:card" content="summary">', html)
        self.assertIn("<title>Alice &lt;script&gt;x&lt;/script&gt; (@alice)", html)
        self.assertNotIn("Secret des abonnés", html)

    def test_a_post_a_visitor_may_not_see_is_not_found(self):
        for path in ["/@alice/" + self.private["id"], "/@bob/" + self.post["id"],
                     "/@alice/99999999999", "/@nobody"]:
            status, _, html = self.page(path)
            self.assertEqual(status, 404, path)
            self.assertNotIn("Secret des abonnés", html)
            self.assertNotIn("une question ?", html)

    def test_the_profile_and_tag_pages_show_their_public_posts(self):
        status, _, html = self.page("/@alice")
        self.assertEqual(status, 200)
        self.assertIn('<h1 class="display-name">Alice &lt;script&gt;x&lt;/script&gt;</h1>', html)
        self.assertIn("Je réponds aux questions", html)
        self.assertIn("une question ?", html)
        self.assertNotIn("Secret des abonnés", html)
        self.assertIn('<meta property="og:type" content="profile">', html)
        _, _, html = self.page("/@bob")
        self.assertNotIn("Oui, volontiers", html)  # a reply to someone else: not a profile post
        status, _, html = self.page("/tags/ONG")
        self.assertEqual(status, 200)
        self.assertIn("une question ?", html)
        self.assertNotIn("Secret des abonnés", html)
        self.assertIn("<h1>#ONG</h1>", html)

    def test_a_tag_page_repeats_no_text_that_is_not_a_hashtag(self):
        for tag in ["Your%20account%20is%20locked", "%00", "a%2Fb", "%3Cscript%3E"]:
            status, _, html = self.page("/tags/" + tag)
            self.assertEqual(status, 404, tag)
            self.assertNotIn("locked", html)

    def test_a_reposts_page_is_the_originals(self):
        _, _, repost = self.server.request("POST", "/api/v1/statuses/%s/reblog" % self.post["id"],
                                           token=self.bob)
        status, headers, _ = self.page("/@bob/" + repost["id"])
        self.assertEqual(status, 301)
        self.assertEqual(headers["Location"], "/@alice/" + self.post["id"])
        self.server.request("POST", "/api/v1/statuses/%s/unreblog" % self.post["id"],
                            token=self.bob)

    def test_pages_speak_the_readers_language(self):
        _, _, html = self.page("/@alice", headers={"Accept-Language": "fr-FR,fr;q=0.9"})
        self.assertIn('<html lang="fr">', html)
        self.assertIn("Se connecter", html)
        _, headers, html = self.page("/@alice?lang=en", headers={"Accept-Language": "fr"})
        self.assertIn('<html lang="en">', html)
        self.assertIn("Sign in", html)

    def test_links_in_posts_lead_to_the_address_the_server_is_reached_at(self):
        _, _, st = self.server.request("GET", "/api/v1/statuses/" + self.post["id"])
        self.assertIn('href="%s/@bob"' % self.server.base, st["content"])
        self.assertIn('href="%s/tags/ong"' % self.server.base, st["content"])

    def test_a_browser_asking_for_a_missing_page_gets_a_page(self):
        status, headers, html = self.page("/nothing/here", headers={"Accept": "text/html,*/*"})
        self.assertEqual(status, 404)
        self.assertTrue(headers["Content-Type"].startswith("text/html"))
        self.assertIn('<script type="module" src="/assets/', html)
        self.assertIn("This page does not exist.", html)

    def test_pages_that_need_javascript_say_so_without_it(self):
        _, _, html = self.page("/search")
        self.assertIn("<noscript>", html)
        _, _, html = self.page("/@alice")
        self.assertNotIn("<noscript>", html)

    def test_other_paths_stay_the_apis(self):
        status, headers, body = self.get("/nothing/here")
        self.assertEqual(status, 404)
        self.assertEqual(json.loads(body), {"error": "Record not found"})
        status, _, _ = self.get("/api/v1/instance")
        self.assertEqual(status, 200)


class AuthorizePageTest(unittest.TestCase):
    def setUp(self):
        self.server = Server().start()
        self.server.create_account("carol", password=PASSWORD)
        self.redirect = self.server.base + "/oauth/callback"
        _, _, self.app = self.server.request("POST", "/api/v1/apps", {
            "client_name": "Piaf web", "redirect_uris": self.redirect, "scopes": "read write follow"})
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar),
                                                  NoRedirect)
        self.verifier = "v" * 50
        challenge = base64.urlsafe_b64encode(
            hashlib.sha256(self.verifier.encode()).digest()).rstrip(b"=").decode()
        self.query = urllib.parse.urlencode({
            "response_type": "code", "client_id": self.app["client_id"],
            "redirect_uri": self.redirect, "scope": "read write follow", "state": "s t&x",
            "code_challenge": challenge, "code_challenge_method": "S256"})

    def tearDown(self):
        self.server.cleanup()

    def open(self, path, data=None, headers=None):
        req = urllib.request.Request(self.server.base + path, headers=headers or {},
                                     data=urllib.parse.urlencode(data).encode() if data else None)
        try:
            with self.opener.open(req, timeout=20) as r:
                return r.status, r.headers, r.read().decode()
        except urllib.error.HTTPError as e:
            return e.code, e.headers, e.read().decode()

    def form(self, path):
        status, headers, html = self.open(path)
        self.last_headers = headers
        self.assertEqual(status, 200, html)
        self.assertIn("SameSite=Strict", headers["Set-Cookie"])
        self.assertIn("HttpOnly", headers["Set-Cookie"])
        return dict(re.findall(r'<input type="hidden" name="([a-z_]+)" value="([^"]*)"', html)), html

    def code_from(self, headers):
        location = urllib.parse.urlparse(headers["Location"])
        self.assertEqual(location.scheme + "://" + location.netloc + location.path, self.redirect)
        q = urllib.parse.parse_qs(location.query)
        self.assertEqual(q["state"], ["s t&x"])
        return q["code"][0]

    def token(self, code, verifier):
        return self.server.request("POST", "/oauth/token", {
            "grant_type": "authorization_code", "code": code, "redirect_uri": self.redirect,
            "client_id": self.app["client_id"], "client_secret": self.app["client_secret"],
            "code_verifier": verifier})

    def test_sign_in_with_pkce(self):
        fields, html = self.form("/oauth/authorize?" + self.query)
        self.assertIn("Piaf web", html)
        self.assertIn("<li>see your timelines, notifications and profile</li>", html)
        self.assertIn("<li>follow, unfollow, block and mute accounts</li>", html)
        self.assertNotIn("send you notifications", html)  # push was not asked for
        self.assertEqual(self.last_headers.get_all("Cache-Control"), ["no-store"])
        self.assertIn('autocomplete="current-password"', html)
        fields = {k: v.replace("&amp;", "&") for k, v in fields.items()}
        status, headers, _ = self.open("/oauth/authorize",
                                       dict(fields, username="carol", password=PASSWORD),
                                       {"Origin": self.server.base})
        self.assertEqual(status, 303)
        code = self.code_from(headers)
        status, _, body = self.token(code, "w" * 50)  # not the verifier
        self.assertEqual(status, 400, body)
        # The code is spent by that try: sign in again for another.
        status, headers, _ = self.open("/oauth/authorize",
                                       dict(fields, username="carol", password=PASSWORD))
        status, _, body = self.token(self.code_from(headers), self.verifier)
        self.assertEqual(status, 200, body)
        status, _, me = self.server.request("GET", "/api/v1/accounts/verify_credentials",
                                            token=body["access_token"])
        self.assertEqual(me["username"], "carol")

    def test_a_code_is_redeemed_only_with_the_redirect_uri_it_was_asked_with(self):
        fields, _ = self.form("/oauth/authorize?" + self.query)
        fields = {k: v.replace("&amp;", "&") for k, v in fields.items()}
        _, headers, _ = self.open("/oauth/authorize", dict(fields, username="carol",
                                                           password=PASSWORD))
        status, _, body = self.server.request("POST", "/oauth/token", {
            "grant_type": "authorization_code", "code": self.code_from(headers),
            "client_id": self.app["client_id"], "client_secret": self.app["client_secret"],
            "code_verifier": self.verifier})
        self.assertEqual(status, 400, body)
        self.assertEqual(body["error"], "invalid_grant")

    def test_only_the_code_response_type_is_served(self):
        for response_type in ("token", "", "code+token"):
            query = re.sub(r"response_type=code", "response_type=" + response_type, self.query)
            if not response_type:
                query = query.replace("response_type=&", "")
            status, headers, html = self.open("/oauth/authorize?" + query)
            self.assertEqual(status, 400, (response_type, html))
            self.assertNotIn('name="password"', html)

    def test_the_sign_in_page_cannot_be_framed(self):
        status, headers, _ = self.open("/oauth/authorize?" + self.query)
        self.assertEqual(status, 200)
        self.assertEqual(headers["X-Frame-Options"], "DENY")
        self.assertIn("frame-ancestors 'none'", headers["Content-Security-Policy"])

    def test_a_post_without_the_forms_token_or_from_another_site_is_refused(self):
        fields, _ = self.form("/oauth/authorize?" + self.query)
        fields = {k: v.replace("&amp;", "&") for k, v in fields.items()}
        good = dict(fields, username="carol", password=PASSWORD)
        status, _, html = self.open("/oauth/authorize", dict(good, authenticity_token="x" * 48))
        self.assertEqual(status, 403)
        self.assertIn('role="alert"', html)
        status, _, _ = self.open("/oauth/authorize", good, {"Origin": "http://evil.example"})
        self.assertEqual(status, 403)
        self.jar.clear()  # another browser: no cookie
        status, _, _ = self.open("/oauth/authorize", good)
        self.assertEqual(status, 403)

    def test_a_wrong_password_shows_the_form_again_with_an_error(self):
        fields, _ = self.form("/oauth/authorize?" + self.query + "&lang=fr")
        fields = {k: v.replace("&amp;", "&") for k, v in fields.items()}
        status, _, html = self.open("/oauth/authorize",
                                    dict(fields, username="carol", password="wrong password"))
        self.assertEqual(status, 401)
        self.assertIn('<p class="error" role="alert">Nom d’utilisateur ou mot de passe incorrect.',
                      html)
        self.assertIn('value="carol"', html)
        self.assertNotIn("wrong password", html)

    def test_the_sign_up_form_makes_five_accounts_an_address_at_most(self):
        fields, _ = self.form("/oauth/authorize?" + self.query + "&signup=1")
        fields = {k: v.replace("&amp;", "&") for k, v in fields.items()}
        for i in range(6):
            status, _, html = self.open("/oauth/authorize", dict(
                fields, username=f"wave{i}", email=f"wave{i}@example.org",
                password="a long password", agreement="1"))
            self.assertEqual(status, 303 if i < 5 else 429, html)
        self.assertIn('role="alert">Too many attempts.', html)

    def test_create_an_account_then_come_back_with_a_code(self):
        fields, html = self.form("/oauth/authorize?" + self.query + "&signup=1")
        self.assertIn('name="agreement"', html)
        fields = {k: v.replace("&amp;", "&") for k, v in fields.items()}
        new = dict(fields, username="dora", email="dora@example.org", password="a long password")
        self.assertIn('minlength="8"', html)
        status, _, html = self.open("/oauth/authorize", new)  # the rules are not accepted
        self.assertEqual(status, 422)
        self.assertIn('role="alert"', html)
        status, _, html = self.open("/oauth/authorize", dict(new, username="d d", agreement="1"))
        self.assertEqual(status, 422)
        self.assertIn('value="1" required checked>', html)  # what was ticked stays ticked
        status, headers, _ = self.open("/oauth/authorize", dict(new, agreement="1"))
        self.assertEqual(status, 303)
        status, _, body = self.token(self.code_from(headers), self.verifier)
        self.assertEqual(status, 200, body)
        status, _, html = self.open("/oauth/authorize", dict(new, agreement="1"))
        self.assertEqual(status, 422)  # taken now

    def test_scopes_however_separated_are_all_shown(self):
        q = self.query.replace("read+write+follow", "read%09write%0Afollow")
        self.assertIn("read%09write", q)
        _, html = self.form("/oauth/authorize?" + q)
        self.assertIn("<li>see your timelines, notifications and profile</li>", html)
        self.assertIn("<li>post, reply, like and repost for you, and edit your profile</li>", html)
        self.assertIn("<li>follow, unfollow, block and mute accounts</li>", html)

    def test_a_sign_up_error_is_in_the_pages_language(self):
        fields, _ = self.form("/oauth/authorize?" + self.query + "&signup=1&lang=fr")
        fields = {k: v.replace("&amp;", "&") for k, v in fields.items()}
        status, _, html = self.open("/oauth/authorize", dict(
            fields, username="a b", email="ab@example.org", password="a long password",
            agreement="1"))
        self.assertEqual(status, 422)
        self.assertIn("Le nom d’utilisateur doit compter de 1 à 30 lettres", html)

    def test_a_bad_challenge_creates_no_account(self):
        fields, _ = self.form("/oauth/authorize?" + self.query + "&signup=1")
        fields = {k: v.replace("&amp;", "&") for k, v in fields.items()}
        status, _, html = self.open("/oauth/authorize", dict(
            fields, code_challenge_method="MD5", username="eve", email="eve@example.org",
            password="a long password", agreement="1"))
        self.assertEqual(status, 400)
        self.assertIn('role="alert"', html)
        status, _, _ = self.server.request("GET", "/api/v1/accounts/lookup?acct=eve")
        self.assertEqual(status, 404)

    def test_an_unknown_app_or_redirect_gets_an_error_page(self):
        status, _, html = self.open("/oauth/authorize?client_id=nope&redirect_uri=x")
        self.assertEqual(status, 400)
        self.assertIn('role="alert"', html)
        q = self.query.replace(urllib.parse.quote(self.redirect, safe=""), "http%3A%2F%2Fevil")
        status, _, _ = self.open("/oauth/authorize?" + q)
        self.assertEqual(status, 400)


if __name__ == "__main__":
    unittest.main()
