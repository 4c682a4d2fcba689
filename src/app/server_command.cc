#include "app/server_command.h"

#include <spdlog/spdlog.h>

#include <chrono>
#include <condition_variable>
#include <future>
#include <mutex>
#include <filesystem>
#include <iostream>
#include <stop_token>
#include <thread>

#include "api/api.h"
#include "app/demo.h"
#include "core/clock.h"
#include "core/id.h"
#include "net/http_server.h"
#include "service/announcements.h"
#include "service/auth.h"
#include "service/distribution.h"
#include "service/media.h"
#include "service/polls.h"
#include "service/rate_limit.h"
#include "service/filters.h"
#include "service/streaming.h"
#include "service/trends.h"
#include "service/verbs.h"
#include "store/sqlite_store.h"
#include "timeline/memory_timeline_cache.h"
#include "web/site.h"

namespace piaf::app {
namespace {

struct ServeOptions {
  std::string listen = "127.0.0.1:8080";
  std::string data_dir = "piaf-data";
  std::string public_url;
  std::string web_dir;  // empty: the web app compiled in
  service::Settings settings;
  std::string registrations = "open";
  int threads = 2;
  int workers = 32;
  std::size_t max_connections = 0;  // 0: from the file descriptor limit
  std::size_t max_connections_per_ip = 256;
  int password_workers = 2;
  int password_queue = 16;
};

// Status snapshots kept as objects (about 1.4 KiB each, with their JSON)
// and packed (StatusPacker): the large profile's ten million statuses fit
// in the second, its RSS under 8 GB (bench/REPORT.md).
constexpr std::size_t kStatusObjects = 1200000, kPackedStatuses = 12000000;

// Everything a running instance holds, wired together.
struct Instance {
  explicit Instance(const std::string& data_dir, const service::Settings& s)
      : data_dir_(data_dir),
        settings(s),
        store((std::filesystem::create_directories(data_dir), data_dir + "/piaf.db")),
        ids(clock),
        snapshots(store, 2000000, kStatusObjects, kPackedStatuses),
        ctx{store, timelines, clock, ids, settings, snapshots, &streaming, &trends},
        throttle(clock, settings.login_attempts, settings.login_window_ms,
                 settings.login_attempts_per_ip),
        limits{service::RateLimit(clock, settings.signups_per_ip, settings.signup_window_ms),
               service::RateLimit(clock, settings.statuses_per_account,
                                  settings.status_window_ms)} {
    ctx.distribution = &distribution;
    ctx.limits = &limits;
    ctx.media = &media;
    ctx.filters = &filters;
    snapshots.StartPacking();
    store.CountInstance();  // counted once here, then kept by the writes
    core::Id last = store.MaxId();
    ids.AtLeast(last);
    auto start = std::chrono::steady_clock::now();
    service::LoadAuthorWindows(ctx);
    spdlog::info("author windows loaded in {:.1f} s",
                 std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    // The trend counters of the last 7 days, while the server already
    // answers (on a large store this takes a while): statuses up to the last
    // one stored here; the newer ones are counted as they are posted.
    trends_loader = std::jthread([this, last](std::stop_token stop) {
      auto start = std::chrono::steady_clock::now();
      try {
        service::LoadTrends(ctx, last, [&] { return stop.stop_requested(); });
      } catch (const std::exception& e) {
        // A damaged store: the server goes on with what it can read (trends
        // start from the posts made from now on) rather than abort.
        spdlog::error("cannot load the trends, the store may be damaged: {}", e.what());
        return;
      }
      spdlog::info("trends loaded in {:.1f} s",
                   std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    });
    // What the admin CLI changes is seen within a second even when no
    // request comes: a suspended account's streams end.
    // Once a minute, the uploads left unattached for a day go.
    // Its connections (a reader, the WAL's descriptor) are opened before
    // the server listens: later the descriptors may all be taken by clients,
    // and the housekeeping must go on.
    std::promise<void> opened;
    auto ready = opened.get_future();
    housekeeping = std::jthread([this, opened = std::move(opened)](std::stop_token stop) mutable {
      try {
        service::ClosePolls(ctx);      // those whose time came while it was down
        service::RemoveOldMedia(ctx);  // a write: the WAL's descriptor
      } catch (const std::exception& e) {
        spdlog::error("housekeeping at start: {}", e.what());
      }
      opened.set_value();
      std::mutex mu;
      std::condition_variable_any tick;
      for (int second = 0; !stop.stop_requested(); ++second) {
        std::unique_lock lock(mu);
        if (tick.wait_for(lock, stop, std::chrono::seconds(1), [] { return false; })) break;
        try {
          service::NoteExternalChanges(ctx);
          if (second % 60 == 0) service::RemoveOldMedia(ctx);
        } catch (const std::exception& e) {
          spdlog::error("looking for changes made elsewhere: {}", e.what());
        }
        try {
          service::ClosePolls(ctx);  // those whose time is up: their voters are told
        } catch (const std::exception& e) {
          spdlog::error("closing polls: {}", e.what());
        }
      }
    });
    ready.wait();
  }
  std::string data_dir_;
  service::Settings settings;
  store::SqliteStore store;
  timeline::MemoryTimelineCache timelines;
  core::SystemClock clock;
  core::IdGenerator ids;
  service::Snapshots snapshots;
  service::Streaming streaming;
  trends::TagTrends trends;
  service::Context ctx;
  service::LoginThrottle throttle;
  service::Limits limits;
  service::FilterCache filters;  // the accounts' filters, the statuses' plain texts
  // Issued by the sign-in page (web), redeemed at /oauth/token (api).
  service::AuthorizationCodes codes{clock};
  // Last: stopped (what they hold run) before what they use.
  // Uploads of /api/v2/media are processed on one thread of their own.
  service::MediaFiles media{data_dir_ + "/media", media::Limits{}, 1};
  service::Distributor distribution;
  std::jthread trends_loader;
  std::jthread housekeeping;
};

void SetUpLogging() {
  spdlog::set_pattern(R"({"time":"%Y-%m-%dT%H:%M:%S.%eZ","level":"%l","message":"%v"})",
                      spdlog::pattern_time_type::utc);
}

int RunServe(const ServeOptions& o) {
  SetUpLogging();
  auto colon = o.listen.rfind(':');
  if (colon == std::string::npos) {
    spdlog::error("--listen wants host:port");
    return 2;
  }
  net::ServerOptions server;
  server.host = o.listen.substr(0, colon);
  server.port = static_cast<std::uint16_t>(std::stoi(o.listen.substr(colon + 1)));
  server.threads = o.threads;
  server.workers = o.workers;
  server.max_connections = o.max_connections;
  server.max_connections_per_ip = o.max_connections_per_ip;
  server.password_workers = o.password_workers;
  server.password_queue = o.password_queue;
  service::Settings settings = o.settings;
  settings.registrations_open = o.registrations == "open";
  std::unique_ptr<Instance> instance;
  try {
    instance = std::make_unique<Instance>(o.data_dir, settings);
  } catch (const std::exception& e) {
    spdlog::error("cannot open the store: {}", e.what());
    return 1;
  }
  api::Api api(instance->ctx, instance->throttle, instance->codes);
  // The web app: its pages and files first, the API for everything else.
  web::Site site(instance->ctx, instance->throttle, instance->codes,
                 o.web_dir.empty() ? web::EmbeddedAssets() : web::DirectoryAssets(o.web_dir));
  try {
    net::Serve(
        server,
        [&](const api::Request& r) {
          if (auto page = site.Handle(r)) return std::move(*page);
          return api.Handle(r);
        },
        [&](std::uint16_t port) {
          if (o.public_url.empty()) {
            instance->settings.public_url = "http://" + server.host + ":" + std::to_string(port);
          } else {
            instance->settings.public_url = o.public_url;
          }
          spdlog::info("listening on {}:{} ({}), data in {}", server.host, port,
                       instance->settings.public_url, o.data_dir);
        });
  } catch (const std::exception& e) {
    spdlog::error("cannot serve: {}", e.what());
    return 1;
  }
  auto writes = instance->store.GetWriteStats();
  spdlog::info(
      "stopped; {} writes committed in {} batches ({:.1f} ms writing, {:.1f} ms committing, "
      "{:.1f} ms syncing; {} batches replayed)",
      writes.writes, writes.batches, writes.write_ns / 1e6, writes.commit_ns / 1e6,
      writes.sync_ns / 1e6, writes.replays);
  auto distributed = instance->distribution.GetStats();
  spdlog::info("{} posts distributed after their answer, {:.3f} ms in the queue on average",
               distributed.jobs,
               distributed.jobs ? distributed.queued_ns / 1e6 / distributed.jobs : 0.0);
  return 0;
}

}  // namespace

std::vector<std::string> ArgumentsWithEnvironment(int argc, char** argv) {
  std::vector<std::string> args(argv, argv + argc);
  if (args.size() < 2 || args[1] != "serve") return args;
  // PIAF_* variables become flags right after `serve`: flags given on the
  // command line come later and win; the config file applies only to what
  // neither set.
  static const std::pair<const char*, const char*> kVariables[] = {
      {"PIAF_LISTEN", "--listen"},
      {"PIAF_DATA_DIR", "--data-dir"},
      {"PIAF_PUBLIC_URL", "--public-url"},
      {"PIAF_WEB_DIR", "--web-dir"},
      {"PIAF_INSTANCE_NAME", "--instance-name"},
      {"PIAF_REGISTRATIONS", "--registrations"},
      {"PIAF_LENGTH", "--length"},
      {"PIAF_THREADS", "--threads"},
      {"PIAF_WORKERS", "--workers"},
      {"PIAF_MAX_CONNECTIONS", "--max-connections"},
      {"PIAF_MAX_CONNECTIONS_PER_IP", "--max-connections-per-ip"},
      {"PIAF_PASSWORD_WORKERS", "--password-workers"},
      {"PIAF_PASSWORD_QUEUE", "--password-queue"},
      {"PIAF_LOGIN_ATTEMPTS", "--login-attempts"},
      {"PIAF_LOGIN_ATTEMPTS_PER_IP", "--login-attempts-per-ip"},
      {"PIAF_SIGNUPS_PER_IP", "--signups-per-ip"},
      {"PIAF_STATUSES_PER_ACCOUNT", "--statuses-per-account"},
      {"PIAF_FANOUT_THRESHOLD", "--fanout-threshold"},
  };
  std::vector<std::string> injected;
  for (const auto& [variable, flag] : kVariables) {
    if (const char* value = std::getenv(variable); value && *value) {
      injected.push_back(std::string(flag) + "=" + value);
    }
  }
  args.insert(args.begin() + 2, injected.begin(), injected.end());
  return args;
}

void AddServerCommands(CLI::App& app) {
  auto o = std::make_shared<ServeOptions>();
  // The settings file: TOML, with the serve options under [serve]
  // (e.g. listen = "0.0.0.0:8080"). Given after `serve` too.
  app.set_config("--config", "", "Settings file (TOML, options under [serve])");
  app.fallthrough();
  auto* serve = app.add_subcommand("serve", "Run the server");
  // Settings come from flags, then PIAF_* variables, then the --config file
  // (see ArgumentsWithEnvironment), so every option takes the last value given.
  serve
      ->add_option("--listen", o->listen, "host:port")

      ->capture_default_str();
  serve
      ->add_option("--data-dir", o->data_dir, "Where the store lives")

      ->capture_default_str();
  serve->add_option("--public-url", o->public_url, "Base URL in links (default http://LISTEN)");
  serve->add_option("--web-dir", o->web_dir,
                    "Serve the web app from this build directory (node web/build.mjs --out DIR) "
                    "instead of the one compiled in");
  serve->add_option("--instance-name", o->settings.instance_name, "Instance title");
  serve->add_option("--registrations", o->registrations, "open or closed")
      ->check(CLI::IsMember({"open", "closed"}));
  serve->add_option("--length", o->settings.length_config, "classic (140) or weighted (280)")
      ->check(CLI::IsMember({"classic", "weighted"}));
  serve->add_option("--threads", o->threads, "I/O threads")->capture_default_str();
  serve
      ->add_option("--workers", o->workers,
                   "Threads for requests that may write (their writes are committed together)")
      ->check(CLI::Range(1, 1024))
      ->capture_default_str();
  serve
      ->add_option("--max-connections", o->max_connections,
                   "Open connections at most (0: the file descriptor limit, raised to its hard "
                   "limit, less a reserve for the store)")
      ->capture_default_str();
  serve
      ->add_option("--max-connections-per-ip", o->max_connections_per_ip,
                   "Open connections at most from one client address (0: no cap, for a server "
                   "behind a reverse proxy, where every client has the proxy's address)")
      ->capture_default_str();
  serve
      ->add_option("--password-workers", o->password_workers,
                   "Threads that hash passwords (sign-in, registration), apart from the workers")
      ->check(CLI::Range(1, 256))
      ->capture_default_str();
  serve
      ->add_option("--password-queue", o->password_queue,
                   "Sign-ins waiting for those threads at most; past it, 503 at once")
      ->check(CLI::Range(0, 100000))
      ->capture_default_str();
  serve
      ->add_option(
          "--min-poll-seconds", o->settings.min_poll_seconds,
          "Shortest duration of a poll, in seconds (Mastodon's 5 minutes; lower for tests)")
      ->check(CLI::Range(1, 604800))
      ->capture_default_str();
  serve
      ->add_option("--fanout-threshold", o->settings.fanout_threshold,
                   "Followers from which posts are merged at read time instead of fanned out")
      ->capture_default_str();
  serve
      ->add_option("--login-attempts", o->settings.login_attempts,
                   "Logins allowed per 5 minutes to one account from one IP (a success is not "
                   "counted)")
      ->capture_default_str();
  serve
      ->add_option("--login-attempts-per-ip", o->settings.login_attempts_per_ip,
                   "Logins allowed per 5 minutes from one IP, whatever the account")
      ->capture_default_str();
  serve
      ->add_option("--signups-per-ip", o->settings.signups_per_ip,
                   "Accounts one IP may create per 30 minutes (0: no limit)")
      ->capture_default_str();
  serve
      ->add_option("--statuses-per-account", o->settings.statuses_per_account,
                   "Posts and reposts one account may make per 3 hours (0: no limit)")
      ->capture_default_str();
  for (CLI::Option* opt : serve->get_options())
    opt->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
  // Every one given, in order (after the loop: TakeLast would keep one).
  // In the settings file: rules = ["...", "..."] under [serve].
  serve->add_option("--rule,--rules", o->settings.rules,
                    "A rule of the server, shown to apps (repeat for each, in order)");
  serve->callback([o] { std::exit(RunServe(*o)); });

  auto* admin = app.add_subcommand("admin", "Administer a data directory (also while serving)");
  admin->require_subcommand(1);
  auto data_dir = std::make_shared<std::string>("piaf-data");
  auto add_dir = [&](CLI::App* c) {
    c->add_option("--data-dir", *data_dir, "Where the store lives")->envname("PIAF_DATA_DIR");
  };

  struct NewAccount {
    std::string username, email, password;
    bool organization = false;
  };
  auto na = std::make_shared<NewAccount>();
  auto* create = admin->add_subcommand("create-account", "Create an account; prints its id");
  add_dir(create);
  create->add_option("--username", na->username)->required();
  create->add_option("--email", na->email)->required();
  create->add_option("--password", na->password)->required();
  create->add_flag("--organization", na->organization, "An organization account");
  create->callback([data_dir, na] {
    service::Settings settings;
    Instance instance(*data_dir, settings);
    auto id = service::CreateAccount(instance.ctx, na->username, na->email, na->password,
                                     na->organization);
    if (!id) {
      std::cerr << id.error().safe_message << "\n";
      std::exit(1);
    }
    std::cout << core::IdToString(*id) << "\n";
    std::exit(0);
  });

  auto* seed =
      admin->add_subcommand("seed-demo", "Fill an empty data directory with the demo community");
  add_dir(seed);
  seed->callback([data_dir] {
    service::Settings settings;
    Instance instance(*data_dir, settings);
    bool seeded = SeedDemoCommunity(instance.ctx);
    std::cout << (seeded ? "demo community created" : "the data directory already has accounts")
              << "\n";
    std::exit(0);
  });

  auto* list =
      admin->add_subcommand("list-accounts", "One account per line: id, username, email, flags");
  add_dir(list);
  list->callback([data_dir] {
    store::SqliteStore store(*data_dir + "/piaf.db");
    for (const auto& a : store.ListAccounts()) {
      std::cout << a.id << "\t" << a.username << "\t" << a.email
                << (a.organization ? "\torganization" : "") << (a.suspended ? "\tsuspended" : "")
                << "\n";
    }
    std::exit(0);
  });

  // Announcements (service/announcements.h): shown to every account until
  // it dismisses them; --starts-at and --ends-at date what is announced.
  struct NewAnnouncement {
    std::string text, starts_at, ends_at;
    bool all_day = false;
  };
  auto an = std::make_shared<NewAnnouncement>();
  auto* announce = admin->add_subcommand("announce", "Post an announcement; prints its id");
  add_dir(announce);
  announce->add_option("--text", an->text, "Its text (blank lines separate paragraphs)")
      ->required();
  announce->add_option("--starts-at", an->starts_at,
                       "When what it announces starts (ISO 8601: 2026-12-24 or "
                       "2026-12-24T18:00:00Z); with --ends-at");
  announce->add_option("--ends-at", an->ends_at, "When it ends; with --starts-at");
  announce->add_flag("--all-day", an->all_day, "The dates are days, not times");
  announce->callback([data_dir, an] {
    service::AnnouncementInput in;
    in.text = an->text;
    in.all_day = an->all_day;
    for (auto [given, field] :
         {std::pair{&an->starts_at, &in.starts_at_ms}, std::pair{&an->ends_at, &in.ends_at_ms}}) {
      if (given->empty()) continue;
      *field = service::ParseIsoTime(*given);
      if (!*field) {
        std::cerr << "not an ISO 8601 date or time: " << *given << "\n";
        std::exit(2);
      }
    }
    // The store alone, not a whole Instance: nothing else is needed. An
    // announcement goes to a server's store, never to a new one.
    if (!std::filesystem::exists(*data_dir + "/piaf.db")) {
      std::cerr << "no store in " << *data_dir << "\n";
      std::exit(1);
    }
    store::SqliteStore store(*data_dir + "/piaf.db");
    timeline::MemoryTimelineCache timelines;
    core::SystemClock clock;
    core::IdGenerator ids(clock);
    ids.AtLeast(store.MaxId());
    service::Settings settings;
    service::Snapshots snapshots(store);
    service::Context ctx{store, timelines, clock, ids, settings, snapshots};
    auto a = service::PostAnnouncement(ctx, in);
    if (!a) {
      std::cerr << a.error().safe_message << "\n";
      std::exit(1);
    }
    std::cout << core::IdToString(a->id) << "\n";
    std::exit(0);
  });
  auto announcement_id = std::make_shared<std::string>();
  auto* unannounce = admin->add_subcommand("delete-announcement", "Delete an announcement");
  add_dir(unannounce);
  unannounce->add_option("--id", *announcement_id, "The id `announce` printed")->required();
  unannounce->callback([data_dir, announcement_id] {
    auto id = core::ParseId(*announcement_id);
    if (!std::filesystem::exists(*data_dir + "/piaf.db")) {
      std::cerr << "no store in " << *data_dir << "\n";
      std::exit(1);
    }
    store::SqliteStore store(*data_dir + "/piaf.db");
    if (!id || !store.DeleteAnnouncement(*id)) {
      std::cerr << "no such announcement\n";
      std::exit(1);
    }
    std::exit(0);
  });

  for (bool suspend : {true, false}) {
    auto username = std::make_shared<std::string>();
    auto* c = admin->add_subcommand(suspend ? "suspend" : "unsuspend",
                                    suspend ? "Suspend an account" : "Lift a suspension");
    add_dir(c);
    c->add_option("--username", *username)->required();
    c->callback([data_dir, username, suspend] {
      store::SqliteStore store(*data_dir + "/piaf.db");
      auto a = store.GetAccountByUsername(*username);
      if (!a) {
        std::cerr << "no such account\n";
        std::exit(1);
      }
      store.SetAccountSuspended(a->id, suspend);
      std::exit(0);
    });
  }
}

}  // namespace piaf::app
