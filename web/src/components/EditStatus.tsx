// "Edit" on one's own post: the compose box in a dialog, filled from the
// post's source (its text as written, not the HTML), the same counter.
import { useEffect, useState } from 'preact/hooks';
import * as api from '../api/client';
import type { Status } from '../api/types';
import { t } from '../i18n';
import { toast } from '../state/ui';
import { Compose } from './Compose';
import { Dialog } from './Dialog';

export function EditStatus({ status, onClose }: { status: Status; onClose: () => void }) {
  const [source, setSource] = useState<{ text: string; spoiler_text: string } | null>(null);
  useEffect(() => {
    let live = true;
    api
      .statusSource(status.id)
      .then((s) => live && setSource(s))
      .catch(() => {
        toast(t('error.edit'));
        onClose();
      });
    return () => {
      live = false;
    };
  }, [status.id]);
  return (
    <Dialog title={t('edit.title')} onClose={onClose} class="reply-dialog">
      {source ? (
        <Compose
          draftKey={`piaf.draft.edit.${status.id}`}
          id={`edit-${status.id}`}
          autoFocus
          edit={{ id: status.id, text: source.text, spoiler: source.spoiler_text, poll: status.poll }}
          onPosted={onClose}
        />
      ) : (
        <p class="dialog-loading" role="status">
          {t('common.loading')}
        </p>
      )}
    </Dialog>
  );
}
