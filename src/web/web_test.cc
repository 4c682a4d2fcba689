#include <gtest/gtest.h>

#include "web/assets.h"
#include "web/catalog.h"
#include "web/document.h"
#include "web/embedded.h"

namespace piaf::web {
namespace {

TEST(PlainText, DropsTagsDecodesEntitiesAndCuts) {
  EXPECT_EQ(PlainText("<p>Bonjour <a href=\"/@bob\">@<span>bob</span></a> &amp; &lt;co&gt;</p>"
                      "<p>second&#39;s&quot;</p>"),
            "Bonjour @bob & <co> second's\"");
  EXPECT_EQ(PlainText("<p>ligne<br />suivante</p>"), "ligne suivante");
  EXPECT_EQ(PlainText("<p>\xC3\xA9t\xC3\xA9 chaud</p>", 3), "\xC3\xA9t\xC3\xA9\xE2\x80\xA6");
  EXPECT_EQ(PlainText("<p>unclosed <b"), "unclosed");
}

TEST(PickLanguage, TakesTheParameterThenAcceptLanguageByQuality) {
  EXPECT_EQ(PickLanguage("fr", "en-US"), "fr");
  EXPECT_EQ(PickLanguage("de", "fr-FR,fr;q=0.9,en;q=0.8"), "fr");
  EXPECT_EQ(PickLanguage("", "de-DE, en;q=0.5, fr;q=0.7"), "fr");
  EXPECT_EQ(PickLanguage("", "en-GB,fr;q=0.3"), "en");
  EXPECT_EQ(PickLanguage("", "de"), "en");
  EXPECT_EQ(PickLanguage("", ""), "en");
}

TEST(Catalog, PluralsByLanguageAndFallsBackToEnglish) {
  Catalog c(
      R"({"n": {"one": "{count} post", "other": "{count} posts"}, "hi": "Hi {name}",
               "only_en": "English"})",
      R"({"n": {"one": "{count} message", "other": "{count} messages"}, "hi": "Salut {name}"})");
  EXPECT_EQ(c.Plural("en", "n", 0), "0 posts");
  EXPECT_EQ(c.Plural("en", "n", 1), "1 post");
  EXPECT_EQ(c.Plural("fr", "n", 0), "0 message");  // French "one" is 0 and 1
  EXPECT_EQ(c.Plural("fr", "n", 2), "2 messages");
  EXPECT_EQ(c.T("fr", "hi", {{"name", "Ana"}}), "Salut Ana");
  EXPECT_EQ(c.T("fr", "only_en"), "English");
  EXPECT_EQ(c.T("fr", "missing"), "missing");
  // What an argument brings is not filled again.
  EXPECT_EQ(c.T("en", "hi", {{"name", "x {name} {count}"}}), "Hi x {name} {count}");
}

// Both catalogs compiled in have the same keys.
TEST(Catalog, TheServersCatalogsHaveTheSameKeys) {
  Catalog c(EmbeddedCatalog("en"), EmbeddedCatalog("fr"));
  Catalog en_only(EmbeddedCatalog("en"), "{}");
  Catalog fr_only("{}", EmbeddedCatalog("fr"));
  for (const char* key : {"page.sign_in", "auth.sign_in", "auth.create_link", "page.posts_by"}) {
    EXPECT_NE(en_only.T("en", key), key);
    EXPECT_NE(fr_only.T("fr", key), key);
    EXPECT_NE(c.T("fr", key), c.T("en", key)) << key;
  }
}

TEST(Document, EscapesTheHeadAndLinksTheApp) {
  Manifest m{"/assets/main-1.js", "/assets/main-1.css", {"/assets/chunk-2.js"},
             {{"en", "/assets/en-3.js"}, {"fr", "/assets/fr-4.js"}}};
  Head h;
  h.lang = "fr";
  h.title = "<script>alert(1)</script>";
  h.description = "\"quoted\" & more";
  h.url = "http://x/@a";
  std::string html = Document(m, h, "<p>body</p>");
  EXPECT_NE(html.find("<html lang=\"fr\">"), std::string::npos);
  EXPECT_NE(html.find("<title>&lt;script&gt;alert(1)&lt;/script&gt;</title>"), std::string::npos);
  EXPECT_EQ(html.find("<script>alert"), std::string::npos);
  EXPECT_NE(html.find("property=\"og:description\" content=\"&quot;quoted&quot; &amp; more\""),
            std::string::npos);
  EXPECT_NE(html.find("<link rel=\"stylesheet\" href=\"/assets/main-1.css\">"), std::string::npos);
  EXPECT_NE(html.find("<script type=\"module\" src=\"/assets/main-1.js\"></script>"),
            std::string::npos);
  EXPECT_NE(html.find("<link rel=\"modulepreload\" href=\"/assets/chunk-2.js\">"),
            std::string::npos);
  // The page's language's strings only.
  EXPECT_NE(html.find("<link rel=\"modulepreload\" href=\"/assets/fr-4.js\">"),
            std::string::npos);
  EXPECT_EQ(html.find("/assets/en-3.js"), std::string::npos);
  EXPECT_NE(html.find("<div id=\"app\"><p>body</p></div>"), std::string::npos);
}

// The build compiled in has the files its manifest names, each with its
// compressed forms, and compressing pays over the whole first load.
TEST(EmbeddedAssets, HoldTheManifestsFilesCompressed) {
  auto assets = EmbeddedAssets();
  Manifest m = assets->GetManifest();
  std::vector<std::string> paths = m.preload;
  paths.push_back(m.entry_js);
  paths.push_back(m.entry_css);
  std::size_t body = 0, gzip = 0, brotli = 0;
  for (const auto& path : paths) {
    auto a = assets->Find(path);
    ASSERT_TRUE(a) << path;
    EXPECT_FALSE(a->body.empty());
    EXPECT_FALSE(a->gzip.empty());
    EXPECT_FALSE(a->brotli.empty());
    body += a->body.size();
    gzip += a->gzip.size();
    brotli += a->brotli.size();
  }
  EXPECT_LT(gzip, body);
  EXPECT_LT(brotli, body);
  EXPECT_FALSE(assets->Find("/assets/../manifest.json"));
}

}  // namespace
}  // namespace piaf::web
