"""toot 0.34 (Debian) against `piaf serve`: login_cli over plain http, post,
timeline, thread."""
import re
import unittest

from harness import TootTestCase


class Toot(TootTestCase):
    def test_login_post_and_read(self):
        host = f"127.0.0.1:{self.server.port}"
        out = self.toot("login_cli", "--disable-https", "-i", host, "-e", "alice@example.org",
                        stdin="correct horse battery\n")
        self.assertIn("Successfully logged in", out)
        out = self.toot("post", "Bonjour depuis toot ! #ONG")
        url = re.search(r"(http://\S+)", out).group(1)
        status_id = url.rstrip("/").split("/")[-1]
        timeline = self.toot("timeline", "--once")
        self.assertIn("Bonjour depuis toot", timeline)
        self.toot("post", "Une réponse", "--reply-to", status_id)
        thread = self.toot("thread", status_id)
        self.assertIn("Bonjour depuis toot", thread)
        self.assertIn("Une réponse", thread)
        self.assertIn("alice", self.toot("whoami"))


if __name__ == "__main__":
    unittest.main()
