#include "app/demo.h"

#include <map>
#include <string>
#include <vector>

#include "service/auth.h"
#include "service/verbs.h"

namespace piaf::app {

namespace {

struct Person {
  const char* username;
  const char* display_name;
  const char* note;
  bool organization;
};

const Person kPeople[] = {
    {"simon", "Simon", "Journaliste, curieux des ONG et des réseaux.", false},
    {"tbilesimo", "Thomas", "Communication dans le secteur associatif.", false},
    {"amina", "Amina", "Volunteer coordinator. Coffee first.", false},
    {"lucas", "Lucas", "Développeur, bénévole le week-end.", false},
    {"iteco", "Iteco", "ONG d'éducation au développement. Nous répondons à vos questions.", true},
};

// (author, text, index of the post replied to or -1)
struct Post {
  const char* author;
  const char* text;
  int reply_to;
};

const Post kPosts[] = {
    {"simon", "Bonjour à toutes et à tous ! On parle ce soir des ONG sur les réseaux sociaux. #ONG",
     -1},
    {"tbilesimo",
     "@simon Dans les comptes des organisations, peut-être. Mais les choses intéressantes passent "
     "souvent par les personnes. #ONG",
     0},
    {"simon", "@tbilesimo Qu’appelez-vous « marketing traditionnel » ? #ONG", 1},
    {"tbilesimo", "@simon Diffuser sans écouter. Ça ne marche pas ici : il faut répondre aux gens.",
     2},
    {"iteco",
     "Vous avez une question sur nos formations ? Posez-la ici, nous répondons chaque jour. "
     "http://iteco.be #ONG",
     -1},
    {"amina", "@iteco How do I sign up for the volunteer training next month?", 4},
    {"iteco",
     "@amina Inscriptions ouvertes jusqu'au 15 ! Tout est sur iteco.be/formations — on vous aide "
     "si besoin.",
     5},
    {"lucas", "Listening beats broadcasting. Answer people's questions and help them. #listening",
     -1},
    {"amina", "@lucas Exactly. Our best posts are replies. #listening #NGO", 7},
    {"simon", "Petit sondage : vous suivez plutôt des personnes ou des organisations ? #réseaux",
     -1},
    {"lucas", "@simon Des personnes, surtout. Les organisations quand elles répondent.", 9},
    {"amina", "@simon People. Organisations that talk back are the exception.", 9},
    {"iteco",
     "Merci pour vos retours ! Nous ouvrons un fil de questions tous les mardis. #ONG #écoute", -1},
    {"tbilesimo", "Écouter avant de parler : c'est la base. #écoute", -1},
    {"lucas", "Nouveau : le code du site de l'asso est en ligne. https://example.org/asso #code",
     -1},
    {"amina",
     "Volunteers needed Saturday 9am–1pm at the food bank. Who's in? 🙋‍♀️ #community",
     -1},
    {"simon", "@amina Je viens ! 🙌", 15},
    {"lucas", "@amina Count me in.", 15},
    {"iteco",
     "Rappel : atelier « écouter sur les réseaux » jeudi 18h. Gratuit, ouvert à toutes et tous.",
     -1},
    {"tbilesimo", "@iteco Il reste des places ?", 18},
    {"iteco", "@tbilesimo Oui, une dizaine. Répondez ici et on vous inscrit.", 19},
    {"simon", "Ce que j'ai appris ce soir : répondre compte plus que publier. Merci à tous ! #ONG",
     -1},
    {"amina",
     "Good morning! Three questions we got this week, three answers in the thread below. #NGO", -1},
    {"amina",
     "1) Yes, you can volunteer without experience. 2) Training is free. 3) We reply within a day.",
     22},
    {"lucas", "Le 140 caractères oblige à réfléchir avant d'écrire. J'aime bien. #microblogging",
     -1},
    {"simon", "@lucas Oui, et ça se lit vite. #microblogging", 24},
    {"iteco", "Question du jour : qu'attendez-vous d'une ONG sur les réseaux ? On lit tout.", -1},
    {"amina", "@iteco Answers, not ads.", 26},
    {"tbilesimo", "@iteco Qu'elle écoute, et qu'elle dise merci.", 26},
    {"lucas", "Bonne soirée tout le monde 🌙", -1},
};

// Who follows whom.
const std::pair<const char*, const char*> kFollows[] = {
    {"simon", "tbilesimo"}, {"simon", "iteco"}, {"simon", "amina"}, {"tbilesimo", "simon"},
    {"tbilesimo", "iteco"}, {"amina", "iteco"}, {"amina", "lucas"}, {"amina", "simon"},
    {"lucas", "amina"},     {"lucas", "simon"}, {"iteco", "simon"}, {"iteco", "amina"},
    {"iteco", "tbilesimo"}, {"iteco", "lucas"},
};

}  // namespace

bool SeedDemoCommunity(service::Context& ctx) {
  if (!ctx.store.ListAccounts().empty()) return false;
  auto app = service::RegisterApp(ctx, "Piaf demo", "", "read write follow", "");
  std::map<std::string, service::Viewer> viewers;
  for (const auto& p : kPeople) {
    auto id = service::CreateAccount(ctx, p.username, std::string(p.username) + "@demo.piaf",
                                     kDemoPassword, p.organization);
    if (!id) return false;
    ctx.store.UpdateAccountProfile(*id, p.display_name, p.note);
    ctx.snapshots.ForgetAccount(*id);
    viewers[p.username] = service::Viewer{*id, "read write follow", app ? app->id : 0};
  }
  for (const auto& [who, whom] : kFollows) {
    service::Follow(ctx, viewers[who], *viewers[whom].account_id);
  }
  std::vector<core::Id> ids;
  for (const auto& post : kPosts) {
    service::PostStatusInput in;
    in.text = post.text;
    if (post.reply_to >= 0 && post.reply_to < static_cast<int>(ids.size())) {
      in.in_reply_to_id = ids[post.reply_to];
    }
    auto status = service::PostStatus(ctx, viewers[post.author], in);
    ids.push_back(status ? status->status().id : 0);
  }
  return true;
}

}  // namespace piaf::app
