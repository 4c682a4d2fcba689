// Lists: the signed-in user's lists (create, open, settings) and the hashtags
// it follows (unfollow). At /lists, a page the server serves.
import { useEffect, useState } from 'preact/hooks';
import * as listsApi from '../../api/lists';
import type { FollowedTag, List } from '../../api/lists';
import { Icon } from '../../components/Icon';
import { useTitle } from '../../components/useTitle';
import { t } from '../../i18n';
import { back } from '../../router';
import { toast } from '../../state/ui';
import { ListSettings } from './ListSettings';

function NewList({ onCreated }: { onCreated: (l: List) => void }) {
  const [title, setTitle] = useState('');
  const [busy, setBusy] = useState(false);
  return (
    <form
      class="list-new"
      onSubmit={async (e) => {
        e.preventDefault();
        if (!title.trim()) return;
        setBusy(true);
        try {
          onCreated(await listsApi.createList({ title: title.trim() }));
          setTitle('');
        } catch {
          toast(t('error.save'));
        } finally {
          setBusy(false);
        }
      }}
    >
      <label class="field list-new-field">
        <span class="field-label">{t('lists.newLabel')}</span>
        <input type="text" value={title} maxLength={256} placeholder={t('lists.newPlaceholder')} onInput={(e) => setTitle((e.target as HTMLInputElement).value)} />
      </label>
      <button type="submit" class="button primary" disabled={busy || !title.trim()}>
        {t('lists.create')}
      </button>
    </form>
  );
}

function FollowedTags() {
  const [tags, setTags] = useState<FollowedTag[] | null>(null);
  const [gone, setGone] = useState<Set<string>>(new Set());
  useEffect(() => {
    listsApi
      .followedTags({})
      .then((p) => setTags(p.data))
      .catch(() => setTags([]));
  }, []);
  return (
    <section class="followed-tags" aria-labelledby="followed-tags-title">
      <h2 id="followed-tags-title" class="section-title">
        {t('lists.followedTags')}
      </h2>
      {tags && tags.length === 0 && <p class="muted list-hint">{t('lists.followedTagsEmpty')}</p>}
      {tags && tags.length > 0 && (
        <ul class="list-rows">
          {tags.map((tag) => {
            const off = gone.has(tag.name);
            return (
              <li key={tag.name} class="list-row">
                <a class="list-row-link" href={`/tags/${encodeURIComponent(tag.name)}`}>
                  #{tag.name}
                </a>
                <button
                  type="button"
                  class={`button ${off ? 'primary' : 'secondary'}`}
                  aria-label={t(off ? 'tag.followNamed' : 'tag.unfollowNamed', { tag: tag.name })}
                  onClick={async () => {
                    try {
                      await listsApi.followTag(tag.name, off);
                      setGone((g) => {
                        const n = new Set(g);
                        if (off) n.delete(tag.name);
                        else n.add(tag.name);
                        return n;
                      });
                    } catch {
                      toast(t('error.save'));
                    }
                  }}
                >
                  {t(off ? 'tag.follow' : 'tag.unfollow')}
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

export default function Lists() {
  const [lists, setLists] = useState<List[] | null>(null);
  const [editing, setEditing] = useState<List | null>(null);
  useTitle(t('lists.title'));
  useEffect(() => {
    listsApi
      .lists()
      .then(setLists)
      .catch(() => {
        setLists([]);
        toast(t('error.load'));
      });
  }, []);
  return (
    <>
      <header class="screen-head">
        <button type="button" class="icon-button" aria-label={t('common.back')} onClick={() => back('/')}>
          <Icon name="back" size={22} />
        </button>
        <h1>{t('lists.title')}</h1>
      </header>
      <div class="lists-screen">
        <NewList onCreated={(l) => setLists((prev) => [...(prev ?? []), l])} />
        {!lists ? (
          <div class="feed-end">
            <span class="spinner" aria-hidden="true" />
            <span class="visually-hidden">{t('common.loading')}</span>
          </div>
        ) : lists.length === 0 ? (
          <div class="empty requests-empty">
            <span class="empty-icon" aria-hidden="true">
              <Icon name="list" size={32} />
            </span>
            <p class="empty-title">{t('lists.empty')}</p>
            <p>{t('lists.emptyHint')}</p>
          </div>
        ) : (
          <ul class="list-rows" aria-label={t('lists.yours')}>
            {lists.map((l) => (
              <li key={l.id} class="list-row">
                <a class="list-row-link" href={`/lists/${l.id}`}>
                  <Icon name="list" size={20} />
                  <span class="list-row-title">{l.title}</span>
                  {l.exclusive && <span class="list-badge">{t('lists.exclusiveBadge')}</span>}
                </a>
                <button type="button" class="icon-button" aria-label={t('lists.settingsOf', { title: l.title })} onClick={() => setEditing(l)}>
                  <Icon name="settings" size={20} />
                </button>
              </li>
            ))}
          </ul>
        )}
        <FollowedTags />
      </div>
      {editing && (
        <ListSettings
          list={editing}
          onClose={() => setEditing(null)}
          onSaved={(saved) => setLists((prev) => prev && prev.map((l) => (l.id === saved.id ? saved : l)))}
          onDeleted={() => setLists((prev) => prev && prev.filter((l) => l.id !== editing.id))}
        />
      )}
    </>
  );
}
