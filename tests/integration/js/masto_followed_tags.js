// Follows a hashtag with npm's masto, lists the followed tags, reads the tag,
// unfollows it; prints one JSON line with what each call answered.
// node masto_followed_tags.js BASE_URL TOKEN TAG
import { createRestAPIClient } from "masto";

const [base, accessToken, tag] = process.argv.slice(2);
const rest = createRestAPIClient({ url: base, accessToken });
const followed = await rest.v1.tags.$select(tag).follow();
const list = await rest.v1.followedTags.list();
const read = await rest.v1.tags.$select(tag).fetch();
const unfollowed = await rest.v1.tags.$select(tag).unfollow();
const after = await rest.v1.followedTags.list();
process.stdout.write(
  JSON.stringify({
    followed: { name: followed.name, following: followed.following },
    list: list.map((t) => t.name),
    read: { name: read.name, following: read.following },
    unfollowed: { name: unfollowed.name, following: unfollowed.following },
    after: after.map((t) => t.name),
  }) + "\n",
);
