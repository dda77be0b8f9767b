import type { Classification } from '@sidang/shared';
import { type ReactNode, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ViewState } from '../../../lib/offline/view-state.ts';
import { ClassificationBadge } from '../../../lib/ui/badges.tsx';
import { RetryNotice } from '../../../lib/ui/retry-notice.tsx';
import '../i18n/load-strings.ts';

/** Who may create and edit register records (the server decides; the UI only offers it). */
export function canEditRegisters(role: string | undefined): boolean {
  return role === 'chair' || role === 'secretariat';
}

/** The flag of an ISO 3166 alpha-2 code (regional indicator symbols), decorative. */
export function flagOf(code: string): string {
  if (!/^[A-Z]{2}$/.test(code)) return '';
  return String.fromCodePoint(...[...code].map((c) => 0x1f1e6 + c.charCodeAt(0) - 65));
}

/** A country's name in the UI language, from the browser's own data; the code when unknown. */
export function countryName(code: string, language: string): string {
  try {
    return new Intl.DisplayNames([language === 'ms' ? 'ms' : 'en'], { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}

export function CountryTag({ code, committeeId, link = true }: { code: string; committeeId: string; link?: boolean }) {
  const { i18n } = useTranslation();
  const name = countryName(code, i18n.language);
  const body = (
    <>
      <span className="country-tag__flag" aria-hidden="true">
        {flagOf(code)}
      </span>
      <abbr className="country-tag__code" title={name}>
        {code}
      </abbr>
    </>
  );
  return link ? (
    <Link className="country-tag" to={`/c/${committeeId}/registers/countries/${code}`} data-testid="country-link">
      {body}
    </Link>
  ) : (
    <span className="country-tag">{body}</span>
  );
}

/**
 * A text field that may be classified above its record. Withheld from this reader, it says so
 * plainly — never an empty box that reads as "nothing recorded".
 */
export function ClassifiedSection({
  name,
  title,
  value,
  level,
  withheld,
}: {
  name: string;
  title: string;
  value: string | undefined;
  level: Classification | undefined;
  withheld: boolean;
}) {
  const { t } = useTranslation();
  return (
    <section className="register-section" aria-label={title} data-field={name} data-withheld={withheld || undefined}>
      <h2 className="register-section__title">
        {title} {level && <ClassificationBadge level={level} />}
      </h2>
      {withheld ? (
        <p className="withheld" data-testid={`withheld-${name}`}>
          <svg className="icon" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
            <rect x="3" y="7" width="10" height="7" rx="1" fill="currentColor" />
            <path d="M5 7V5a3 3 0 0 1 6 0v2" fill="none" stroke="currentColor" strokeWidth="1.6" />
          </svg>
          <span>{t('registers.withheld')}</span>
        </p>
      ) : value ? (
        <p className="prewrap">{value}</p>
      ) : (
        <p className="muted">{t('registers.notRecorded')}</p>
      )}
    </section>
  );
}

const SKELETON_ROWS = ['a', 'b', 'c', 'd', 'e', 'f'];

/** Loading, offline, error and empty states of a register list or page; children when there is data. */
export function StateView({
  state,
  empty,
  onRetry,
  children,
  rows = 4,
}: {
  state: ViewState;
  empty?: boolean;
  onRetry: () => void;
  children: ReactNode;
  rows?: number;
}) {
  const { t } = useTranslation();
  if (state === 'pending') {
    return (
      <div className="skeleton-list" role="status" aria-busy="true">
        <span className="visually-hidden">{t('app.loading')}</span>
        {SKELETON_ROWS.slice(0, rows).map((row) => (
          <div key={row} className="skeleton-row" />
        ))}
      </div>
    );
  }
  if (state === 'offline') {
    return (
      <div className="notice" role="status">
        <p>{t('offline.notCached')}</p>
      </div>
    );
  }
  if (state === 'error') return <RetryNotice message={t('registers.loadFailed')} onRetry={onRetry} />;
  if (empty) {
    return (
      <div className="empty-state" data-testid="register-empty">
        <p className="empty-state__title">{t('registers.empty')}</p>
      </div>
    );
  }
  return <>{children}</>;
}

/** The way back from a record's page to its list. */
export function BackLink({ to, text }: { to: string; text: string }) {
  return (
    <p>
      <Link to={to} className="back-link">
        <span aria-hidden="true">←</span> {text}
      </Link>
    </p>
  );
}

/** A record page that cannot be shown: gone, not found, or failed. */
export function RecordProblem({ text, back, onRetry }: { text: string; back: string; onRetry?: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="notice notice--error" role="alert" data-testid="record-unavailable">
      <p>{text}</p>
      <p className="notice__actions">
        {onRetry && (
          <button type="button" className="button" onClick={onRetry}>
            {t('app.retry')}
          </button>
        )}
        <Link to={back}>{t('registers.backToList')}</Link>
      </p>
    </div>
  );
}

/** The tabs between the three registers. */
export function RegisterTabs({ committeeId, current }: { committeeId: string; current: 'bilateral' | 'negotiations' | 'rnd' }) {
  const { t } = useTranslation();
  const nav = useRef<HTMLElement>(null);
  // On a phone the tabs scroll sideways: the current one is brought into view, the page stays put.
  useEffect(() => {
    const bar = nav.current;
    const tab = bar?.querySelector<HTMLElement>(`[data-tab="${current}"]`);
    if (!bar || !tab) return;
    const left = tab.offsetLeft - bar.offsetLeft;
    if (left < bar.scrollLeft || left + tab.offsetWidth > bar.scrollLeft + bar.clientWidth) {
      bar.scrollLeft = Math.max(0, left - (bar.clientWidth - tab.offsetWidth) / 2);
    }
  }, [current]);
  const tabs = [
    { key: 'bilateral', to: 'bilateral', label: t('registers.bilateral.title') },
    { key: 'negotiations', to: 'negotiations', label: t('registers.negotiations.title') },
    { key: 'rnd', to: 'rnd', label: t('registers.rnd.title') },
  ] as const;
  return (
    <nav className="register-tabs" aria-label={t('registers.title')} ref={nav}>
      {tabs.map((tab) => (
        <Link
          key={tab.key}
          to={`/c/${committeeId}/registers/${tab.to}`}
          className={tab.key === current ? 'register-tabs__tab active' : 'register-tabs__tab'}
          aria-current={tab.key === current ? 'page' : undefined}
          data-tab={tab.key}
        >
          {tab.label}
        </Link>
      ))}
    </nav>
  );
}

export { ExportButtons } from './export-buttons.tsx';
