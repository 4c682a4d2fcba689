#include "text/html.h"

#include <gtest/gtest.h>

namespace piaf::text {
namespace {

std::string Render(std::u32string_view t) {
  LinkTargets targets{
      [](std::string_view u) { return "https://piaf.example/@" + std::string(u); },
      [](std::string_view h) { return "https://piaf.example/tags/" + std::string(h); }};
  return RenderHtml(t, ExtractEntities(t), targets);
}

TEST(RenderHtml, EscapesEverything) {
  EXPECT_EQ(Render(U"<script>alert('x')</script> & \"q\""),
            "<p>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;</p>");
}

TEST(RenderHtml, LinksMentionsHashtagsAndUrls) {
  EXPECT_EQ(Render(U"@simon #ONG iteco.be"),
            "<p><span class=\"h-card\"><a href=\"https://piaf.example/@simon\" "
            "class=\"u-url mention\">@<span>simon</span></a></span> "
            "<a href=\"https://piaf.example/tags/ONG\" class=\"mention hashtag\" "
            "rel=\"tag\">#<span>ONG</span></a> "
            "<a href=\"http://iteco.be\" target=\"_blank\" rel=\"nofollow noopener noreferrer\">"
            "iteco.be</a></p>");
}

TEST(RenderHtml, KeepsTheSchemeOfUrlsThatHaveOne) {
  std::string html = Render(U"HTTPS://example.com/a?b=1&c=2");
  EXPECT_NE(html.find("href=\"HTTPS://example.com/a?b=1&amp;c=2\""), std::string::npos) << html;
}

TEST(RenderHtml, TurnsNewlinesIntoBreaksAndParagraphs) {
  EXPECT_EQ(Render(U"a\nb\n\nc"), "<p>a<br />b</p><p>c</p>");
}

TEST(RenderHtml, EscapesUrlsInAttributes) {
  std::string html = Render(U"http://x.com/a'b");
  EXPECT_EQ(html.find("'"), std::string::npos) << html;
}

}  // namespace
}  // namespace piaf::text
