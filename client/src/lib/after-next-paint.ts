import { useEffect, useState } from 'react';

/** Resolves after the browser's next paint (a frame, then a task), or after 500 ms in a tab that does not paint. */
export function afterNextPaint(): Promise<void> {
  return new Promise((resolve) => {
    const fallback = setTimeout(resolve, 500);
    if (typeof requestAnimationFrame !== 'function') return;
    requestAnimationFrame(() =>
      setTimeout(() => {
        clearTimeout(fallback);
        resolve();
      }, 0),
    );
  });
}

/** Set once the first screen has painted: what mounts later need not wait. */
let painted = false;

/**
 * False until the browser has painted what was drawn with the caller (then true for good, and at
 * once for whatever mounts afterwards): for what the first screen does not need, so that its code
 * and requests do not share the network and the main thread with that screen's first paint.
 */
export function useAfterFirstPaint(): boolean {
  const [ready, setReady] = useState(painted);
  useEffect(() => {
    if (ready) return undefined;
    let live = true;
    void afterNextPaint().then(() => {
      painted = true;
      if (live) setReady(true);
    });
    return () => {
      live = false;
    };
  }, [ready]);
  return ready;
}
