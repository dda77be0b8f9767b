import type { AgendaItem } from '@sidang/shared';
import { type QueryKey, useQuery } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { useEffect, useRef, useState } from 'react';
import type { RemovedMarker } from '../../../lib/realtime/cache-apply.ts';
import { removedKey } from '../../../lib/realtime/entity-registry.ts';
import type { LiveMeeting } from '../api/meetings-api.ts';
import '../load-strings.ts';

/** Set by realtime when the meeting was deleted or hidden while on screen. */
export function useMeetingRemoved(id: string | undefined): RemovedMarker | undefined {
  const { data } = useQuery<RemovedMarker | null>({
    queryKey: removedKey('meeting', id ?? '') as QueryKey,
    queryFn: () => null,
    enabled: false,
  });
  return data ?? undefined;
}

/** The current item as this reader may see it: the item, or only that there is one. */
export function currentItemOf(
  meeting: Pick<LiveMeeting, 'currentAgendaItemId' | 'currentAgendaItemNumber' | 'status'>,
  items: readonly AgendaItem[] | undefined,
): { id: string; item: AgendaItem | undefined; number: string | null } | null {
  if (meeting.status !== 'in_progress' || !meeting.currentAgendaItemId) return null;
  const item = items?.find((candidate) => candidate.id === meeting.currentAgendaItemId);
  return { id: meeting.currentAgendaItemId, item, number: item?.number ?? meeting.currentAgendaItemNumber ?? null };
}

/** "Now on item 3.2: Papers" — or, for an item the reader may not see, no title. */
export function nowOnText(t: TFunction, current: ReturnType<typeof currentItemOf>): string {
  if (!current) return '';
  if (!current.item) return current.number ? t('meetings.live.nowOnNumber', { number: current.number }) : t('meetings.live.nowOnHidden');
  return t('meetings.live.nowOn', { number: current.item.number, title: current.item.title });
}

/** The item after the current one in agenda order (the first when none is current). */
export function nextItemOf(items: readonly AgendaItem[], currentId: string | null | undefined): AgendaItem | undefined {
  if (!currentId) return items[0];
  const index = items.findIndex((item) => item.id === currentId);
  return index === -1 ? items[0] : items[index + 1];
}

/** The item before the current one in agenda order (none before the first or without a current one). */
export function previousItemOf(items: readonly AgendaItem[], currentId: string | null | undefined): AgendaItem | undefined {
  if (!currentId) return undefined;
  const index = items.findIndex((item) => item.id === currentId);
  return index > 0 ? items[index - 1] : undefined;
}

/** Whether a key press belongs to what the person is typing (a field, an editor), not to the page. */
export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return (
    target.isContentEditable ||
    ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName) ||
    target.closest('[contenteditable="true"]') !== null
  );
}

/**
 * The chair's keys while a meeting runs: N or Alt+↓ for the next item, P or Alt+↑ for the
 * previous one, anywhere on the page but in a field or an editor.
 */
export function useLiveShortcuts(enabled: boolean, onNext: () => void, onPrevious: () => void): void {
  const handlers = useRef({ onNext, onPrevious });
  handlers.current = { onNext, onPrevious };
  useEffect(() => {
    if (!enabled) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || isTyping(event.target)) return;
      const key = event.key;
      const plain = !event.altKey && !event.shiftKey;
      if ((plain && (key === 'n' || key === 'N')) || (event.altKey && key === 'ArrowDown')) {
        event.preventDefault();
        handlers.current.onNext();
      } else if ((plain && (key === 'p' || key === 'P')) || (event.altKey && key === 'ArrowUp')) {
        event.preventDefault();
        handlers.current.onPrevious();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [enabled]);
}

/** Now, refreshed every second while `active`. */
export function useNow(active: boolean, intervalMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [active, intervalMs]);
  return now;
}

/**
 * Keeps the current item in view while the reader follows the meeting: each time the chair
 * moves on (and when the reader rejoins), its row is scrolled to the middle of the screen.
 */
export function useFollowCurrent(currentId: string | null | undefined, following: boolean, container?: HTMLElement | null): void {
  // The page opens on the current item at once; later moves of the chair glide there.
  const arrived = useRef(false);
  useEffect(() => {
    if (!following || !currentId) return;
    // Ids are UUIDs: safe inside a quoted attribute selector.
    const root = container ?? document;
    const element = root.querySelector<HTMLElement>(`[data-agenda-id="${currentId}"]`);
    if (!element || typeof element.scrollIntoView !== 'function') return;
    const reduced = typeof window.matchMedia === 'function' && window.matchMedia('(prefers-reduced-motion: reduce)').matches;
    element.scrollIntoView({ block: 'center', behavior: reduced || !arrived.current ? 'auto' : 'smooth' });
    arrived.current = true;
  }, [currentId, following, container]);
}
