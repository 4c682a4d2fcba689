// `piaf seed`: a synthetic community written straight into a fresh store, for
// benchmarks (bench/) and load tests. Interface fixed by issue 4:
//   piaf seed --data-dir DIR --users N --posts P [--follows-avg K]
//             [--celebrities C] [--celebrity-followers F] [--seed S] --tokens-out FILE
#pragma once

#include <CLI/CLI.hpp>

namespace piaf::app {

void AddSeedCommand(CLI::App& app);

}  // namespace piaf::app
