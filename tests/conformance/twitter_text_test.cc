// Runs the official twitter-text conformance suite (extract.yml, validate.yml
// and the length configurations) against the text engine. The YAML files are
// read in place at run time; PIAF_CONFORMANCE_DIR overrides their folder.
#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <boost/json.hpp>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "core/utf8.h"
#include "text/extract.h"
#include "text/length.h"

namespace piaf::text {
namespace {

std::string ConformanceDir() {
  const char* env = std::getenv("PIAF_CONFORMANCE_DIR");
  return env && *env ? env : PIAF_DEFAULT_CONFORMANCE_DIR;
}

YAML::Node LoadSuite(const std::string& file) {
  std::string path = ConformanceDir() + "/" + file;
  return YAML::LoadFile(path);  // throws (test fails) when missing
}

std::u32string Cps(const std::string& utf8) {
  auto cps = core::DecodeUtf8(utf8);
  EXPECT_TRUE(cps.has_value()) << "test text is not UTF-8";
  return cps.value_or(U"");
}

// Runs `check` on each case of tests.<section>; returns how many ran.
template <typename F>
int ForEachCase(const YAML::Node& suite, const std::string& section, F check) {
  const YAML::Node cases = suite["tests"][section];
  EXPECT_TRUE(cases.IsSequence()) << section << " missing from the suite";
  int n = 0;
  for (const auto& c : cases) {
    SCOPED_TRACE(section + ": " + c["description"].as<std::string>() + " | " +
                 c["text"].as<std::string>());
    check(Cps(c["text"].as<std::string>()), c["expected"]);
    ++n;
  }
  return n;
}

template <typename T, typename F>
std::vector<std::string> Values(const std::vector<T>& items, F f) {
  std::vector<std::string> out;
  for (const auto& i : items) out.push_back(f(i));
  return out;
}

struct WithIndices {
  std::string value;
  std::size_t start, end;
  bool operator==(const WithIndices&) const = default;
};
std::ostream& operator<<(std::ostream& os, const WithIndices& w) {
  return os << w.value << "[" << w.start << "," << w.end << ")";
}

template <typename T, typename F>
std::vector<WithIndices> Indexed(const std::vector<T>& items, F f) {
  std::vector<WithIndices> out;
  for (const auto& i : items) out.push_back({f(i), i.indices.start, i.indices.end});
  return out;
}

std::vector<WithIndices> ExpectedIndexed(const YAML::Node& expected, const std::string& key) {
  std::vector<WithIndices> out;
  for (const auto& e : expected) {
    out.push_back({e[key].as<std::string>(), e["indices"][0].as<std::size_t>(),
                   e["indices"][1].as<std::size_t>()});
  }
  return out;
}

auto username = [](const Mention& m) { return m.username; };
auto tag = [](const Hashtag& h) { return h.tag; };
auto url = [](const Url& u) { return u.url; };
auto symbol = [](const Cashtag& c) { return c.symbol; };

class Extract : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { suite_ = new YAML::Node(LoadSuite("extract.yml")); }
  static void TearDownTestSuite() { delete suite_; }
  static YAML::Node* suite_;
};
YAML::Node* Extract::suite_ = nullptr;

TEST_F(Extract, Mentions) {
  int n = ForEachCase(*suite_, "mentions", [](const std::u32string& t, const YAML::Node& e) {
    EXPECT_EQ(Values(ExtractMentions(t), username), e.as<std::vector<std::string>>());
  });
  EXPECT_GT(n, 0);
  n = ForEachCase(
      *suite_, "mentions_with_indices", [](const std::u32string& t, const YAML::Node& e) {
        EXPECT_EQ(Indexed(ExtractMentions(t), username), ExpectedIndexed(e, "screen_name"));
      });
  EXPECT_GT(n, 0);
}

TEST_F(Extract, Hashtags) {
  for (const char* section : {"hashtags", "hashtags_from_astral"}) {
    int n = ForEachCase(*suite_, section, [](const std::u32string& t, const YAML::Node& e) {
      EXPECT_EQ(Values(ExtractHashtags(t), tag), e.as<std::vector<std::string>>());
    });
    EXPECT_GT(n, 0);
  }
  int n = ForEachCase(*suite_, "hashtags_with_indices",
                      [](const std::u32string& t, const YAML::Node& e) {
                        EXPECT_EQ(Indexed(ExtractHashtags(t), tag), ExpectedIndexed(e, "hashtag"));
                      });
  EXPECT_GT(n, 0);
}

TEST_F(Extract, Cashtags) {
  int n = ForEachCase(*suite_, "cashtags", [](const std::u32string& t, const YAML::Node& e) {
    EXPECT_EQ(Values(ExtractCashtags(t), symbol), e.as<std::vector<std::string>>());
  });
  EXPECT_GT(n, 0);
  n = ForEachCase(*suite_, "cashtags_with_indices",
                  [](const std::u32string& t, const YAML::Node& e) {
                    EXPECT_EQ(Indexed(ExtractCashtags(t), symbol), ExpectedIndexed(e, "cashtag"));
                  });
  EXPECT_GT(n, 0);
}

TEST_F(Extract, Urls) {
  for (const char* section : {"urls", "tco_urls_with_params"}) {
    int n = ForEachCase(*suite_, section, [](const std::u32string& t, const YAML::Node& e) {
      EXPECT_EQ(Values(ExtractUrls(t), url), e.as<std::vector<std::string>>());
    });
    EXPECT_GT(n, 0);
  }
  for (const char* section : {"urls_with_indices", "urls_with_directional_markers"}) {
    int n = ForEachCase(*suite_, section, [](const std::u32string& t, const YAML::Node& e) {
      EXPECT_EQ(Indexed(ExtractUrls(t), url), ExpectedIndexed(e, "url"));
    });
    EXPECT_GT(n, 0);
  }
}

class Validate : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { suite_ = new YAML::Node(LoadSuite("validate.yml")); }
  static void TearDownTestSuite() { delete suite_; }
  static YAML::Node* suite_;
};
YAML::Node* Validate::suite_ = nullptr;

