/**
 * Shown only while the first page's code arrives: an empty page in the app's background
 * colour, announced to screen readers. Nothing in it moves when the page replaces it.
 */
export function RouteFallback() {
  return (
    <div className="route-fallback" role="status" aria-live="polite">
      <span className="visually-hidden">Loading… / Memuatkan…</span>
    </div>
  );
}
