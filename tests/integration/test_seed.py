"""`piaf seed`: a synthetic community, the same for the same seed, whose
tokens work against `piaf serve`."""
import html
import os
import re
import shutil
import sqlite3
import subprocess
import tempfile
import unittest
import urllib.parse

import harness
from harness import Server


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


if __name__ == "__main__":
    unittest.main()
