// Parse + count over the mixed corpus (bench/corpus.jsonl): per text, the
// work `piaf text parse` does — weighted length and validity, mentions,
// hashtags, URLs, cashtags. bench/js/text_bench.js does the same through npm
// twitter-text; bench/run.sh runs both and writes REPORT.md.
#include <benchmark/benchmark.h>

#include <boost/json.hpp>
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

#include "core/utf8.h"
#include "text/extract.h"
#include "text/length.h"

namespace {

std::vector<std::string> LoadCorpus() {
  const char* env = std::getenv("PIAF_BENCH_CORPUS");
  std::ifstream in(env ? env : PIAF_BENCH_CORPUS);
  std::vector<std::string> texts;
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) texts.emplace_back(boost::json::parse(line).as_string().c_str());
  }
  if (texts.empty()) std::abort();
  return texts;
}

const std::vector<std::string>& Corpus() {
  static const std::vector<std::string> corpus = LoadCorpus();
  return corpus;
}

void ParseAndCount(benchmark::State& state, const piaf::text::LengthConfig& config) {
  const auto& corpus = Corpus();
  std::size_t i = 0;
  for (auto _ : state) {
    const std::string& utf8 = corpus[i++ % corpus.size()];
    auto text = piaf::core::DecodeUtf8(utf8);
    auto parsed = piaf::text::ParseText(*text, config);
    benchmark::DoNotOptimize(parsed);
  }
  state.SetItemsProcessed(state.iterations());
}

void BM_ParseAndCountClassic(benchmark::State& state) {
  ParseAndCount(state, piaf::text::LengthConfig::Classic());
}
void BM_ParseAndCountWeighted(benchmark::State& state) {
  ParseAndCount(state, piaf::text::LengthConfig::Weighted());
}
BENCHMARK(BM_ParseAndCountClassic);
BENCHMARK(BM_ParseAndCountWeighted);

}  // namespace

BENCHMARK_MAIN();
