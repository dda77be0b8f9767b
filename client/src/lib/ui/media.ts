/** Phones: below the 640 px breakpoint of `styles.css`. */
export const NARROW_SCREEN_QUERY = '(max-width: 639.98px)';

/** Whether a media query matches now; false where there is no `matchMedia` (tests, SSR). */
export function matchesMedia(query: string): boolean {
  return typeof window !== 'undefined' && typeof window.matchMedia === 'function' && window.matchMedia(query).matches;
}
