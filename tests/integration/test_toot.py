"""toot 0.34 (Debian) against `piaf serve`: login_cli over plain http, post,
timeline, thread."""
import os
import re
import shutil
import subprocess
import tempfile
import unittest

from harness import Server


class Toot(unittest.TestCase):
    def setUp(self):
        self.server = Server().start()
        self.server.create_account("alice", password="correct horse battery")
        self.config = tempfile.mkdtemp(prefix="toot-config-")

    def tearDown(self):
        self.server.cleanup()
        shutil.rmtree(self.config, ignore_errors=True)

    def toot(self, *args, stdin=None):
        env = dict(os.environ, XDG_CONFIG_HOME=self.config, HOME=self.config)
        # A new session has no controlling terminal, so toot's password prompt
        # (getpass) reads standard input.
        out = subprocess.run(["toot", *args], capture_output=True, text=True, env=env, timeout=60,
                             input=stdin, start_new_session=True)
        self.assertEqual(out.returncode, 0, out.stdout + out.stderr)
        return out.stdout

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
