// The poll being written in the compose box: 2 to 4 options (as the server
// allows), how long it stays open, one choice or several.
import { t } from '../i18n';
import { pollReady } from '../lib/polls';
import { Icon } from './Icon';

export interface PollDraft {
  options: string[];
  /** Seconds. */
  expiresIn: number;
  multiple: boolean;
}

export const MAX_OPTIONS = 4;
export const MAX_OPTION_CHARS = 25;
export const newPoll = (): PollDraft => ({ options: ['', ''], expiresIn: 86400, multiple: false });

// Twitter's choices, within Mastodon's bounds (5 minutes to 7 days).
const DURATIONS: [number, string][] = [
  [300, 'poll.minutes5'],
  [1800, 'poll.minutes30'],
  [3600, 'poll.hour1'],
  [21600, 'poll.hours6'],
  [86400, 'poll.day1'],
  [259200, 'poll.days3'],
  [604800, 'poll.days7'],
];

/** Whether the poll can be sent (lib/polls). */
export const draftReady = (p: PollDraft): boolean => pollReady(p.options);

export function ComposePoll({ poll, onChange, uid }: { poll: PollDraft; onChange: (p: PollDraft) => void; uid: string }) {
  const setOption = (i: number, v: string) => onChange({ ...poll, options: poll.options.map((o, j) => (j === i ? v : o)) });
  return (
    <fieldset class="compose-poll">
      <legend class="visually-hidden">{t('poll.label')}</legend>
      {poll.options.map((o, i) => (
        <div class="compose-poll-option" key={i}>
          <input
            type="text"
            class="compose-poll-input"
            id={`${uid}-option-${i}`}
            aria-label={t('poll.option', { n: i + 1 })}
            placeholder={t('poll.option', { n: i + 1 })}
            value={o}
            maxLength={MAX_OPTION_CHARS}
            onInput={(e) => setOption(i, (e.target as HTMLInputElement).value)}
          />
          {poll.options.length > 2 && (
            <button
              type="button"
              class="action compose-poll-remove"
              aria-label={t('poll.removeOption', { n: i + 1 })}
              title={t('poll.removeOption', { n: i + 1 })}
              onClick={() => onChange({ ...poll, options: poll.options.filter((_, j) => j !== i) })}
            >
              <Icon name="close" size={16} />
            </button>
          )}
        </div>
      ))}
      <div class="compose-poll-settings">
        {poll.options.length < MAX_OPTIONS && (
          <button type="button" class="chip" onClick={() => onChange({ ...poll, options: [...poll.options, ''] })}>
            {t('poll.addOption')}
          </button>
        )}
        <select
          class="compose-poll-duration"
          aria-label={t('poll.duration')}
          title={t('poll.duration')}
          value={String(poll.expiresIn)}
          onChange={(e) => onChange({ ...poll, expiresIn: Number((e.target as HTMLSelectElement).value) })}
        >
          {DURATIONS.map(([secs, key]) => (
            <option value={String(secs)} key={secs}>
              {t(key)}
            </option>
          ))}
        </select>
        <label class="compose-poll-multiple">
          <input
            type="checkbox"
            checked={poll.multiple}
            onChange={(e) => onChange({ ...poll, multiple: (e.target as HTMLInputElement).checked })}
          />
          <span>{t('poll.multiple')}</span>
        </label>
      </div>
    </fieldset>
  );
}
