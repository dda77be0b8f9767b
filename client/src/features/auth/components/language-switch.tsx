import { LOCALES, type Locale } from '@sidang/shared/constants';
import { useTranslation } from 'react-i18next';
import { isLocale, setLocale } from '../../../lib/i18n/i18n.ts';
import { CompactSelect } from '../../../lib/ui/compact-select.tsx';
import { useChangeLocale } from '../hooks/use-auth.ts';

/** Each language by its own name, the same in either UI language. */
const LABELS: Record<Locale, string> = { en: 'English', ms: 'Bahasa Malaysia' };

/** Switches the UI language at once; signed in, it also saves the choice to the profile. */
export function LanguageSwitch({ persist = true }: { persist?: boolean }) {
  const { t, i18n } = useTranslation();
  const change = useChangeLocale();
  return (
    <CompactSelect
      boxClassName="language-switch"
      label={t('app.language')}
      data-testid="language-switch"
      value={isLocale(i18n.language) ? i18n.language : 'en'}
      onChange={(e) => {
        const locale = e.target.value;
        if (!isLocale(locale)) return;
        if (persist) change.choose(locale);
        else void setLocale(locale);
      }}
    >
      {LOCALES.map((locale) => (
        <option key={locale} value={locale} lang={locale}>
          {LABELS[locale]}
        </option>
      ))}
    </CompactSelect>
  );
}
