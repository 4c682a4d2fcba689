import { useEffect } from 'preact/hooks';
import { instance } from '../state/session';
import { t } from '../i18n';

/** The document title: "Screen · Instance". */
export function useTitle(title: string | null): void {
  const site = instance.value?.title || t('app.name');
  useEffect(() => {
    document.title = title ? `${title} · ${site}` : site;
  }, [title, site]);
}
