// Design note. The community is drawn from a seeded generator, so a given S
// always gives the same accounts, follows and posts (the access tokens are
// random: they are secrets). Follows follow a Zipf-like law: each account
// follows about K others, picked by popularity rank with probability
// proportional to 1/rank, so a few accounts have many followers and most have
// few; C "celebrities" get F followers each on top. Posts are spread over the
// last four weeks, authored by activity rank (Zipf again), in French and
// English, with mentions, hashtags, URLs and replies, each under the length
// limit and rendered by the text engine like a real post. With
// --image-every N, every Nth post carries one image: a few images are made
// once (gradients, media/synthetic.h) and put through the upload pipeline
// (service::ProcessMedia: real files under DATA/media/), then each such post
// gets an attachment row of its own on those files, attached, and the
// status's media column, as an upload and a post leave them; nothing is
// processed per post.
#include "app/seed.h"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <random>
#include <unordered_set>

#include "core/clock.h"
#include "core/id.h"
#include "core/utf8.h"
#include "media/synthetic.h"
#include "service/auth.h"
#include "service/media.h"
#include "store/sqlite_bulk_loader.h"
#include "text/char_class.h"
#include "text/html.h"
#include "text/length.h"

namespace piaf::app {
namespace {

using core::Id;

struct SeedOptions {
  std::string data_dir;
  std::int64_t users = 0;
  std::int64_t posts = 0;
  int follows_avg = 50;
  int celebrities = 0;
  std::int64_t celebrity_followers = 0;
  std::uint64_t seed = 1;
  std::string tokens_out;
  std::string public_url;  // empty: site-relative links, made absolute when served
  std::int64_t image_every = 0;  // every Nth post carries an image; 0: none
};

// Progress on a terminal only.
class Progress {
 public:
  Progress() : tty_(isatty(STDERR_FILENO)) {}
  void Show(const char* phase, std::int64_t done, std::int64_t total) {
    if (!tty_ || total <= 0) return;
    int percent = static_cast<int>(done * 100 / total);
    if (percent == last_percent_ && phase == last_phase_) return;
    last_percent_ = percent;
    last_phase_ = phase;
    std::string bar(percent / 4, '#');
    bar.resize(25, '.');
    std::fprintf(stderr, "\r%-8s [%s] %3d%% %lld/%lld", phase, bar.c_str(), percent,
                 static_cast<long long>(done), static_cast<long long>(total));
    if (done >= total) std::fprintf(stderr, "\n");
  }

 private:
  bool tty_;
  int last_percent_ = -1;
  const char* last_phase_ = nullptr;
};

// Ranks 0..n-1 drawn with probability proportional to 1 / (rank + 1).
class Zipf {
 public:
  explicit Zipf(std::int64_t n) : cdf_(static_cast<std::size_t>(n)) {
    double sum = 0;
    for (std::int64_t i = 0; i < n; ++i) cdf_[i] = (sum += 1.0 / static_cast<double>(i + 1));
    for (auto& c : cdf_) c /= sum;
  }
  template <typename Rng>
  std::int64_t operator()(Rng& rng) const {
    double u = std::uniform_real_distribution<double>(0, 1)(rng);
    return std::lower_bound(cdf_.begin(), cdf_.end(), u) - cdf_.begin();
  }

