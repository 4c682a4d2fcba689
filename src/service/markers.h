// Markers (Mastodon's /api/v1/markers): where the viewer stopped reading its
// home timeline and its notifications, saved by one client so that another
// picks up there. What is unread is the client's business: it compares ids
// with the marker.
#pragma once

#include <string>
#include <vector>

#include "service/context.h"

namespace piaf::service {

// Whether markers are kept for `timeline`: "home" and "notifications".
bool IsMarkerTimeline(std::string_view timeline);

struct MarkerInput {
  std::string timeline;
  Id last_read_id = 0;
};

// The viewer's markers of these timelines, each once, in the order asked;
// timelines unknown or never saved are left out. The viewer has an account.
std::vector<store::Marker> GetMarkers(Context& ctx, const Viewer& viewer,
                                      const std::vector<std::string>& timelines);
// Saves each marker (timelines unknown are ignored; a timeline given twice,
// the last), each save one version more; returns the markers saved.
std::vector<store::Marker> SaveMarkers(Context& ctx, const Viewer& viewer,
                                       const std::vector<MarkerInput>& markers);

}  // namespace piaf::service
