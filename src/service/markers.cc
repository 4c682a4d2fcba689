#include "service/markers.h"

#include <algorithm>

namespace piaf::service {

bool IsMarkerTimeline(std::string_view timeline) {
  return timeline == "home" || timeline == "notifications";
}

std::vector<store::Marker> GetMarkers(Context& ctx, const Viewer& viewer,
                                      const std::vector<std::string>& timelines) {
  std::vector<std::string> known;
  for (const auto& t : timelines) {
    if (IsMarkerTimeline(t) && std::find(known.begin(), known.end(), t) == known.end()) {
      known.push_back(t);
    }
  }
  return ctx.store.GetMarkers(*viewer.account_id, known);
}

std::vector<store::Marker> SaveMarkers(Context& ctx, const Viewer& viewer,
                                       const std::vector<MarkerInput>& markers) {
  std::vector<store::Marker> saved;
  for (std::size_t i = 0; i < markers.size(); ++i) {
    const auto& m = markers[i];
    if (!IsMarkerTimeline(m.timeline)) continue;
    bool given_again =
        std::any_of(markers.begin() + static_cast<std::ptrdiff_t>(i) + 1, markers.end(),
                    [&](const MarkerInput& later) { return later.timeline == m.timeline; });
    if (given_again) continue;
    saved.push_back(
        ctx.store.PutMarker(*viewer.account_id, m.timeline, m.last_read_id, ctx.clock.NowMs()));
  }
  return saved;
}

}  // namespace piaf::service
