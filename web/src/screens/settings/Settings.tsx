// Settings: display name, bio, language, sign out (revokes the token).
import { useEffect, useState } from 'preact/hooks';
import * as api from '../../api/client';
import { signOut } from '../../api/auth';
import { Icon } from '../../components/Icon';
import { useTitle } from '../../components/useTitle';
import { lang, setLang, t, type Lang } from '../../i18n';
import { navigate } from '../../router';
import { me } from '../../state/session';
import { announce, toast } from '../../state/ui';
import { forgetTimelines } from '../../state/timeline';
import { stopNotifications } from '../../state/notifications';
import { ProfileImages } from './ProfileImages';
import { FiltersSection } from './Filters';

/** The bio as plain text from the note's HTML (the server keeps the source). */
function noteText(html: string): string {
  const doc = new DOMParser().parseFromString(html.replace(/<br\s*\/?>/gi, '\n').replace(/<\/p>\s*<p>/gi, '\n\n'), 'text/html');
  return doc.body.textContent ?? '';
}

export default function Settings() {
  const user = me.value;
  const [name, setName] = useState(user?.display_name ?? '');
  const [bio, setBio] = useState(user ? noteText(user.note) : '');
  const [locked, setLocked] = useState(!!user?.locked);
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState(false);
  const [leaving, setLeaving] = useState(false);
  useTitle(t('nav.settings'));

  useEffect(() => {
    if (user) {
      setName(user.display_name);
      setBio(noteText(user.note));
      setLocked(!!user.locked);
    }
  }, [user?.id]);

  if (!user) return null;

  return (
    <>
      <header class="screen-head">
        <h1>{t('nav.settings')}</h1>
      </header>
      <ProfileImages />
      <form
        class="settings-form card"
        onSubmit={async (e) => {
          e.preventDefault();
          setSaving(true);
          setSaved(false);
          try {
            me.value = await api.updateCredentials({ display_name: name, note: bio, locked });
            setSaved(true);
            announce(t('settings.saved'));
          } catch {
            toast(t('error.save'));
          } finally {
            setSaving(false);
          }
        }}
      >
        <h2>{t('settings.profile')}</h2>
        <label class="field">
          <span class="field-label">{t('settings.displayName')}</span>
          <input type="text" value={name} maxLength={30} onInput={(e) => setName((e.target as HTMLInputElement).value)} />
        </label>
        <label class="field">
          <span class="field-label">{t('settings.bio')}</span>
          <textarea rows={4} value={bio} maxLength={500} onInput={(e) => setBio((e.target as HTMLTextAreaElement).value)} />
        </label>
        <div class="check-field">
          <label class="check">
            <input
              type="checkbox"
              checked={locked}
              aria-describedby="locked-hint"
              onChange={(e) => setLocked((e.target as HTMLInputElement).checked)}
            />
            <span class="check-label">
              <Icon name="lock" size={16} />
              {t('settings.locked')}
            </span>
          </label>
          <p class="field-hint" id="locked-hint">
            {t('settings.lockedHint')}
          </p>
        </div>
        <div class="form-actions">
          <button type="submit" class="button primary" disabled={saving}>
            {t('settings.save')}
          </button>
          {saved && <span class="saved-note">{t('settings.saved')}</span>}
        </div>
      </form>
      <section class="card settings-section">
        <h2>{t('settings.interface')}</h2>
        <label class="field">
          <span class="field-label">{t('settings.language')}</span>
          <select value={lang.value} onChange={(e) => void setLang((e.target as HTMLSelectElement).value as Lang)}>
            <option value="en" lang="en">
              {t('lang.en')}
            </option>
            <option value="fr" lang="fr">
              {t('lang.fr')}
            </option>
          </select>
        </label>
      </section>
      <FiltersSection />
      <section class="card settings-section">
        <h2>{t('settings.account')}</h2>
        <p class="muted">{t('settings.signedInAs', { acct: `@${user.acct}` })}</p>
        <button
          type="button"
          class="button danger"
          disabled={leaving}
          onClick={async () => {
            setLeaving(true);
            stopNotifications();
            await signOut();
            forgetTimelines();
            me.value = null;
            navigate('/', { replace: true });
          }}
        >
          {t('settings.signOut')}
        </button>
      </section>
    </>
  );
}
