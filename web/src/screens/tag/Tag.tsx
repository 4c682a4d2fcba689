// A hashtag's posts, live on the hashtag stream.
import * as api from '../../api/client';
import type { Status } from '../../api/types';
import { TimelineView } from '../../components/TimelineView';
import { useTitle } from '../../components/useTitle';
import { t } from '../../i18n';
import { statusSource, timeline } from '../../state/timeline';

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
      </header>
      <TimelineView key={lower} timeline={tl} label={t('feed.tag', { tag: name })} empty={t('tag.empty')} />
    </>
  );
}
