/** EN | RU in the header (and on the sign-in card). */
import { type UiLocale, useI18n } from '../i18n/i18n.tsx';

const LOCALES: UiLocale[] = ['en', 'ru'];

export function LanguageSwitch() {
  const { locale, setLocale, t } = useI18n();
  return (
    <fieldset className="language-switch" aria-label={t.language}>
      {LOCALES.map((l) => (
        <button
          key={l}
          type="button"
          className={l === locale ? 'selected' : ''}
          aria-pressed={l === locale}
          onClick={() => setLocale(l)}
        >
          {l.toUpperCase()}
        </button>
      ))}
    </fieldset>
  );
}
