"""Media attachments, avatars and headers (issue 26) through `piaf serve`:
Debian's Mastodon.py (media_post, media_update, status_post with media_ids,
account_update_credentials with avatar and header) and raw HTTP for the
answers and errors as docs.joinmastodon.org gives them. The images are the
small committed set of tests/integration/media/ (made once with libvips, see
its README); the truncated file and the decompression bomb are made here."""
import json
import os
import socket
import struct
import time
import unittest
import urllib.error
import urllib.request
import uuid
import zlib

from mastodon import Mastodon, MastodonAPIError

from harness import Server

HERE = os.path.dirname(os.path.abspath(__file__))
MEDIA = os.path.join(HERE, "media")

# npm blurhash 2.0.5 over the same pixels (src/media/blurhash_test.cc).
BLURHASH = {
    "orientation6.jpg": "UuHl{EVtaytR}gVsaytQxbaef6kCr=ofj[WB",
    "alpha.png": "U25lm+psf6psqAfkfQfkfQfQfQfQqAfkfQfk",
    "animated.gif": "U6TQZ#^efQ^e~5j@fQj@fQfQfQfQ~5j@fQj@",
    "photo.webp": "URB%#~kVfRkV4la#fQa#w}fRfQfQW@fRfRfR",
}


def sample(name):
    with open(os.path.join(MEDIA, name), "rb") as f:
        return f.read()


def multipart(fields, files):
    """A multipart/form-data body: (content type, bytes)."""
    boundary = "piaf" + uuid.uuid4().hex
    out = b""
    for name, value in fields:
        out += (f"--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n"
                f"{value}\r\n").encode()
    for name, filename, mime, data in files:
        out += (f"--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"; "
                f"filename=\"{filename}\"\r\nContent-Type: {mime}\r\n\r\n").encode()
        out += data + b"\r\n"
    out += f"--{boundary}--\r\n".encode()
    return f"multipart/form-data; boundary={boundary}", out


