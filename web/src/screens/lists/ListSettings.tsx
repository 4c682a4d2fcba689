// A list's settings in a dialog: its title, which replies it shows, whether
// its members leave the home timeline; and deleting it (asked twice).
import { useState } from 'preact/hooks';
import * as listsApi from '../../api/lists';
import type { List, RepliesPolicy } from '../../api/lists';
import { Dialog } from '../../components/Dialog';
import { t } from '../../i18n';
import { toast } from '../../state/ui';

const POLICIES: RepliesPolicy[] = ['followed', 'list', 'none'];

export function ListSettings(props: { list: List; onSaved: (l: List) => void; onDeleted: () => void; onClose: () => void }) {
  const [title, setTitle] = useState(props.list.title);
  const [policy, setPolicy] = useState<RepliesPolicy>(props.list.replies_policy);
  const [exclusive, setExclusive] = useState(props.list.exclusive);
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const id = props.list.id;

  const save = async (e: Event) => {
    e.preventDefault();
    if (!title.trim()) return;
    setBusy(true);
    try {
      props.onSaved(await listsApi.updateList(id, { title: title.trim(), replies_policy: policy, exclusive }));
      props.onClose();
    } catch {
      toast(t('error.save'));
    } finally {
      setBusy(false);
    }
  };
  const remove = async () => {
    setBusy(true);
    try {
      await listsApi.deleteList(id);
      props.onDeleted();
      props.onClose();
    } catch {
      toast(t('error.save'));
      setBusy(false);
    }
  };

  return (
    <Dialog title={t('lists.settingsTitle', { title: props.list.title })} onClose={props.onClose}>
      {confirming ? (
        <>
          <p>{t('lists.deleteConfirm', { title: props.list.title })}</p>
          <div class="dialog-actions">
            <button type="button" class="button secondary" onClick={() => setConfirming(false)}>
              {t('common.cancel')}
            </button>
            <button type="button" class="button danger" disabled={busy} onClick={() => void remove()} data-autofocus>
              {t('lists.delete')}
            </button>
          </div>
        </>
      ) : (
        <form onSubmit={(e) => void save(e)}>
          <label class="field">
            <span class="field-label">{t('lists.titleLabel')}</span>
            <input type="text" value={title} maxLength={256} required onInput={(e) => setTitle((e.target as HTMLInputElement).value)} />
          </label>
          <fieldset class="field list-policy">
            <legend class="field-label">{t('lists.repliesLabel')}</legend>
            {POLICIES.map((p) => (
              <label class="check" key={p}>
                <input type="radio" name="replies_policy" value={p} checked={policy === p} onChange={() => setPolicy(p)} />
                <span>{t(`lists.replies.${p}`)}</span>
              </label>
            ))}
          </fieldset>
          <div class="check-field">
            <label class="check">
              <input type="checkbox" checked={exclusive} aria-describedby="list-exclusive-hint" onChange={(e) => setExclusive((e.target as HTMLInputElement).checked)} />
              <span class="check-label">{t('lists.exclusive')}</span>
            </label>
            <p class="field-hint" id="list-exclusive-hint">
              {t('lists.exclusiveHint')}
            </p>
          </div>
          <div class="dialog-actions list-settings-actions">
            <button type="button" class="button danger list-delete" onClick={() => setConfirming(true)}>
              {t('lists.delete')}
            </button>
            <button type="button" class="button secondary" onClick={props.onClose}>
              {t('common.cancel')}
            </button>
            <button type="submit" class="button primary" disabled={busy || !title.trim()}>
              {t('lists.save')}
            </button>
          </div>
        </form>
      )}
    </Dialog>
  );
}
