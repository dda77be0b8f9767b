import { SEARCH_QUERY_MIN, SEARCHABLE_TYPES, type SearchableType, type SearchResult } from '@sidang/shared';
import { type KeyboardEvent, type ReactNode, type RefObject, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { errorText } from '../../../lib/api/error-text.ts';
import { CLIENT_RECORD_TYPES, resultPath } from '../../../lib/records/record-types.ts';
import { useCommittees } from '../../committees/index.ts';
import { normalizeQuery, useSearch } from '../hooks/use-search.ts';
import '../search.css';

/** Words of the query, for marking them in titles and snippets. */
function wordsOf(text: string): string[] {
  return [
    ...new Set(
      normalizeQuery(text)
        .toLowerCase()
        .match(/[\p{L}\p{N}]+/gu) ?? [],
    ),
  ].filter((word) => word.length >= 2);
}

/** `text` with the query's words (and words they begin) marked. Plain text in, elements out: nothing is parsed as HTML. */
export function Highlighted({ text, words }: { text: string; words: string[] }): ReactNode {
  if (words.length === 0 || text === '') return text;
  const pattern = new RegExp(`(${words.map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})`, 'giu');
  return text.split(pattern).map((part, index) =>
    // Odd parts are the captured matches.
    // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one string, in order.
    index % 2 === 1 ? <mark key={index}>{part}</mark> : part,
  );
}

/** `/` anywhere outside a text field focuses the search box. */
function useSlashToFocus(input: RefObject<HTMLInputElement | null>, enabled: boolean): void {
  useEffect(() => {
    if (!enabled) return;
    const onKey = (event: globalThis.KeyboardEvent) => {
      if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) return;
      const target = event.target as HTMLElement | null;
      if (target && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))) return;
      if (!input.current || input.current.offsetParent === null) return;
      event.preventDefault();
      input.current.focus();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [input, enabled]);
}

interface SearchBoxProps {
  /** `bar`: the top bar's box, results in a panel below it. `page`: the search screen (phones). */
  variant: 'bar' | 'page';
  initialText?: string;
  onTextChange?: (text: string) => void;
}

/**
 * One search box over every record the user may see: results as you type, filters by record
 * type, keyboard-driven (a combobox: arrows move, Enter opens, Escape closes, `/` focuses).
 */
