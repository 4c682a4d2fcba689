// `piaf text parse` through the real binary: the exact output schema, and
// bad lines answered with an error while the run goes on.
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <iterator>
#include <random>
#include <sstream>
#include <string>
#include <vector>

namespace {

std::vector<std::string> RunParse(const std::string& input, const std::string& args = "") {
  char path[] = "/tmp/piaf_cli_test_XXXXXX";
  int fd = mkstemp(path);
  EXPECT_GE(fd, 0);
  {
    std::ofstream f(path, std::ios::binary);
    f << input;
  }
  std::string cmd = std::string(PIAF_BINARY) + " text parse " + args + " < " + path;
  FILE* p = popen(cmd.c_str(), "r");
  std::string out;
  char buf[4096];
  while (std::size_t n = fread(buf, 1, sizeof buf, p)) out.append(buf, n);
  EXPECT_EQ(pclose(p), 0);
  std::remove(path);
  close(fd);
  std::vector<std::string> lines;
  std::stringstream ss(out);
  for (std::string l; std::getline(ss, l);) lines.push_back(l);
  return lines;
}

TEST(TextParse, WritesTheSchemaToTheLetter) {
  auto lines = RunParse("\"@simon #ONG http://iteco.be $GOOG\"\n");
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0],
            "{\"weighted_length\": 41, \"valid\": true, "
            "\"mentions\": [{\"username\": \"simon\", \"indices\": [0, 6]}], "
            "\"hashtags\": [{\"tag\": \"ONG\", \"indices\": [7, 11]}], "
            "\"urls\": [{\"url\": \"http://iteco.be\", \"indices\": [12, 27]}], "
            "\"cashtags\": [{\"symbol\": \"GOOG\", \"indices\": [28, 33]}]}");
}

TEST(TextParse, CountsTheInterviewSentenceAsTooLongUnderClassic) {
  auto lines = RunParse(
      "\"SB : Dans les comptes Twitter des organisations peut-être. Mais les choses "
      "intéressantes passent souvent par les personnes qui travaillent dans les ONG.\"\n");
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_NE(lines[0].find("\"weighted_length\": 152, \"valid\": false"), std::string::npos)
      << lines[0];
}

TEST(TextParse, WeightedConfigCountsCjkTwice) {
  auto lines = RunParse("\"日本語\"\n", "--config weighted");
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_NE(lines[0].find("\"weighted_length\": 6"), std::string::npos) << lines[0];
  lines = RunParse("\"日本語\"\n");
  EXPECT_NE(lines[0].find("\"weighted_length\": 3"), std::string::npos) << lines[0];
}

TEST(TextParse, TextsMayHoldNewlinesAndIndicesAreCodePoints) {
  auto lines = RunParse("\"\\ud83d\\ude00\\n#tag\"\n");
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_NE(lines[0].find("{\"tag\": \"tag\", \"indices\": [2, 6]}"), std::string::npos)
      << lines[0];
}

TEST(TextParse, BadLinesGetAnErrorAndTheRunGoesOn) {
  std::string input =
      "not json\n"
      "42\n"
      "\"\\ud800\"\n"
      "\"\xC3\x28\"\n"
      "\n"
      "[\"a\"]\n"
      "\"ok\"\n";
  auto lines = RunParse(input);
  ASSERT_EQ(lines.size(), 7u);
  for (int i = 0; i < 6; ++i) {
    EXPECT_EQ(lines[i].rfind("{\"error\": \"", 0), 0u) << i << ": " << lines[i];
  }
  EXPECT_EQ(lines[6].rfind("{\"weighted_length\": 2, \"valid\": true", 0), 0u) << lines[6];
}

// Random bytes, random code points (lone surrogates and noncharacters among
// them) and random JSON around them: every line gets one answer, and the
// program (built with ASan and UBSan by the test command) survives.
TEST(TextParse, AnswersEveryLineOfGarbage) {
  std::mt19937 rng(20261127);
  std::string input;
  const int kLines = 3000;
  const char* fragments[] = {"\\u", "\\ud83d", "\\ude00",      "\\\"",        "@",    "#",
                             "$",   ".",       "http://",      "t.co/",       "xn--", "(",
                             ")",   "\\n",     "\xEF\xBF\xBF", "\xF0\x9F\x98"};
  for (int i = 0; i < kLines; ++i) {
    std::string line;
    switch (rng() % 3) {
      case 0:  // raw bytes, no newline
        for (int n = rng() % 80; n > 0; --n) {
          char c = static_cast<char>(rng() % 256);
          line.push_back(c == '\n' ? ' ' : c);
        }
        break;
      case 1:  // a JSON string of escaped code points, surrogates included
        line = "\"";
        for (int n = rng() % 60; n > 0; --n) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(rng() % 0x10000));
          line += buf;
        }
        line += "\"";
        break;
      default:  // a JSON string of tricky fragments
        line = "\"";
        for (int n = rng() % 40; n > 0; --n) line += fragments[rng() % std::size(fragments)];
        line += "\"";
    }
    input += line + "\n";
  }
  auto lines = RunParse(input);
  ASSERT_EQ(lines.size(), static_cast<std::size_t>(kLines));
  for (const auto& l : lines) {
    EXPECT_TRUE(l.rfind("{\"error\": \"", 0) == 0 || l.rfind("{\"weighted_length\": ", 0) == 0)
        << l;
  }
}

TEST(TextParse, RejectsAnUnknownConfig) {
  std::string cmd = std::string(PIAF_BINARY) + " text parse --config huge < /dev/null 2>/dev/null";
  EXPECT_NE(std::system(cmd.c_str()), 0);
}

}  // namespace