def bomb_png(width=60000, height=60000):
    """A PNG of a few hundred bytes whose header says 3.6 billion pixels."""
    def chunk(kind, data):
        return (struct.pack(">I", len(data)) + kind + data +
                struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))
    ihdr = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    rows = zlib.compress(b"\0" * (width // 8 + 1) * 4)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", rows) +
            chunk(b"IEND", b""))


def image_size(data):
    """(width, height) of a JPEG or PNG, from its header."""
    if data.startswith(b"\x89PNG"):
        return struct.unpack(">II", data[16:24])
    i = 2
    while i < len(data):
        marker, length = data[i + 1], struct.unpack(">H", data[i + 2:i + 4])[0]
        if marker in (0xC0, 0xC1, 0xC2):
            h, w = struct.unpack(">HH", data[i + 5:i + 9])
            return w, h
        i += 2 + length
    raise ValueError("no size")


class Media(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = Server().start()
        cls.tokens, cls.ids = {}, {}
        for name in ("alice", "bob"):
            cls.server.create_account(name)
            cls.tokens[name] = cls.server.token(name)
            _, _, me = cls.server.request("GET", "/api/v1/accounts/verify_credentials",
                                          token=cls.tokens[name])
            cls.ids[name] = me["id"]
        cls.alice = Mastodon(access_token=cls.tokens["alice"], api_base_url=cls.server.base)

    @classmethod
    def tearDownClass(cls):
        cls.server.cleanup()

    def upload(self, who, data, name="x.jpg", mime="image/jpeg", version="v1", fields=()):
        content_type, body = multipart(fields, [("file", name, mime, data)])
        return self.server.request("POST", f"/api/{version}/media", body, self.tokens[who],
                                   content_type=content_type)

    def fetch(self, url):
        with urllib.request.urlopen(url, timeout=10) as r:
            return r.status, dict(r.headers), r.read()

    def wait_ready(self, who, media_id):
        for _ in range(100):
            status, _, body = self.server.request("GET", f"/api/v1/media/{media_id}",
                                                  token=self.tokens[who])
            if status != 206:
                return status, body
            time.sleep(0.05)
        self.fail("still processing")

    # ------------------------------------------------------------ uploads

    def test_mastodon_py_posts_a_photo_with_alt_text_and_the_status_shows_it(self):
        media = self.alice.media_post(os.path.join(MEDIA, "orientation6.jpg"),
                                      mime_type="image/jpeg", description="A red and blue card",
                                      focus=(0.5, -0.25), synchronous=True)
        self.assertEqual(media["type"], "image")
        self.assertEqual(media["description"], "A red and blue card")
        # Stored 120x80 with EXIF orientation 6: upright it is 80x120.
        self.assertEqual(media["meta"]["original"]["width"], 80)
        self.assertEqual(media["meta"]["original"]["height"], 120)
        self.assertEqual(media["meta"]["original"]["size"], "80x120")
        self.assertAlmostEqual(media["meta"]["original"]["aspect"], 80 / 120)
        self.assertEqual(media["meta"]["focus"], {"x": 0.5, "y": -0.25})
        self.assertEqual(media["blurhash"], BLURHASH["orientation6.jpg"])
        status = self.alice.status_post("Look", media_ids=[media["id"]])
        self.assertEqual(len(status["media_attachments"]), 1)
        attached = status["media_attachments"][0]
        self.assertEqual(attached["id"], media["id"])
        self.assertEqual(attached["url"], media["url"])
        self.assertEqual(attached["description"], "A red and blue card")
        code, headers, data = self.fetch(attached["url"])
        self.assertEqual(code, 200)
        self.assertEqual(headers["Content-Type"], "image/jpeg")
        self.assertEqual(headers["Cache-Control"], "public, max-age=31536000, immutable")
        self.assertEqual(headers["X-Content-Type-Options"], "nosniff")
        self.assertNotIn(b"Exif", data)  # metadata stripped
        self.assertEqual(image_size(data), (80, 120))
        # Read back by anyone who may see the status.
        _, _, again = self.server.request("GET", f"/api/v1/statuses/{status['id']}")
        self.assertEqual(again["media_attachments"][0]["blurhash"], BLURHASH["orientation6.jpg"])

    def test_v2_answers_202_then_the_media_is_200_with_its_url(self):
        status, body = self.upload("alice", sample("photo.webp"), "p.webp", "image/webp", "v2")[::2]
        self.assertEqual(status, 202, body)
        self.assertIsNone(body["url"])
        code, done = self.wait_ready("alice", body["id"])
        self.assertEqual(code, 200, done)
        self.assertTrue(done["url"].startswith(self.server.base + "/media/"))
        self.assertEqual(done["meta"]["small"]["width"], 100)
        self.assertEqual(done["blurhash"], BLURHASH["photo.webp"])

    def test_v1_answers_200_processed(self):
        status, _, body = self.upload("alice", sample("alpha.png"), "a.png", "image/png")
        self.assertEqual(status, 200, body)
        self.assertEqual(body["blurhash"], BLURHASH["alpha.png"])
        code, headers, data = self.fetch(body["url"])
        self.assertEqual(headers["Content-Type"], "image/png")  # transparent: kept PNG
        self.assertEqual(image_size(data), (96, 64))

    def test_gif_gives_its_first_frame_and_the_type_is_what_was_decoded(self):
        # Said to be a PNG: the server reads what it is.
        status, _, body = self.upload("alice", sample("animated.gif"), "x.png", "image/png")
        self.assertEqual(status, 200, body)
        self.assertEqual(body["meta"]["original"]["height"], 60)  # one frame, not two
        self.assertEqual(body["blurhash"], BLURHASH["animated.gif"])
        _, headers, _ = self.fetch(body["url"])
        self.assertEqual(headers["Content-Type"], "image/jpeg")

    def test_a_large_image_has_a_preview_at_most_640_on_its_long_side(self):
        # update_credentials' header is 1500x500: upload the served one.
        content_type, body = multipart([], [("header", "h.webp", "image/webp",
                                             sample("photo.webp"))])
        status, _, me = self.server.request("PATCH", "/api/v1/accounts/update_credentials", body,
                                            self.tokens["bob"], content_type=content_type)
        self.assertEqual(status, 200, me)
        _, _, header = self.fetch(me["header"])
        self.assertEqual(image_size(header), (1500, 500))
        status, _, media = self.upload("bob", header)
        self.assertEqual(status, 200, media)
        self.assertEqual(media["meta"]["small"]["width"], 640)
        self.assertEqual(media["meta"]["small"]["height"], 213)
        _, _, preview = self.fetch(media["preview_url"])
        self.assertEqual(image_size(preview), (640, 213))

    # ------------------------------------------------------------- errors

    def test_a_text_file_is_refused_with_422(self):
        for version in ("v1", "v2"):
            status, _, body = self.upload("alice", b"hello, I am not an image\n", "a.jpg",
                                          "image/jpeg", version)
            self.assertEqual(status, 422, body)
            self.assertIn("not an image", body["error"])

    def test_a_decompression_bomb_is_refused_from_its_header(self):
        bomb = bomb_png()
        self.assertLess(len(bomb), 4096)
        start = time.time()
        status, _, body = self.upload("alice", bomb, "b.png", "image/png", "v2")
        self.assertEqual(status, 422, body)
        self.assertIn("pixels", body["error"])
        self.assertLess(time.time() - start, 2)

    def test_a_truncated_image_is_refused(self):
        jpeg = sample("orientation6.jpg")
        cut = jpeg[:len(jpeg) - 300]  # its header whole, its pixels not
        status, _, body = self.upload("alice", cut)
        self.assertEqual(status, 422, body)
        self.assertIn("error", body)
        # v2 takes it (its header is whole), then says so when asked.
        status, _, body = self.upload("alice", cut, version="v2")
        self.assertEqual(status, 202, body)
        code, failed = self.wait_ready("alice", body["id"])
        self.assertEqual(code, 422, failed)
        self.assertIn("error", failed)
        # And no status takes it.
        status, _, body = self.server.request("POST", "/api/v1/statuses",
                                              {"status": "x", "media_ids": [body["id"]]},
                                              self.tokens["alice"])
        self.assertEqual(status, 422, body)

    def test_an_upload_without_a_file_or_a_token_is_refused(self):
        content_type, body = multipart([("description", "x")], [])
        status, _, answer = self.server.request("POST", "/api/v2/media", body,
                                                self.tokens["alice"], content_type=content_type)
        self.assertEqual(status, 422, answer)
        content_type, body = multipart([], [("file", "a.png", "image/png", sample("alpha.png"))])
        status, _, answer = self.server.request("POST", "/api/v2/media", body,
                                                content_type=content_type)
        self.assertEqual(status, 401, answer)

    def test_an_upload_may_be_larger_than_other_bodies(self):
        big = b"x" * (3 << 20)
        status, _, body = self.upload("alice", big)
        self.assertEqual(status, 422, body)  # read whole, then found not to be an image
        try:
            status, _, body = self.server.request("POST", "/api/v1/statuses",
                                                  {"status": "y" * (3 << 20)},
                                                  self.tokens["alice"])
            self.assertEqual(status, 413, body)
        except urllib.error.URLError as e:  # answered 413 and closed while we still sent
            self.assertIsInstance(e.reason, (BrokenPipeError, ConnectionResetError))

    # ------------------------------------------------ description, focus

    def test_description_and_focus_are_updated_while_unattached_only(self):
        _, _, media = self.upload("alice", sample("alpha.png"))
        updated = self.alice.media_update(media["id"], description="Green fading",
                                          focus=(-1, 1))
        self.assertEqual(updated["description"], "Green fading")
        self.assertEqual(updated["meta"]["focus"], {"x": -1, "y": 1})
        status, _, body = self.server.request("PUT", f"/api/v1/media/{media['id']}",
                                              {"focus": "2,0"}, self.tokens["alice"])
        self.assertEqual(status, 422, body)
        status, _, body = self.server.request("PUT", f"/api/v1/media/{media['id']}",
                                              {"description": "x" * 1501}, self.tokens["alice"])
        self.assertEqual(status, 422, body)
        # Another's: not found, to see and to change.
        for method in ("GET", "PUT"):
            status, _, body = self.server.request(method, f"/api/v1/media/{media['id']}",
                                                  {"description": "mine"} if method == "PUT"
                                                  else None, self.tokens["bob"])
            self.assertEqual(status, 404, body)
        self.alice.status_post("Green", media_ids=[media["id"]])
        status, _, body = self.server.request("PUT", f"/api/v1/media/{media['id']}",
                                              {"description": "later"}, self.tokens["alice"])
        self.assertEqual(status, 404, body)

    # ------------------------------------------------------------ statuses

    def test_a_status_takes_up_to_four_of_its_authors_unattached_media(self):
        ids = [self.upload("alice", sample("alpha.png"))[2]["id"] for _ in range(5)]
        status, _, body = self.server.request("POST", "/api/v1/statuses",
                                              {"status": "five", "media_ids": ids},
                                              self.tokens["alice"])
        self.assertEqual(status, 422, body)
        status, _, body = self.server.request("POST", "/api/v1/statuses",
                                              {"status": "not mine", "media_ids": ids[:1]},
                                              self.tokens["bob"])
        self.assertEqual(status, 422, body)
        self.assertIn("not found", body["error"])
        # Four, and no text: a post of photos alone.
        status, _, body = self.server.request("POST", "/api/v1/statuses",
                                              {"media_ids": ids[:4]}, self.tokens["alice"])
        self.assertEqual(status, 200, body)
        self.assertEqual([m["id"] for m in body["media_attachments"]], ids[:4])
        status, _, body = self.server.request("POST", "/api/v1/statuses",
                                              {"status": "again", "media_ids": ids[:1]},
                                              self.tokens["alice"])
        self.assertEqual(status, 422, body)  # attached already
        status, _, body = self.server.request("POST", "/api/v1/statuses",
                                              {"status": "junk", "media_ids": ["abc"]},
                                              self.tokens["alice"])
        self.assertEqual(status, 422, body)
        status, _, body = self.server.request("POST", "/api/v1/statuses", {"status": ""},
                                              self.tokens["alice"])
        self.assertEqual(status, 422, body)  # neither text nor media

    def test_only_media_lists_the_statuses_with_media(self):
        content_type, body = multipart([], [("file", "w.webp", "image/webp", sample("photo.webp"))])
        _, _, media = self.server.request("POST", "/api/v1/media", body, self.tokens["bob"],
                                          content_type=content_type)
        _, _, with_media = self.server.request("POST", "/api/v1/statuses",
                                               {"status": "pic", "media_ids": [media["id"]]},
                                               self.tokens["bob"])
        self.server.request("POST", "/api/v1/statuses", {"status": "words"}, self.tokens["bob"])
        _, _, listed = self.server.request(
            "GET", f"/api/v1/accounts/{self.ids['bob']}/statuses?only_media=true")
        self.assertEqual([s["id"] for s in listed], [with_media["id"]])
        _, _, everything = self.server.request(
            "GET", f"/api/v1/accounts/{self.ids['bob']}/statuses")
        self.assertGreater(len(everything), 1)

    def test_a_private_posts_media_is_not_shown_and_its_file_name_is_unguessable(self):
        _, _, media = self.upload("alice", sample("photo.webp"))
        _, _, private = self.server.request("POST", "/api/v1/statuses",
                                            {"status": "only friends", "visibility": "private",
                                             "media_ids": [media["id"]]}, self.tokens["alice"])
        status, _, body = self.server.request("GET", f"/api/v1/statuses/{private['id']}",
                                              token=self.tokens["bob"])
        self.assertEqual(status, 404, body)
        _, _, listed = self.server.request(
            "GET", f"/api/v1/accounts/{self.ids['alice']}/statuses?only_media=true",
            token=self.tokens["bob"])
        self.assertNotIn(private["id"], [s["id"] for s in listed])
        # The file is named by a 256-bit hash of its bytes: no id in it.
        name = media["url"].rsplit("/media/", 1)[1]
        self.assertRegex(name, r"^[0-9a-f]{2}/[0-9a-f]{64}\.(jpg|png)$")
        self.assertNotIn(media["id"], media["url"])
        for path in ("/media/" + name[:3] + "0" * 64 + ".jpg", "/media/../piaf.db",
                     "/media/" + name.replace(".jpg", ".png").replace(".png", ".gif")):
            status, _, _ = self.server.request("GET", path)
            self.assertEqual(status, 404, path)

    def test_the_media_streams_carry_public_posts_with_media_only(self):
        for path in ("/api/v1/streaming/public/media", "/api/v1/streaming/public/local/media"):
            s = socket.create_connection(("127.0.0.1", self.server.port))
            s.sendall((f"GET {path} HTTP/1.1\r\nHost: x\r\n\r\n").encode())
            s.settimeout(5)
            data = b""
            while b":)\n" not in data:
                data += s.recv(4096)
            self.assertIn(b"200 OK", data)
            words = self.alice.status_post("Words only " + path)
            media = self.upload("alice", sample("alpha.png"))[2]
            private_media = self.upload("alice", sample("alpha.png"))[2]
            self.server.request("POST", "/api/v1/statuses",
                                {"status": "hidden", "visibility": "private",
                                 "media_ids": [private_media["id"]]}, self.tokens["alice"])
            _, _, pic = self.server.request("POST", "/api/v1/statuses",
                                            {"status": "Pic " + path, "media_ids": [media["id"]]},
                                            self.tokens["alice"])
            while ('"id":"%s"' % pic["id"]).encode() not in data:
                data += s.recv(65536)
            s.close()
            self.assertIn(b"event: update", data)
            self.assertNotIn(('"id":"%s"' % words["id"]).encode(), data)
            self.assertNotIn(b"hidden", data)
            self.assertIn(media["id"].encode(), data)

    # --------------------------------------------------- avatar, header

    def test_avatar_and_header_are_cropped_and_shown_on_the_account(self):
        _, _, before = self.server.request("GET", f"/api/v1/accounts/{self.ids['alice']}")
        self.assertTrue(before["avatar"].endswith("/avatars/original/missing.png"))
        me = self.alice.account_update_credentials(
            avatar=os.path.join(MEDIA, "photo.webp"), avatar_mime_type="image/webp",
            header=os.path.join(MEDIA, "orientation6.jpg"), header_mime_type="image/jpeg")
        self.assertIn("/media/", me["avatar"])
        self.assertEqual(me["avatar"], me["avatar_static"])
        _, _, avatar = self.fetch(me["avatar"])
        self.assertEqual(image_size(avatar), (400, 400))
        _, _, header = self.fetch(me["header"])
        self.assertEqual(image_size(header), (1500, 500))
        _, _, seen = self.server.request("GET", f"/api/v1/accounts/{self.ids['alice']}")
        self.assertEqual(seen["avatar"], me["avatar"])
        content_type, body = multipart([], [("avatar", "a.txt", "image/png", b"plain text")])
        status, _, answer = self.server.request("PATCH", "/api/v1/accounts/update_credentials",
                                                body, self.tokens["alice"],
                                                content_type=content_type)
        self.assertEqual(status, 422, answer)

    # ------------------------------------------------------------ instance

    def test_the_instance_says_its_media_limits(self):
        for path in ("/api/v1/instance", "/api/v2/instance"):
            _, _, instance = self.server.request("GET", path)
            config = instance["configuration"]
            self.assertEqual(config["statuses"]["max_media_attachments"], 4)
            media = config["media_attachments"]
            self.assertEqual(set(media["supported_mime_types"]),
                             {"image/jpeg", "image/png", "image/gif", "image/webp"})
            self.assertEqual(media["image_size_limit"], 16 * 1024 * 1024)
            self.assertEqual(media["image_matrix_limit"], 33177600)


if __name__ == "__main__":
    unittest.main()