export function SearchBox({ variant, initialText = '', onTextChange }: SearchBoxProps) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const id = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const panelRef = useRef<HTMLDivElement>(null);
  const [text, setText] = useState(initialText);
  const [types, setTypes] = useState<SearchableType[]>([]);
  const [focused, setFocused] = useState(false);
  const [active, setActive] = useState(-1);
  const search = useSearch(text, types);
  const committees = useCommittees();
  useSlashToFocus(inputRef, variant === 'bar');
  // The search screen is opened to type in it.
  useEffect(() => {
    if (variant === 'page') inputRef.current?.focus();
  }, [variant]);

  // A committee the user has just lost (purged from the committee list) drops out of results
  // already fetched, without waiting for the next search.
  const memberOf = committees.data ? new Set(committees.data.map((c) => c.id)) : undefined;
  const items = memberOf ? search.items.filter((item) => memberOf.has(item.committeeId)) : search.items;
  const words = wordsOf(text);
  const open = variant === 'page' || (focused && text.trim() !== '');
  const listId = `${id}-results`;
  const optionId = (index: number) => `${id}-option-${index}`;

  // A new list starts with nothing chosen.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the result ids are what resets it.
  useEffect(() => setActive(-1), [items.map((item) => item.id).join()]);

  const change = (value: string) => {
    setText(value);
    onTextChange?.(value);
  };
  const toggleType = (type: SearchableType) =>
    setTypes((current) => (current.includes(type) ? current.filter((other) => other !== type) : [...current, type]));
  const openResult = (result: SearchResult) => {
    setFocused(false);
    inputRef.current?.blur();
    navigate(resultPath(result));
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      if (items.length === 0) return;
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((index) => (step === 1 ? (index + 1) % items.length : index <= 0 ? items.length - 1 : index - 1));
    } else if (event.key === 'Enter') {
      const chosen = items[active] ?? (items.length > 0 ? items[0] : undefined);
      if (chosen) {
        event.preventDefault();
        openResult(chosen);
      }
    } else if (event.key === 'Escape') {
      if (text !== '') change('');
      else inputRef.current?.blur();
    }
  };

  const committeeCode = (committeeId: string) => committees.data?.find((c) => c.id === committeeId)?.code;
  const status = !search.searchable
    ? t('search.minLength', { count: SEARCH_QUERY_MIN })
    : search.isError && !search.pending
      ? errorText(t, search.error, t('search.error'))
      : search.pending && items.length === 0
        ? t('search.searching')
        : items.length === 0
          ? t('search.empty', { q: text.trim() })
          : t('search.count', { count: items.length });

  return (
    // A form with the search role rather than <search>, which jsdom and older browsers do not know.
    // biome-ignore lint/a11y/useSemanticElements: see above.
    <form
      role="search"
      className={`search search--${variant}`}
      onSubmit={(event) => event.preventDefault()}
      onFocus={() => setFocused(true)}
      onBlur={(event) => {
        const next = event.relatedTarget as Node | null;
        if (!next || !event.currentTarget.contains(next)) setFocused(false);
      }}
    >
      <label className="visually-hidden" htmlFor={`${id}-input`}>
        {t('search.label')}
      </label>
      <input
        ref={inputRef}
        id={`${id}-input`}
        className="search__input"
        type="search"
        role="combobox"
        autoComplete="off"
        spellCheck={false}
        placeholder={variant === 'bar' ? t('search.placeholderShortcut') : t('search.placeholder')}
        aria-expanded={open}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={active >= 0 && items[active] ? optionId(active) : undefined}
        aria-describedby={`${id}-status`}
        value={text}
        maxLength={200}
        onChange={(event) => change(event.target.value)}
        onKeyDown={onKeyDown}
        data-testid={`search-input-${variant}`}
      />
      <div ref={panelRef} className="search__panel" hidden={!open}>
        <fieldset className="search__types">
          <legend className="visually-hidden">{t('search.types')}</legend>
          {SEARCHABLE_TYPES.map((type) => (
            <button
              key={type}
              type="button"
              className="chip search__type"
              aria-pressed={types.includes(type)}
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => toggleType(type)}
            >
              {t(CLIENT_RECORD_TYPES[type].labelKey)}
            </button>
          ))}
        </fieldset>
        <p
          id={`${id}-status`}
          className={search.isError && !search.pending ? 'search__status search__status--error' : 'search__status'}
          role="status"
        >
          {status}
          {search.isError && !search.pending && search.searchable && (
            <button type="button" className="button button--small" onClick={() => search.refetch()}>
              {t('app.retry')}
            </button>
          )}
        </p>
        <div id={listId} className="search__results" role="listbox" aria-label={t('search.results')} aria-busy={search.pending}>
          {items.map((item, index) => (
            // Options of a combobox: focus stays in the input, which moves the active option
            // (aria-activedescendant) and opens it with Enter; a pointer may click one.
            // biome-ignore lint/a11y/useKeyWithClickEvents: the keyboard acts through the combobox input.
            // biome-ignore lint/a11y/useFocusableInteractive: options are reached with aria-activedescendant, not focus.
            <div
              key={item.id}
              id={optionId(index)}
              role="option"
              aria-selected={index === active}
              className={index === active ? 'search__result search__result--active' : 'search__result'}
              onMouseDown={(event) => event.preventDefault()}
              onMouseEnter={() => setActive(index)}
              onClick={() => openResult(item)}
              data-testid="search-result"
            >
              <span className="search__kind">
                {t(CLIENT_RECORD_TYPES[item.type].labelKey)}
                {committeeCode(item.committeeId) && <span className="search__committee"> · {committeeCode(item.committeeId)}</span>}
              </span>
              <span className="search__title">
                <Highlighted text={item.title} words={words} />
              </span>
              {item.snippet && item.snippet !== item.title && (
                <span className="search__snippet">
                  <Highlighted text={item.snippet} words={words} />
                </span>
              )}
            </div>
          ))}
        </div>
      </div>
    </form>
  );
}
