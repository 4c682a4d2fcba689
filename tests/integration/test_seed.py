"""`piaf seed`: a synthetic community, the same for the same seed, whose
tokens work against `piaf serve`."""
import html
import os
import re
import shutil
import sqlite3
import subprocess
import tempfile
import time
import unittest
import urllib.parse
import urllib.request

import harness
from harness import Server
from test_media import multipart


def seed(data_dir, tokens, seed_value, *extra):
    return subprocess.run([harness.BINARY, "seed", "--data-dir", data_dir, "--users", "500",
                           "--posts", "3000", "--follows-avg", "20", "--seed", str(seed_value),
                           "--tokens-out", tokens, *extra],
                          capture_output=True, text=True)


def summary(data_dir):
    db = sqlite3.connect(os.path.join(data_dir, "piaf.db"))
    try:
        return (db.execute("SELECT group_concat(username) FROM (SELECT username FROM accounts ORDER BY id)").fetchone(),
                # ids carry the time of the run: compare who follows whom by name
                db.execute("SELECT count(*), group_concat(a.username || '>' || b.username) FROM "
                           "(SELECT * FROM follows ORDER BY account_id, target_account_id) f "
                           "JOIN accounts a ON a.id = f.account_id "
                           "JOIN accounts b ON b.id = f.target_account_id").fetchone(),
                db.execute("SELECT group_concat(text, '|') FROM (SELECT text FROM statuses ORDER BY rowid)").fetchone())
    finally:
        db.close()


