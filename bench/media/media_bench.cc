// Images processed per second on one core through Piaf's own pipeline
// (media::ProcessImage: decode with shrink-on-load, orientation, the
// original re-encoded at most 3840x2160's pixels, a 640 px preview, the
// blurhash), each file in turn, for at least `seconds`.
//   media_bench SECONDS FILE...
// Prints one JSON line: {"images":N,"seconds":S,"per_second":R,"original_bytes":B,...}.
#include <sys/resource.h>

#include <chrono>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "media/processor.h"

int main(int argc, char** argv) {
  if (argc < 3) {
    std::cerr << "usage: media_bench SECONDS FILE...\n";
    return 2;
  }
  double seconds = std::stod(argv[1]);
  std::vector<std::string> files;
  for (int i = 2; i < argc; ++i) {
    std::ifstream in(argv[i], std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    files.push_back(s.str());
  }
  piaf::media::Init();  // one vips thread: one core
  using Clock = std::chrono::steady_clock;
  auto start = Clock::now();
  long images = 0;
  std::size_t original_bytes = 0, preview_bytes = 0;
  std::string blurhash;
  int width = 0, height = 0;
  while (std::chrono::duration<double>(Clock::now() - start).count() < seconds) {
    for (const auto& f : files) {
      auto p = piaf::media::ProcessImage(f, piaf::media::Limits{});
      if (!p) {
        std::cerr << "failed: " << p.error().safe_message << " " << p.error().detail << "\n";
        return 1;
      }
      ++images;
      original_bytes = p->original.bytes.size();
      preview_bytes = p->preview.bytes.size();
      width = p->original.width;
      height = p->original.height;
      blurhash = p->blurhash;
    }
  }
  double elapsed = std::chrono::duration<double>(Clock::now() - start).count();
  // CPU time too: on a shared machine the wall clock counts others' work.
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  double cpu = usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6 + usage.ru_stime.tv_sec +
               usage.ru_stime.tv_usec / 1e6;
  std::cout << "{\"images\":" << images << ",\"seconds\":" << elapsed
            << ",\"per_second\":" << images / elapsed << ",\"cpu_seconds\":" << cpu
            << ",\"per_cpu_second\":" << images / cpu << ",\"original\":\"" << width << "x"
            << height << "\",\"original_bytes\":" << original_bytes
            << ",\"preview_bytes\":" << preview_bytes << ",\"blurhash\":\"" << blurhash << "\"}\n";
  return 0;
}
