// The versions of an edited post, newest first as Mastodon's apps show
// them (the API lists them oldest first), each with its date; the text is
// the server's sanitized HTML.
import { useEffect, useState } from 'preact/hooks';
import * as api from '../api/client';
import type { Status, StatusEdit } from '../api/types';
import { fullDate, t } from '../i18n';
import { Dialog } from './Dialog';

export function EditHistory({ status, onClose }: { status: Status; onClose: () => void }) {
  const [versions, setVersions] = useState<StatusEdit[] | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let live = true;
    api
      .statusHistory(status.id)
      .then((v) => live && setVersions(v))
      .catch(() => live && setFailed(true));
    return () => {
      live = false;
    };
  }, [status.id]);
  const list = versions ? [...versions].reverse() : [];
  return (
    <Dialog title={t('edit.history')} onClose={onClose} class="dialog-history">
      {failed ? (
        <p role="alert">{t('error.history')}</p>
      ) : !versions ? (
        <p class="dialog-loading" role="status">
          {t('common.loading')}
        </p>
      ) : (
        <ol class="edit-history">
          {list.map((v, i) => (
            <li class="edit-version" key={v.created_at + i}>
              <p class="edit-version-when">
                <time dateTime={v.created_at}>{fullDate(v.created_at)}</time>
                {' · '}
                {i === list.length - 1 ? t('edit.original') : i === 0 ? t('edit.current') : t('edit.version')}
              </p>
              {v.spoiler_text && <p class="status-cw-text">{v.spoiler_text}</p>}
              <div class="status-content" dangerouslySetInnerHTML={{ __html: v.content }} />
              {v.poll && (
                <ul class="edit-version-poll">
                  {v.poll.options.map((o, j) => (
                    <li key={j}>{o.title}</li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ol>
      )}
      <div class="dialog-actions">
        <button type="button" class="button secondary" onClick={onClose}>
          {t('common.close')}
        </button>
      </div>
    </Dialog>
  );
}