class Seed(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="piaf-seed-")

    def tearDown(self):
        shutil.rmtree(self.dir, ignore_errors=True)

    def test_same_seed_same_community_and_tokens_work(self):
        a, b = os.path.join(self.dir, "a"), os.path.join(self.dir, "b")
        ta, tb = os.path.join(self.dir, "a.tokens"), os.path.join(self.dir, "b.tokens")
        self.assertEqual(seed(a, ta, 42, "--celebrities", "2", "--celebrity-followers", "300").returncode, 0)
        self.assertEqual(seed(b, tb, 42, "--celebrities", "2", "--celebrity-followers", "300").returncode, 0)
        self.assertEqual(summary(a), summary(b))
        lines = open(ta).read().splitlines()
        self.assertEqual(len(lines), 500)
        again = seed(a, ta, 42)
        self.assertNotEqual(again.returncode, 0)  # only into a fresh store
        db = sqlite3.connect(os.path.join(a, "piaf.db"))
        celebrity_followers = db.execute(
            "SELECT count(*) FROM follows GROUP BY target_account_id ORDER BY count(*) DESC LIMIT 2").fetchall()
        self.assertGreaterEqual(min(c for (c,) in celebrity_followers), 250)
        db.close()

        server = Server(data_dir=a).start()
        try:
            account_id, token = lines[10].split("\t")
            status, _, me = server.request("GET", "/api/v1/accounts/verify_credentials", token=token)
            self.assertEqual((status, me["id"]), (200, account_id))
            status, _, home = server.request("GET", "/api/v1/timelines/home?limit=40", token=token)
            self.assertEqual(status, 200)
            status, _, public = server.request("GET", "/api/v1/timelines/public?limit=40")
            self.assertEqual(len(public), 40)
            def plain(s):  # the text a status shows (no `text` but in a DELETE response)
                return html.unescape(re.sub(r"<[^>]+>", "", s["content"]))
            for s in public:
                self.assertNotIn("text", s)
                self.assertLessEqual(len(plain(s)), 140 + 30)  # URLs count 23 whatever their length
                self.assertTrue(s["content"].startswith("<p>"))
            status, _, post = server.request("POST", "/api/v1/statuses", {"status": "Bonjour !"},
                                             token=token)
            self.assertEqual(status, 200, post)  # ids stay above the seeded ones
            # The seeded posts are in the full-text index (rebuilt after the load),
            # and so is the new one.
            word = plain(public[0]).split()[0].strip("#@.,!?:")
            status, _, found = server.request(
                "GET", "/api/v2/search?type=statuses&q=" + urllib.parse.quote(word), token=token)
            self.assertEqual(status, 200)
            self.assertTrue(found["statuses"], word)
            status, _, found = server.request("GET", "/api/v2/search?type=statuses&q=bonjour",
                                              token=token)
            self.assertIn(post["id"], [s["id"] for s in found["statuses"]])
        finally:
            server.stop()

    def test_image_every_4_gives_one_post_in_four_an_image_as_an_upload_and_a_post_leave_it(self):
        data, tokens = os.path.join(self.dir, "img"), os.path.join(self.dir, "img.tokens")
        run = seed(data, tokens, 7, "--image-every", "4")
        self.assertEqual(run.returncode, 0, run.stderr)
        # The same community as without images: the images take nothing from the generator.
        plain_data = os.path.join(self.dir, "plain")
        self.assertEqual(seed(plain_data, os.path.join(self.dir, "p.tokens"), 7).returncode, 0)
        self.assertEqual(summary(data)[2], summary(plain_data)[2])
        db = sqlite3.connect(os.path.join(data, "piaf.db"))
        ids = [i for (i,) in db.execute("SELECT id FROM statuses ORDER BY id")]
        with_media = {i for (i,) in db.execute("SELECT id FROM statuses WHERE media <> ''")}
        self.assertEqual(with_media, set(ids[3::4]))  # the 4th, 8th, ... post
        rows = db.execute("SELECT count(*), count(DISTINCT id), min(state), max(state), "
                          "count(DISTINCT file) FROM media_attachments WHERE status_id IN "
                          "(SELECT id FROM statuses WHERE media <> '')").fetchone()
        self.assertEqual(rows[:4], (750, 750, 1, 1))  # one row each, attached, ready
        self.assertEqual(db.execute("SELECT count(*) FROM media_attachments").fetchone()[0], 750)
        self.assertGreater(rows[4], 1)  # several images, shared by the posts
        self.assertEqual(db.execute(
            "SELECT count(*) FROM media_attachments m JOIN statuses s ON s.id = m.status_id "
            "WHERE m.account_id <> s.account_id").fetchone()[0], 0)  # the author's own
        db.close()
        # No plain-community store has media.
        self.assertFalse(os.path.exists(os.path.join(plain_data, "media")))

        server = Server(data_dir=data).start()
        try:
            with open(tokens) as f:
                accounts = [line.split("\t") for line in f.read().splitlines()]
            seen, max_id = [], ""
            while len(seen) < 200:
                status, _, page = server.request(
                    "GET", "/api/v1/timelines/public?limit=40" + max_id)
                self.assertEqual(status, 200)
                seen += page
                max_id = "&max_id=" + page[-1]["id"]
            for s in seen:
                self.assertEqual(len(s["media_attachments"]), 1 if int(s["id"]) in with_media else 0)
            pictured = [s for s in seen if s["media_attachments"]]
            self.assertAlmostEqual(len(pictured) / len(seen), 0.25, delta=0.05)
            for _, token in accounts[:20]:  # a home with images: posts of others followed
                status, _, home = server.request("GET", "/api/v1/timelines/home?limit=40",
                                                 token=token)
                self.assertEqual(status, 200)
                if any(s["media_attachments"] for s in home):
                    break
            else:
                self.fail("no home shows an image")
            seeded_status = pictured[0]
            seeded = seeded_status["media_attachments"][0]
            for url in (seeded["url"], seeded["preview_url"]):
                with urllib.request.urlopen(url, timeout=10) as r:
                    self.assertEqual(r.status, 200)
                    self.assertEqual(r.headers["Content-Type"], "image/jpeg")
                    if url == seeded["url"]:
                        original = r.read()
            _, _, again = server.request("GET", f"/api/v1/statuses/{seeded_status['id']}")
            self.assertEqual(again["media_attachments"], [seeded])

            # The same image uploaded and posted through the API: the same entity.
            content_type, body = multipart([("description", seeded["description"])],
                                           [("file", "x.jpg", "image/jpeg", original)])
            status, _, upload = server.request("POST", "/api/v2/media", body, token,
                                               content_type=content_type)
            self.assertIn(status, (200, 202), upload)
            for _ in range(200):
                status, _, upload = server.request("GET", f"/api/v1/media/{upload['id']}",
                                                   token=token)
                if status != 206:
                    break
                time.sleep(0.05)
            self.assertEqual(status, 200, upload)
            status, _, posted = server.request("POST", "/api/v1/statuses",
                                               {"status": "Look", "media_ids": [upload["id"]]},
                                               token=token)
            self.assertEqual(status, 200, posted)
            real = posted["media_attachments"][0]

            def shape(v):
                if isinstance(v, dict):
                    return {k: shape(x) for k, x in v.items()}
                return type(v).__name__
            self.assertEqual(shape(seeded), shape(real))
            _, _, posted_again = server.request("GET", f"/api/v1/statuses/{posted['id']}")
            self.assertEqual(sorted(again), sorted(posted_again))
            self.assertEqual(shape(again["media_attachments"]), shape(posted_again["media_attachments"]))
            for k in ("type", "description", "remote_url", "text_url"):
                self.assertEqual(seeded[k], real[k], k)
            # Its original is at most 3840x2160's pixels already: the same sizes again.
            self.assertEqual(seeded["meta"], real["meta"])
            self.assertTrue(seeded["url"].startswith(server.base + "/media/"))
        finally:
            server.stop()


if __name__ == "__main__":
    unittest.main()
