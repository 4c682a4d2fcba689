// `piaf serve` and `piaf admin ...`: wiring the concrete backends (the only
// place that names them) and the command lines.
#pragma once

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

namespace piaf::app {

// Adds the `serve` and `admin` subcommands to `app`; returns a function to
// run after parsing (0 when neither was chosen... the caller checks parsed()).
void AddServerCommands(CLI::App& app);

// argv, with the PIAF_* environment variables of `serve` turned into flags.
std::vector<std::string> ArgumentsWithEnvironment(int argc, char** argv);

}  // namespace piaf::app
