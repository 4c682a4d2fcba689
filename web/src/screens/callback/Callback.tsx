// /oauth/callback: trade the code for a token, then home.
import { useEffect, useState } from 'preact/hooks';
import { finishSignIn, type CallbackError } from '../../api/auth';
import { SignInButtons } from '../../components/Layout';
import { t } from '../../i18n';
import { navigate } from '../../router';
import { loadSession } from '../../state/session';

export default function Callback() {
  const [error, setError] = useState<CallbackError | null>(null);
  useEffect(() => {
    void finishSignIn(location.search).then(async (err) => {
      if (err) {
        setError(err);
        return;
      }
      await loadSession();
      navigate('/', { replace: true });
    });
  }, []);
  if (!error) {
    return (
      <div class="feed-end">
        <span class="spinner" aria-hidden="true" />
        <p>{t('auth.finishing')}</p>
      </div>
    );
  }
  return (
    <div class="empty">
      <h1>{t('auth.failed')}</h1>
      <p role="alert">{t(`auth.error.${error}`)}</p>
      <SignInButtons />
    </div>
  );
}
