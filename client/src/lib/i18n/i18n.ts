import { LOCALES, type Locale } from '@sidang/shared/constants';
import type { Locale as DateLocale } from 'date-fns';
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en, type Resources } from './locales/en.ts';

export const LOCALE_STORAGE_KEY = 'sidang.locale';
/** A language chosen on this device that the user's profile has not yet taken (its save was cut short). */
export const UNSAVED_LOCALE_STORAGE_KEY = 'sidang.locale.unsaved';

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** A language kept on this device under `key`, if one is (and storage may be read). */
function readLocale(key: string): Locale | null {
  try {
    const stored = globalThis.localStorage?.getItem(key);
    return isLocale(stored) ? stored : null;
  } catch {
    return null;
  }
}

/** The language chosen on this device (on the sign-in page or signed in), if one was. */
export function storedLocale(): Locale | null {
  return readLocale(LOCALE_STORAGE_KEY);
}

/** The language chosen on this device whose save to the profile has not been answered yet, if any. */
export function unsavedLocale(): Locale | null {
  return readLocale(UNSAVED_LOCALE_STORAGE_KEY);
}

/**
 * Remembers a language chosen on this device at once, before anything is awaited: a reload
 * straight after the choice opens in it (`i18nReady` reads it). `unsaved`: it is on its way to
 * the user's profile, and until the profile has it, it wins over the profile's language.
 */
export function rememberLocale(locale: Locale, { unsaved = false }: { unsaved?: boolean } = {}): void {
  try {
    globalThis.localStorage?.setItem(LOCALE_STORAGE_KEY, locale);
    if (unsaved) globalThis.localStorage?.setItem(UNSAVED_LOCALE_STORAGE_KEY, locale);
  } catch {
    // Private mode or full storage: the switch still applies for this session.
  }
}

/** The profile has taken `locale`: a choice made since (another one) stays unsaved. */
export function localeSaved(locale: Locale): void {
  try {
    if (globalThis.localStorage?.getItem(UNSAVED_LOCALE_STORAGE_KEY) === locale)
      globalThis.localStorage.removeItem(UNSAVED_LOCALE_STORAGE_KEY);
  } catch {
    // As above.
  }
}

function readStoredLocale(): Locale {
  return storedLocale() ?? 'en';
}

/**
 * date-fns locales other than English, registered with the language's strings (below): a page
 * carries the date words of the language it shows only. Read by client/src/lib/dates.ts; kept
 * here so that loading a language does not pull date-fns into the entry.
 */
const dateLocales = new Map<string, DateLocale>();

export function registeredDateLocale(lng: string): DateLocale | undefined {
  return dateLocales.get(lng);
}

/**
 * English is built in (it is also the fallback); every other language is a chunk of its own,
 * loaded when it is chosen (or, at start, before the first render): a page loads one language.
 */
const LOADERS: Record<Locale, () => Promise<Resources>> = {
  en: async () => en,
  ms: () =>
    Promise.all([import('./locales/ms.ts'), import('date-fns/locale/ms')]).then(([strings, dates]) => {
      dateLocales.set('ms', dates.ms);
      return strings.ms;
    }),
};

export const i18n = i18next.createInstance();

void i18n.use(initReactI18next).init({
  resources: { en: { translation: en } },
  lng: 'en',
  fallbackLng: 'en',
  supportedLngs: [...LOCALES],
  interpolation: { escapeValue: false },
  initAsync: false,
  returnNull: false,
});

function syncDocumentLang(lng: string): void {
  if (typeof document !== 'undefined') document.documentElement.lang = lng;
}
syncDocumentLang(i18n.language);
i18n.on('languageChanged', syncDocumentLang);

/** The languages whose app strings are in (English always is). */
const loadedLocales = new Set<Locale>(['en']);

/**
 * Makes a language's strings available (once). A feature loaded earlier may already have added
 * its own strings in this language (`load-strings.ts`): they are merged with, never replaced by,
 * the app's.
 */
export async function loadLocale(locale: Locale): Promise<void> {
  if (loadedLocales.has(locale)) return;
  i18n.addResourceBundle(locale, 'translation', await LOADERS[locale](), true, false);
  loadedLocales.add(locale);
}

/** Switches the UI language as soon as its strings are in, and remembers it on this device. */
export async function setLocale(locale: Locale): Promise<void> {
  rememberLocale(locale);
  await loadLocale(locale);
  await i18n.changeLanguage(locale);
}

/**
 * Settles once the language chosen on this device is loaded and in force: the app renders
 * after it, so nothing is drawn in English first. Immediate for English.
 */
export const i18nReady: Promise<void> = (async () => {
  const stored = readStoredLocale();
  if (stored === i18n.language) return;
  try {
    await loadLocale(stored);
    await i18n.changeLanguage(stored);
  } catch {
    // Its chunk could not be loaded (offline, never opened): English until the next choice.
  }
})();

export function currentLocale(): Locale {
  return isLocale(i18n.language) ? i18n.language : 'en';
}
