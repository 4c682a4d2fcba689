// The avatar and header editor of the settings: a picture chosen is sent at
// once (the server crops an avatar square, a header to 3:1) and shown.
import { useRef, useState } from 'preact/hooks';
import * as api from '../../api/client';
import { Avatar } from '../../components/Avatar';
import { t } from '../../i18n';
import { me } from '../../state/session';
import { announce, toast } from '../../state/ui';

const ACCEPT = 'image/jpeg,image/png,image/gif,image/webp';

function Picker({ which, busy, onPick }: { which: 'avatar' | 'header'; busy: boolean; onPick: (f: File) => void }) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <button type="button" class="button secondary" disabled={busy} onClick={() => input.current?.click()}>
        {t(which === 'avatar' ? 'settings.changeAvatar' : 'settings.changeHeader')}
      </button>
      <input
        ref={input}
        type="file"
        accept={ACCEPT}
        hidden
        onChange={(e) => {
          const el = e.target as HTMLInputElement;
          const f = el.files?.[0];
          if (f) onPick(f);
          el.value = '';
        }}
      />
    </>
  );
}

export function ProfileImages() {
  const user = me.value;
  const [busy, setBusy] = useState(false);
  if (!user) return null;
  const header = user.header && !/\/missing\.png$/.test(user.header) ? user.header : null;
  const send = async (which: 'avatar' | 'header', file: File) => {
    setBusy(true);
    try {
      me.value = await api.updateImages({ [which]: file });
      announce(t(which === 'avatar' ? 'settings.avatarSaved' : 'settings.headerSaved'));
    } catch (e) {
      toast(e instanceof api.ApiError && e.status === 422 ? e.message : t('error.save'));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section class="card settings-section profile-images" aria-busy={busy}>
      <h2>{t('settings.images')}</h2>
      <div class="profile-images-preview">
        {header ? <img class="profile-images-header" src={header} alt="" /> : <div class="profile-images-header empty" />}
        <div class="profile-images-avatar">
          <Avatar account={user} size="xl" />
        </div>
      </div>
      <p class="field-hint">{t('settings.imagesHint')}</p>
      <div class="form-actions">
        <Picker which="avatar" busy={busy} onPick={(f) => void send('avatar', f)} />
        <Picker which="header" busy={busy} onPick={(f) => void send('header', f)} />
      </div>
    </section>
  );
}