TEST_F(Validate, TweetsUnderClassic) {
  int n = ForEachCase(*suite_, "tweets", [](const std::u32string& t, const YAML::Node& e) {
    EXPECT_EQ(ParseTweet(t, LengthConfig::Classic()).valid, e.as<bool>());
  });
  EXPECT_GT(n, 0);
}

TEST_F(Validate, WeightedCountsUnderWeighted) {
  for (const char* section :
       {"WeightedTweetsWithDiscountedEmojiCounterTest", "UnicodeDirectionalMarkerCounterTest"}) {
    int n = ForEachCase(*suite_, section, [](const std::u32string& t, const YAML::Node& e) {
      TweetLength r = ParseTweet(t, LengthConfig::Weighted());
      EXPECT_EQ(r.weighted_length, e["weightedLength"].as<int>());
      EXPECT_EQ(r.valid, e["valid"].as<bool>());
      EXPECT_EQ(r.permillage, e["permillage"].as<int>());
      if (e["displayRangeEnd"]) {
        EXPECT_EQ(r.display_range_start, e["displayRangeStart"].as<std::size_t>());
        EXPECT_EQ(r.display_range_end, e["displayRangeEnd"].as<std::size_t>());
        EXPECT_EQ(r.valid_range_start, e["validRangeStart"].as<std::size_t>());
        EXPECT_EQ(r.valid_range_end, e["validRangeEnd"].as<std::size_t>());
      }
    });
    EXPECT_GT(n, 0);
  }
}

// The built-in configurations are the published ones.
void ExpectConfigMatches(const std::string& file, const LengthConfig& config) {
  std::ifstream in(ConformanceDir() + "/" + file);
  ASSERT_TRUE(in) << file;
  std::stringstream ss;
  ss << in.rdbuf();
  auto v = boost::json::parse(ss.str()).as_object();
  EXPECT_EQ(v.at("maxWeightedTweetLength").as_int64(), config.max_weighted_length);
  EXPECT_EQ(v.at("scale").as_int64(), config.scale);
  EXPECT_EQ(v.at("defaultWeight").as_int64(), config.default_weight);
  EXPECT_EQ(v.at("transformedURLLength").as_int64(), config.transformed_url_length);
  bool emoji = v.contains("emojiParsingEnabled") && v.at("emojiParsingEnabled").as_bool();
  EXPECT_EQ(emoji, config.emoji_parsing);
  const auto& ranges = v.at("ranges").as_array();
  ASSERT_EQ(ranges.size(), config.ranges.size());
  for (std::size_t i = 0; i < ranges.size(); ++i) {
    const auto& r = ranges[i].as_object();
    EXPECT_EQ(r.at("start").as_int64(), config.ranges[i].start);
    EXPECT_EQ(r.at("end").as_int64(), config.ranges[i].end);
    EXPECT_EQ(r.at("weight").as_int64(), config.ranges[i].weight);
  }
}

TEST(Configs, ClassicIsConfigV1) { ExpectConfigMatches("config-v1.json", LengthConfig::Classic()); }
TEST(Configs, WeightedIsConfigV3) {
  ExpectConfigMatches("config-v3.json", LengthConfig::Weighted());
}

}  // namespace
}  // namespace piaf::text
