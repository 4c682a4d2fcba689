// piaf: the microblogging server and its tools, one binary.
#include <CLI/CLI.hpp>
#include <iostream>
#include <string>
#include <vector>

#include "app/seed.h"
#include "app/server_command.h"
#include "app/text_command.h"

int main(int argc, char** argv) {
  std::ios::sync_with_stdio(false);
  CLI::App app{"Piaf, a microblogging server"};
  app.require_subcommand(1);

  auto* text = app.add_subcommand("text", "The text engine: length and entities of posts");
  text->require_subcommand(1);
  std::string config_name = "classic";
  auto* parse = text->add_subcommand(
      "parse", "Read one JSON string per line, write its length and entities as JSON");
  parse->add_option("--config", config_name, "Length configuration")
      ->check(CLI::IsMember({"classic", "weighted"}));
  auto* html = text->add_subcommand("html", "Read one JSON string per line, write its HTML");

  piaf::app::AddServerCommands(app);
  piaf::app::AddSeedCommand(app);

  std::vector<std::string> args = piaf::app::ArgumentsWithEnvironment(argc, argv);
  std::vector<char*> argv2;
  for (auto& a : args) argv2.push_back(a.data());
  CLI11_PARSE(app, static_cast<int>(argv2.size()), argv2.data());

  if (parse->parsed()) {
    const auto& config = config_name == "weighted" ? piaf::text::LengthConfig::Weighted()
                                                   : piaf::text::LengthConfig::Classic();
    return piaf::app::RunTextParse(std::cin, std::cout, config);
  }
  if (html->parsed()) return piaf::app::RunTextHtml(std::cin, std::cout);
  return 0;
}
