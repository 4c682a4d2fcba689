// The profile's "Lists" button: opens the lists dialog (loaded on first use,
// so that a profile costs nothing more for it).
import type { ComponentType } from 'preact';
import { useState } from 'preact/hooks';
import type { Account } from '../api/types';
import { t } from '../i18n';
import { Icon } from './Icon';

type DialogProps = { account: Account; onClose: () => void };
let ListsDialog: ComponentType<DialogProps> | null = null;

export function ListsButton({ account }: { account: Account }) {
  const [open, setOpen] = useState(false);
  const [, setLoaded] = useState(0);
  const show = async () => {
    if (!ListsDialog) ListsDialog = (await import('./ListsDialog')).default;
    setLoaded((n) => n + 1);
    setOpen(true);
  };
  const D = ListsDialog;
  return (
    <>
      <button type="button" class="button secondary profile-lists" aria-haspopup="dialog" title={t('lists.addOrRemove')} onClick={() => void show()}>
        <Icon name="list" size={18} />
        <span class="profile-lists-text">{t('lists.button')}</span>
      </button>
      {open && D && <D account={account} onClose={() => setOpen(false)} />}
    </>
  );
}
