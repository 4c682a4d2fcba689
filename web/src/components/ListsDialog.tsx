// "Lists" on a profile: the viewer's lists as checkboxes, checked where this
// account is a member; each change is saved at once. A new list can be made
// here too. Only accounts the viewer follows may join (the server says 422).
import { useEffect, useState } from 'preact/hooks';
import { ApiError } from '../api/client';
import * as listsApi from '../api/lists';
import type { List } from '../api/lists';
import type { Account } from '../api/types';
import { t } from '../i18n';
import { toast } from '../state/ui';
import { Dialog } from './Dialog';
import { displayName } from './Status';

export default function ListsDialog({ account, onClose }: { account: Account; onClose: () => void }) {
  const [lists, setLists] = useState<List[] | null>(null);
  const [member, setMember] = useState<Set<string>>(new Set());
  const [busy, setBusy] = useState<string | null>(null);
  const [title, setTitle] = useState('');
  useEffect(() => {
    Promise.all([listsApi.lists(), listsApi.listsWith(account.id)])
      .then(([all, mine]) => {
        setLists(all);
        setMember(new Set(mine.map((l) => l.id)));
      })
      .catch(() => {
        setLists([]);
        toast(t('error.load'));
      });
  }, [account.id]);

  const mark = (id: string, on: boolean) =>
    setMember((m) => {
      const n = new Set(m);
      if (on) n.add(id);
      else n.delete(id);
      return n;
    });
  // Checked at once, unchecked again when the server refuses.
  const toggle = async (l: List, on: boolean) => {
    setBusy(l.id);
    mark(l.id, on);
    try {
      if (on) await listsApi.addToList(l.id, account.id);
      else await listsApi.removeFromList(l.id, account.id);
    } catch (e) {
      mark(l.id, !on);
      toast(e instanceof ApiError && e.status === 422 ? t('lists.mustFollow') : t('error.save'));
    } finally {
      setBusy(null);
    }
  };

  return (
    <Dialog title={t('lists.addTitle', { name: displayName(account) })} onClose={onClose}>
      {!lists ? (
        <div class="feed-end">
          <span class="spinner" aria-hidden="true" />
          <span class="visually-hidden">{t('common.loading')}</span>
        </div>
      ) : (
        <fieldset class="list-checks">
          <legend class="visually-hidden">{t('lists.title')}</legend>
          {lists.length === 0 && <p class="muted">{t('lists.empty')}</p>}
          {lists.map((l) => (
            <label class="check" key={l.id}>
              <input type="checkbox" checked={member.has(l.id)} disabled={busy === l.id} onChange={(e) => void toggle(l, (e.target as HTMLInputElement).checked)} />
              <span class="check-label">{l.title}</span>
            </label>
          ))}
        </fieldset>
      )}
      <form
        class="list-new"
        onSubmit={async (e) => {
          e.preventDefault();
          if (!title.trim()) return;
          try {
            const made = await listsApi.createList({ title: title.trim() });
            setLists((prev) => [...(prev ?? []), made]);
            setTitle('');
            await toggle(made, true);
          } catch {
            toast(t('error.save'));
          }
        }}
      >
        <label class="field list-new-field">
          <span class="field-label">{t('lists.newLabel')}</span>
          <input type="text" value={title} maxLength={256} onInput={(e) => setTitle((e.target as HTMLInputElement).value)} />
        </label>
        <button type="submit" class="button secondary" disabled={!title.trim()}>
          {t('lists.createAndAdd')}
        </button>
      </form>
      <div class="dialog-actions">
        <button type="button" class="button primary" onClick={onClose}>
          {t('common.close')}
        </button>
      </div>
    </Dialog>
  );
}
