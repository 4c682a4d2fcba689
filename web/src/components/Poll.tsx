// A post's poll: the choices to vote on (radio buttons, or checkboxes for a
// multiple-choice poll) while it is open and the viewer has not voted; the
// results otherwise (a bar and a percentage per option, the viewer's own
// choices marked), with "N votes · closes in …" under them.
import { useState } from 'preact/hooks';
import * as api from '../api/client';
import type { Poll as PollT, Status } from '../api/types';
import { formatNumber, relativeTime, t } from '../i18n';
import { pollRows } from '../lib/polls';
import { me } from '../state/session';
import { patchStatus } from '../state/statuses';
import { announce, toast } from '../state/ui';

let counter = 0;

export function Poll({ status }: { status: Status }) {
  const poll = status.poll as PollT;
  const [chosen, setChosen] = useState<number[]>([]);
  const [sending, setSending] = useState(false);
  const [uid] = useState(() => `poll-${++counter}`);
  const signed = me.value !== null;
  const own = me.value?.id === status.account.id;
  const voting = signed && !own && !poll.expired && !poll.voted;

  const vote = async (e: Event) => {
    e.preventDefault();
    if (!chosen.length || sending) return;
    setSending(true);
    try {
      const updated = await api.votePoll(poll.id, chosen);
      patchStatus(status.id, (x) => ({ ...x, poll: updated }));
      announce(t('poll.voted'));
    } catch {
      toast(t('error.vote'));
    } finally {
      setSending(false);
    }
  };

  const closes = poll.expired
    ? t('poll.closed')
    : poll.expires_at
      ? t('poll.closesIn', { when: relativeTime(poll.expires_at) })
      : '';
  const footer = (
    <p class="poll-footer">
      {t('poll.votes', { count: poll.votes_count })}
      {closes && ` · ${closes}`}
    </p>
  );

  if (voting) {
    const type = poll.multiple ? 'checkbox' : 'radio';
    return (
      <form class="poll" onSubmit={vote} aria-label={t('poll.label')}>
        <fieldset class="poll-choices">
          <legend class="visually-hidden">{t(poll.multiple ? 'poll.chooseSeveral' : 'poll.chooseOne')}</legend>
          {poll.options.map((o, i) => (
            <label class="poll-choice" key={i}>
              <input
                type={type}
                name={uid}
                checked={chosen.includes(i)}
                onChange={(e) => {
                  const on = (e.target as HTMLInputElement).checked;
                  setChosen(poll.multiple ? (on ? [...chosen, i] : chosen.filter((c) => c !== i)) : [i]);
                }}
              />
              <span>{o.title}</span>
            </label>
          ))}
        </fieldset>
        <div class="poll-bar">
          <button type="submit" class="button secondary poll-vote" disabled={!chosen.length || sending}>
            {t('poll.vote')}
          </button>
          {footer}
        </div>
      </form>
    );
  }

  return (
    <div class="poll" role="group" aria-label={t('poll.label')}>
      <ul class="poll-results">
        {pollRows(poll).map((row, i) => (
          <li key={i} class={`poll-result${row.leading ? ' is-leading' : ''}`}>
            <span class="poll-fill" style={{ width: `${row.percent}%` }} aria-hidden="true" />
            <span class="poll-pct">{row.votes !== null ? t('poll.percent', { n: formatNumber(row.percent) }) : ''}</span>
            <span class="poll-title">
              {row.title}
              {row.mine && <span class="poll-mine"> · {t('poll.yourChoice')}</span>}
            </span>
            {row.votes !== null && <span class="visually-hidden"> {t('poll.votes', { count: row.votes })}</span>}
          </li>
        ))}
      </ul>
      {footer}
    </div>
  );
}
