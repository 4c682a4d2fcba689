// A small demo community for the README's first command.
#pragma once

#include "service/context.h"

namespace piaf::app {

// Creates the demo people, organization, follows and posts in an empty
// store (through the service verbs, so everything is real). Returns false
// and does nothing when the store already has accounts.
bool SeedDemoCommunity(service::Context& ctx);

// The demo accounts' password.
inline constexpr const char* kDemoPassword = "piaf-demo-2026";

}  // namespace piaf::app
