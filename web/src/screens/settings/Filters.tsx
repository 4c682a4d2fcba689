// Settings › Filters: the signed-in user's filters (/api/v2/filters) — list,
// create, edit (title, keywords with whole word, where they apply, expiry,
// warn or hide), delete. Posts they match show collapsed ("Filtered: …")
// or not at all (components/Filtered.tsx).
import { useEffect, useState } from 'preact/hooks';
import * as api from '../../api/client';
import type { Filter, FilterContext } from '../../api/types';
import { Dialog } from '../../components/Dialog';
import { Icon } from '../../components/Icon';
import { fullDate, t } from '../../i18n';
import { announce, toast } from '../../state/ui';

const CONTEXTS: FilterContext[] = ['home', 'notifications', 'public', 'thread', 'account'];
/** Expiry choices, seconds; 0: never. */
const EXPIRIES = [0, 1800, 3600, 6 * 3600, 12 * 3600, 86400, 7 * 86400];

function splitKeywords(text: string): string[] {
  const out: string[] = [];
  for (const line of text.split('\n')) {
    const k = line.trim();
    if (k && !out.includes(k)) out.push(k);
  }
  return out;
}

function FilterForm(props: { filter: Filter | null; onDone: (saved: Filter | null) => void }) {
  const f = props.filter;
  const [title, setTitle] = useState(f?.title ?? '');
  const [keywords, setKeywords] = useState((f?.keywords ?? []).map((k) => k.keyword).join('\n'));
  const [wholeWord, setWholeWord] = useState(f?.keywords?.[0]?.whole_word ?? true);
  const [contexts, setContexts] = useState<FilterContext[]>(f?.context ?? ['home', 'public', 'thread']);
  // -1: keep the current expiry (editing a filter that has one).
  const [expiry, setExpiry] = useState(f?.expires_at ? -1 : 0);
  const [action, setAction] = useState<'warn' | 'hide'>(f?.filter_action ?? 'warn');
  const [error, setError] = useState('');
  const [saving, setSaving] = useState(false);

  const submit = async (e: Event) => {
    e.preventDefault();
    const words = splitKeywords(keywords);
    if (!title.trim()) return setError(t('filters.needTitle'));
    if (!contexts.length) return setError(t('filters.needContext'));
    if (!words.length) return setError(t('filters.needKeyword'));
    setError('');
    const old = f?.keywords ?? [];
    const attrs = [
      ...old.filter((k) => !words.includes(k.keyword)).map((k) => ({ id: k.id, _destroy: true })),
      ...words.map((w) => {
        const known = old.find((k) => k.keyword === w);
        return known ? { id: known.id, whole_word: wholeWord } : { keyword: w, whole_word: wholeWord };
      }),
    ];
    const body: api.FilterInput = {
      title: title.trim(),
      context: contexts,
      filter_action: action,
      expires_in: expiry === 0 ? '' : expiry,
      keywords_attributes: attrs,
    };
    if (expiry === -1) delete (body as Partial<api.FilterInput>).expires_in;
    setSaving(true);
    try {
      const saved = f ? await api.updateFilter(f.id, body) : await api.createFilter(body);
      announce(t('filters.saved'));
      props.onDone(saved);
    } catch (err) {
      setError(err instanceof Error && err.message ? err.message : t('error.save'));
    } finally {
      setSaving(false);
    }
  };

  return (
    <form class="filter-form" onSubmit={(e) => void submit(e)} noValidate>
      <label class="field">
        <span class="field-label">{t('filters.titleLabel')}</span>
        <input type="text" value={title} maxLength={100} required onInput={(e) => setTitle((e.target as HTMLInputElement).value)} />
      </label>
      <div class="field">
        <label class="field-label" for="filter-keywords">
          {t('filters.keywords')}
        </label>
        <textarea id="filter-keywords" rows={3} value={keywords} aria-describedby="filter-keywords-hint" onInput={(e) => setKeywords((e.target as HTMLTextAreaElement).value)} />
        <span class="field-hint" id="filter-keywords-hint">
          {t('filters.keywordsHint')}
        </span>
      </div>
      <label class="check">
        <input type="checkbox" checked={wholeWord} onChange={(e) => setWholeWord((e.target as HTMLInputElement).checked)} />
        <span class="check-label">{t('filters.wholeWord')}</span>
      </label>
      <fieldset class="filter-fieldset">
        <legend>{t('filters.where')}</legend>
        {CONTEXTS.map((c) => (
          <label class="check" key={c}>
            <input
              type="checkbox"
              checked={contexts.includes(c)}
              onChange={(e) => {
                const on = (e.target as HTMLInputElement).checked;
                setContexts((prev) => (on ? [...prev, c] : prev.filter((x) => x !== c)));
              }}
            />
            <span class="check-label">{t(`filters.context.${c}`)}</span>
          </label>
        ))}
      </fieldset>
      <label class="field">
        <span class="field-label">{t('filters.expires')}</span>
        <select value={String(expiry)} onChange={(e) => setExpiry(Number((e.target as HTMLSelectElement).value))}>
          {f?.expires_at && <option value="-1">{t('filters.keepExpiry', { date: fullDate(f.expires_at) })}</option>}
          {EXPIRIES.map((s) => (
            <option value={String(s)} key={s}>
              {t(`filters.expiry.${s}`)}
            </option>
          ))}
        </select>
      </label>
      <fieldset class="filter-fieldset">
        <legend>{t('filters.action')}</legend>
        {(['warn', 'hide'] as const).map((a) => (
          <label class="check" key={a}>
            <input type="radio" name="filter-action" value={a} checked={action === a} onChange={() => setAction(a)} />
            <span class="check-label">{t(`filters.action.${a}`)}</span>
          </label>
        ))}
      </fieldset>
      {error && (
        <p class="form-error" role="alert">
          {error}
        </p>
      )}
      <div class="form-actions">
        <button type="submit" class="button primary" disabled={saving}>
          {t('settings.save')}
        </button>
        <button type="button" class="button secondary" onClick={() => props.onDone(null)}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

function summary(f: Filter): string {
  const parts = [
    (f.keywords ?? []).map((k) => k.keyword).join(', '),
    f.context.map((c) => t(`filters.context.${c}`)).join(', '),
    t(`filters.action.${f.filter_action}`),
  ];
  if (f.expires_at) {
    parts.push(Date.parse(f.expires_at) <= Date.now() ? t('filters.expired') : t('filters.until', { date: fullDate(f.expires_at) }));
  }
  return parts.filter(Boolean).join(' · ');
}

export function FiltersSection() {
  const [list, setList] = useState<Filter[] | null>(null);
  const [editing, setEditing] = useState<Filter | 'new' | null>(null);
  useEffect(() => {
    api.filters().then(setList, () => setList([]));
  }, []);
  const remove = async (f: Filter) => {
    try {
      await api.deleteFilter(f.id);
      setList((prev) => prev && prev.filter((x) => x.id !== f.id));
      announce(t('filters.deleted'));
    } catch {
      toast(t('error.save'));
    }
  };

  return (
    <section class="card settings-section" aria-labelledby="filters-heading">
      <h2 id="filters-heading">{t('filters.title')}</h2>
      <p class="muted">{t('filters.hint')}</p>
      {list && list.length === 0 && <p class="filter-none">{t('filters.none')}</p>}
      {list && list.length > 0 && (
        <ul class="filter-list">
          {list.map((f) => (
            <li class="filter-item" key={f.id}>
              <span class="filter-text">
                <strong class="filter-title">{f.title}</strong>
                <span class="muted filter-summary">{summary(f)}</span>
              </span>
              <button type="button" class="icon-button" aria-label={t('filters.edit', { title: f.title })} title={t('filters.editShort')} onClick={() => setEditing(f)}>
                <Icon name="pen" size={18} />
              </button>
              <button type="button" class="icon-button" aria-label={t('filters.delete', { title: f.title })} title={t('filters.deleteShort')} onClick={() => void remove(f)}>
                <Icon name="trash" size={18} />
              </button>
            </li>
          ))}
        </ul>
      )}
      <button type="button" class="button secondary" onClick={() => setEditing('new')}>
        <Icon name="filter" size={16} />
        {t('filters.add')}
      </button>
      {editing && (
        <Dialog title={editing === 'new' ? t('filters.add') : t('filters.editShort')} onClose={() => setEditing(null)}>
          <FilterForm
            filter={editing === 'new' ? null : editing}
            onDone={(saved) => {
              if (saved) setList((prev) => [...(prev ?? []).filter((x) => x.id !== saved.id), saved]);
              setEditing(null);
            }}
          />
        </Dialog>
      )}
    </section>
  );
}
