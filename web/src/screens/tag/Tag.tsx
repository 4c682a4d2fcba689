// A hashtag's posts, live on the hashtag stream; Follow puts its public
// posts in the home timeline.
import { useEffect, useState } from 'preact/hooks';
import * as api from '../../api/client';
import { followTag, getTag } from '../../api/lists';
import type { Status } from '../../api/types';
import { TimelineView } from '../../components/TimelineView';
import { useTitle } from '../../components/useTitle';
import { t } from '../../i18n';
import { signedIn } from '../../state/session';
import { statusSource, timeline } from '../../state/timeline';
import { toast } from '../../state/ui';

/** Follow / Unfollow (aria-pressed); unknown until the tag is read. */
function FollowTag({ name }: { name: string }) {
  const [following, setFollowing] = useState<boolean | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    getTag(name)
      .then((tag) => setFollowing(!!tag.following))
      .catch(() => setFollowing(false)); // a tag no post uses yet
  }, [name]);
  if (following === null) return null;
  return (
    <button
      type="button"
      class={`button ${following ? 'secondary following' : 'primary'} screen-head-action`}
      aria-pressed={following}
      disabled={busy}
      onClick={async () => {
        setBusy(true);
        try {
          setFollowing(!!(await followTag(name, !following)).following);
        } catch {
          toast(t('error.save'));
        } finally {
          setBusy(false);
        }
      }}
    >
      {t(following ? 'tag.unfollow' : 'tag.follow')}
    </button>
  );
}

export default function Tag({ tag }: { tag: string }) {
  const name = tag.replace(/^#/, '');
  const lower = name.toLowerCase();
  const tl = timeline(`tag:${lower}`, () => ({
    ...statusSource((q) => api.tagTimeline(name, q)),
    stream: { stream: 'hashtag', tag: name },
    accept: (s: Status) => (s.reblog ?? s).tags.some((x) => x.name.toLowerCase() === lower),
  }));
  useTitle(`#${name}`);
  return (
    <>
      <header class="screen-head">
        <h1>#{name}</h1>
        {signedIn.value && <FollowTag name={name} />}
      </header>
      <TimelineView key={lower} timeline={tl} label={t('feed.tag', { tag: name })} empty={t('tag.empty')} />
    </>
  );
}
