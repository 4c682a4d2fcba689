"""Settings: a TOML file under [serve], PIAF_* variables over it, flags over
both; closed registrations; the weighted length configuration."""
import os
import tempfile
import unittest

import harness
from harness import Server


class Settings(unittest.TestCase):
    def test_flags_over_environment_over_file(self):
        with tempfile.NamedTemporaryFile("w", suffix=".toml", delete=False) as f:
            f.write('[serve]\ninstance-name = "Depuis le fichier"\nregistrations = "closed"\n'
                    'length = "weighted"\n')
            path = f.name
        os.environ["PIAF_INSTANCE_NAME"] = "Depuis l'environnement"
        try:
            server = Server(extra_args=["--config", path]).start()
            try:
                _, _, instance = server.request("GET", "/api/v1/instance")
                self.assertEqual(instance["title"], "Depuis l'environnement")
                self.assertFalse(instance["registrations"])
                self.assertEqual(instance["configuration"]["statuses"]["max_characters"], 280)
                self.assertEqual(instance["configuration"]["piaf"]["length"], "weighted")
                _, _, v2 = server.request("GET", "/api/v2/instance")
                self.assertEqual(v2["configuration"]["piaf"]["length"], "weighted")
                status, _, app = server.request("POST", "/api/v1/apps",
                                                {"client_name": "r", "scopes": "read write"})
                _, _, tok = server.request("POST", "/oauth/token", {
                    "grant_type": "client_credentials", "client_id": app["client_id"],
                    "client_secret": app["client_secret"], "scope": "write"})
                status, _, error = server.request("POST", "/api/v1/accounts", {
                    "username": "eve", "email": "eve@example.org", "password": "long password",
                    "agreement": True}, token=tok["access_token"])
                self.assertEqual(status, 403, error)
                server.create_account("alice")
                token = server.token("alice")
                status, _, post = server.request("POST", "/api/v1/statuses", {"status": "x" * 200},
                                                 token=token)
                self.assertEqual(status, 200, post)  # 200 fits under weighted (280)
            finally:
                server.cleanup()
            server = Server(extra_args=["--config", path, "--instance-name", "Depuis la ligne"]).start()
            try:
                _, _, instance = server.request("GET", "/api/v1/instance")
                self.assertEqual(instance["title"], "Depuis la ligne")
            finally:
                server.cleanup()
        finally:
            del os.environ["PIAF_INSTANCE_NAME"]
            os.unlink(path)


if __name__ == "__main__":
    unittest.main()