 private:
  std::vector<double> cdf_;
};

const char* const kFirstNames[] = {"marie",  "jean",  "sophie", "lucas", "amina", "thomas",
                                   "lea",    "hugo",  "chloe",  "omar",  "emma",  "noah",
                                   "olivia", "liam",  "ines",   "sarah", "paul",  "nina",
                                   "yanis",  "julie", "adam",   "zoe"};
const char* const kLastNames[] = {"Martin",  "Bernard",  "Dubois", "Smith",  "Jones",  "Diallo",
                                  "Peeters", "Janssens", "Garcia", "Nguyen", "Moreau", "Brown"};
const char* const kTags[] = {
    "ONG",           "écoute",    "NGO",   "community",     "bénévolat",  "listening",  "climat",
    "education",     "Bruxelles", "Paris", "help",          "solidarité", "volunteers", "events",
    "microblogging", "question",  "merci", "droitsHumains", "santé",      "sport"};
const char* const kOpenings[] = {
    "Bonjour à tous !", "Question du jour :", "Merci pour vos réponses.", "Good morning!",
    "Quick question:",  "Thanks everyone.",   "Petit rappel :",           "Reminder:",
    "On en parle ?",    "Any ideas?"};
const char* const kBodies[] = {
    "Comment aidez-vous les gens autour de vous ?",
    "Écouter avant de parler, c'est la base.",
    "Who wants to join the volunteers on Saturday?",
    "L'atelier de jeudi est complet, merci !",
    "Answering questions beats broadcasting.",
    "Nos horaires changent la semaine prochaine.",
    "We read every reply, promise.",
    "Le café est prêt ☕",
    "New training dates are out 🎉",
    "Vous préférez suivre des personnes ou des organisations ?",
    "Great discussion tonight, thanks 🙏🏽",
    "On recrute des bénévoles pour la collecte.",
};
const char* const kUrls[] = {"https://example.org/agenda", "iteco.be", "http://example.com/faq",
                             "https://piaf.example/blog/ecouter", "example.net/inscription"};

template <typename Rng, typename T, std::size_t N>
const T& Pick(Rng& rng, const T (&items)[N]) {
  return items[std::uniform_int_distribution<std::size_t>(0, N - 1)(rng)];
}

// The images posts carry: made once, processed as an upload is (their files
// written under `dir`), each an attachment to copy per post.
struct SeedImage {
  int width, height;
  media::Rgb from, to;
  const char* description;
};
const SeedImage kImages[] = {
    {1600, 1200, {255, 140, 0}, {120, 40, 160}, "An orange sky fading to purple"},
    {1080, 1350, {20, 120, 200}, {240, 240, 255}, "Blue water under a pale sky"},
    {1920, 1080, {30, 140, 60}, {230, 220, 80}, "A green field in the sun"},
    {800, 800, {200, 30, 60}, {255, 200, 200}, "A red poster, square"},
    {1200, 900, {60, 60, 70}, {200, 200, 210}, "Grey clouds"},
    {900, 1200, {250, 200, 40}, {200, 80, 20}, "A yellow wall at sunset"},
    {2400, 1200, {10, 30, 80}, {90, 160, 220}, "Night falling over the city"},
    {640, 480, {140, 90, 50}, {240, 210, 170}, "Coffee with milk"},
};

std::optional<std::vector<store::MediaAttachment>> MakeImages(const std::string& dir) {
  service::MediaFiles files(dir, media::Limits{}, 1);
  std::vector<store::MediaAttachment> out;
  for (const auto& image : kImages) {
    auto jpeg = media::GradientJpeg(image.width, image.height, image.from, image.to);
    store::MediaAttachment m;
    if (!jpeg || !service::ProcessMedia(files, *jpeg, m)) {
      std::cerr << "piaf seed: cannot make the images: "
                << (jpeg ? "processing failed" : jpeg.error().safe_message) << "\n";
      return std::nullopt;
    }
    m.description = image.description;
    out.push_back(std::move(m));
  }
  return out;
}

int RunSeed(const SeedOptions& o) {
  namespace fs = std::filesystem;
  if (o.users < 1 || o.posts < 0 || o.follows_avg < 0 || o.celebrities < 0 ||
      o.celebrities > o.users || o.celebrity_followers < 0 || o.image_every < 0) {
    std::cerr << "piaf seed: the counts do not make sense\n";
    return 2;
  }
  fs::create_directories(o.data_dir);
  std::string db = o.data_dir + "/piaf.db";
  if (fs::exists(db)) {
    std::cerr << "piaf seed: " << db << " exists; seed writes into a fresh store only\n";
    return 1;
  }
  std::ofstream tokens(o.tokens_out);
  if (!tokens) {
    std::cerr << "piaf seed: cannot write " << o.tokens_out << "\n";
    return 1;
  }
  auto started = std::chrono::steady_clock::now();
  std::vector<store::MediaAttachment> images;
  if (o.image_every > 0) {
    auto made = MakeImages(o.data_dir + "/media");
    if (!made) return 1;
    images = std::move(*made);
  }
  std::mt19937_64 rng(o.seed);
  Progress progress;
  store::SqliteBulkLoader loader(db);
  core::SystemClock clock;
  const std::int64_t now = clock.NowMs();
  const std::int64_t day = 24LL * 3600 * 1000;

  // Accounts, created over the past year; ids are their creation times.
  const std::int64_t n = o.users;
  std::vector<Id> ids(static_cast<std::size_t>(n));
  std::vector<std::string> names(static_cast<std::size_t>(n));
  const std::int64_t account_span = 330 * day;
  for (std::int64_t i = 0; i < n; ++i) {
    ids[i] = core::MsToId(now - 400 * day + account_span * i / n) + (i & 0xFFFF);
    const char* first = Pick(rng, kFirstNames);
    names[i] = std::string(first) + "_" + std::to_string(i);
    store::Account a;
    a.id = ids[i];
    a.username = names[i];
    a.email = names[i] + "@seed.piaf";
    a.password_hash = "!";  // no password: seeded accounts use their tokens
    a.display_name = std::string(1, static_cast<char>(first[0] - 'a' + 'A')) + (first + 1) + " " +
                     Pick(rng, kLastNames);
    a.organization = rng() % 50 == 0;
    loader.PutAccount(a);
    if (i % 100000 == 99999) loader.Checkpoint();
    progress.Show("accounts", i + 1, n);
  }

  // Tokens: one per account, read write follow.
  store::App app;
  app.id = core::MsToId(now - 401 * day);
  app.name = "piaf seed";
  app.redirect_uris = "urn:ietf:wg:oauth:2.0:oob";
  app.scopes = "read write follow";
  app.client_id = service::RandomToken();
  app.client_secret = service::RandomToken();
  loader.PutApp(app);
  Id next_row = core::MsToId(now - 29 * day);  // follows and tokens: ids in a day of their own
  for (std::int64_t i = 0; i < n; ++i) {
    std::string token = service::RandomToken();
    loader.PutToken({next_row++, app.id, ids[i], "read write follow"}, service::HashToken(token));
    tokens << ids[i] << '\t' << token << '\n';
    if (i % 100000 == 99999) loader.Checkpoint();
    progress.Show("tokens", i + 1, n);
  }

  // Follows: Zipf over a random popularity order, plus the celebrities.
  std::vector<std::int64_t> by_popularity(static_cast<std::size_t>(n));
  for (std::int64_t i = 0; i < n; ++i) by_popularity[i] = i;
  std::shuffle(by_popularity.begin(), by_popularity.end(), rng);
  Zipf zipf(n);
  std::lognormal_distribution<double> spread(0.0, 0.8);
  const double spread_mean = std::exp(0.32);
  std::int64_t follows = 0;
  std::vector<std::vector<std::int64_t>> following(static_cast<std::size_t>(n));
  for (std::int64_t i = 0; i < n; ++i) {
    auto k = static_cast<std::int64_t>(std::llround(o.follows_avg * spread(rng) / spread_mean));
    k = std::min(k, n - 1);
    std::unordered_set<std::int64_t> chosen;
    for (std::int64_t tries = 0; static_cast<std::int64_t>(chosen.size()) < k && tries < 4 * k + 8;
         ++tries) {
      std::int64_t target = by_popularity[zipf(rng)];
      if (target != i) chosen.insert(target);
    }
    std::vector<std::int64_t> sorted(chosen.begin(), chosen.end());
    std::sort(sorted.begin(), sorted.end());
    for (std::int64_t t : sorted) {
      loader.PutFollow(next_row++, ids[i], ids[t]);
      ++follows;
      if (follows % 200000 == 0) loader.Checkpoint();
    }
    following[i] = std::move(sorted);
    progress.Show("follows", i + 1, n);
  }
  for (int c = 0; c < o.celebrities; ++c) {
    double p =
        std::min(1.0, static_cast<double>(o.celebrity_followers) / static_cast<double>(n - 1));
    std::bernoulli_distribution pick(p);
    for (std::int64_t i = 0; i < n; ++i) {
      if (i == c || !pick(rng)) continue;
      loader.PutFollow(next_row++, ids[i], ids[c]);  // duplicates are ignored
      if (++follows % 200000 == 0) loader.Checkpoint();
    }
    progress.Show("celebrities", c + 1, o.celebrities);
  }

  // Posts over the last four weeks, by activity rank.
  std::vector<std::int64_t> times(static_cast<std::size_t>(o.posts));
  std::uniform_int_distribution<std::int64_t> when(now - 28 * day, now - 60 * 1000);
  for (auto& t : times) t = when(rng);
  std::sort(times.begin(), times.end());
  std::vector<std::int64_t> by_activity = by_popularity;
  std::shuffle(by_activity.begin(), by_activity.end(), rng);
  const auto& length = text::LengthConfig::Classic();
  text::LinkTargets targets{
      [&](std::string_view u) { return o.public_url + "/@" + std::string(u); },
      [&](std::string_view t) { return o.public_url + "/tags/" + text::LowerCase(t); },
  };
  std::vector<std::pair<Id, Id>> recent;  // (status, author) of recent posts, for replies
  Id last_id = 0, last_media_id = 0;
  std::int64_t with_images = 0;
  for (std::int64_t p = 0; p < o.posts; ++p) {
    std::int64_t author = by_activity[zipf(rng)];
    store::Status st;
    st.id = std::max(core::MsToId(times[p]), last_id + 1);
    last_id = st.id;
    st.account_id = ids[author];
    std::string text;
    std::vector<Id> mentions;
    if (!recent.empty() && rng() % 5 == 0) {  // a reply
      auto [parent, parent_author] = recent[rng() % recent.size()];
      st.in_reply_to_id = parent;
      st.in_reply_to_account_id = parent_author;
      auto index = std::lower_bound(ids.begin(), ids.end(), parent_author) - ids.begin();
      text = "@" + names[index] + " ";
      mentions.push_back(parent_author);
    } else if (!following[author].empty() && rng() % 4 == 0) {  // a mention
      std::int64_t m = following[author][rng() % following[author].size()];
      text = "@" + names[m] + " ";
      mentions.push_back(ids[m]);
    }
    if (rng() % 2) text += std::string(Pick(rng, kOpenings)) + " ";
    text += Pick(rng, kBodies);
    if (rng() % 3 == 0) text += std::string(" #") + Pick(rng, kTags);
    if (rng() % 6 == 0) text += std::string(" ") + Pick(rng, kUrls);
    auto cps = core::DecodeUtf8(text);
    auto parsed = text::ParseText(*cps, length);
    if (parsed.length.weighted_length > length.max_weighted_length) {
      text = Pick(rng, kBodies);
      cps = core::DecodeUtf8(text);
      parsed = text::ParseText(*cps, length);
      mentions.clear();
      st.in_reply_to_id.reset();
      st.in_reply_to_account_id.reset();
    }
    st.text = text;
    st.content = text::RenderHtml(*cps, parsed.entities, targets);
    st.mentions = std::move(mentions);
    for (const auto& h : parsed.entities.hashtags) st.tags.push_back(text::LowerCase(h.tag));
    st.application_id = app.id;
    if (o.image_every > 0 && p % o.image_every == o.image_every - 1) {
      // Uploaded a little before it was posted (ids are times), by its
      // author; the column is what PrepareStatusMedia makes of the row.
      store::MediaAttachment m = images[static_cast<std::size_t>(with_images++) % images.size()];
      m.id = std::max(core::MsToId(times[p] - 5000), last_media_id + 1);
      last_media_id = m.id;
      m.account_id = st.account_id;
      m.created_at_ms = times[p] - 5000;
      st.media = service::MediaColumn({m});
      st.media_ids = {m.id};
      m.status_id = st.id;
      loader.PutMediaAttachment(m);
    }
    loader.PutStatus(st);
    recent.emplace_back(st.id, st.account_id);
    if (recent.size() > 2000) recent.erase(recent.begin(), recent.begin() + 1000);
    if (p % 100000 == 99999) loader.Checkpoint();
    progress.Show("posts", p + 1, o.posts);
  }
  tokens.close();
  double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::fprintf(stderr, "seeded %lld accounts, %lld follows, %lld posts (%lld with an image) in %.1f s\n",
               static_cast<long long>(n), static_cast<long long>(follows),
               static_cast<long long>(o.posts), static_cast<long long>(with_images), seconds);
  return tokens ? 0 : 1;
}

}  // namespace

void AddSeedCommand(CLI::App& app) {
  auto o = std::make_shared<SeedOptions>();
  auto* seed = app.add_subcommand("seed", "Write a synthetic community into a fresh store");
  seed->add_option("--data-dir", o->data_dir, "A data directory without a store")->required();
  seed->add_option("--users", o->users, "Accounts")->required();
  seed->add_option("--posts", o->posts, "Posts")->required();
  seed->add_option("--follows-avg", o->follows_avg, "Accounts each account follows, on average")
      ->capture_default_str();
  seed->add_option("--celebrities", o->celebrities, "Accounts with --celebrity-followers each");
  seed->add_option("--celebrity-followers", o->celebrity_followers, "Followers of each celebrity");
  seed->add_option("--seed", o->seed, "Generator seed (same seed, same community)");
  seed->add_option("--tokens-out", o->tokens_out, "account_id<TAB>access_token per line")
      ->required();
  seed->add_option("--public-url", o->public_url, "Base URL of links in posts (default: site-relative, made absolute when served)");
  seed->add_option("--image-every", o->image_every,
                   "Every Nth post carries one image (JPEG, processed as an upload); 0: none")
      ->capture_default_str();
  seed->callback([o] { std::exit(RunSeed(*o)); });
}

}  // namespace piaf::app
