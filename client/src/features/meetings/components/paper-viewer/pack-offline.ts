import { type Classification, isCleared } from '@sidang/shared/constants';

/**
 * Meeting packs kept on the device for reading offline (a phone at a meeting without a network),
 * in the browser's Cache Storage under the user, committee and the clearance the pack was made
 * for: they go with the access that allowed them (sign-out, a committee left, a lowered clearance).
 */
const CACHE = 'sidang-packs-v1';
const ROOT = '/offline/packs';

function keyOf(userId: string, committeeId: string, level: Classification, meetingId: string): string {
  return `${ROOT}/${userId}/${committeeId}/${level}/${meetingId}.pdf`;
}

/** The parts of a kept pack's key, or null for a key of something else. */
function partsOf(url: string): { userId: string; committeeId: string; level: Classification; meetingId: string } | null {
  const match = new RegExp(`${ROOT}/([^/]+)/([^/]+)/([A-Z]+)/([^/]+)\\.pdf$`).exec(new URL(url, 'http://x').pathname);
  if (!match) return null;
  const [, userId = '', committeeId = '', level = 'SECRET', meetingId = ''] = match;
  return { userId, committeeId, level: level as Classification, meetingId };
}

const storage = (): CacheStorage | undefined => (typeof caches === 'undefined' ? undefined : caches);

/** Keeps the user's pack of a meeting (replacing an older copy). */
export async function keepPack(
  where: { userId: string; committeeId: string; level: Classification; meetingId: string },
  pdf: Blob,
  savedAt = new Date(),
): Promise<void> {
  const store = storage();
  if (!store) return;
  await forgetPacks(where.userId, (kept) => kept.meetingId === where.meetingId);
  const cache = await store.open(CACHE);
  await cache.put(
    keyOf(where.userId, where.committeeId, where.level, where.meetingId),
    new Response(pdf, { headers: { 'content-type': 'application/pdf', 'x-saved-at': savedAt.toISOString() } }),
  );
}

/** The user's kept pack of a meeting, if any. */
export async function keptPack(userId: string, meetingId: string): Promise<{ pdf: Blob; savedAt: string } | null> {
  const store = storage();
  if (!store) return null;
  const cache = await store.open(CACHE);
  for (const request of await cache.keys()) {
    const parts = partsOf(request.url);
    if (parts?.userId !== userId || parts.meetingId !== meetingId) continue;
    const response = await cache.match(request);
    if (response) return { pdf: await response.blob(), savedAt: response.headers.get('x-saved-at') ?? '' };
  }
  return null;
}

/** Removes the user's kept packs that `gone` picks (every one without it). */
export async function forgetPacks(
  userId: string | null | undefined,
  gone: (kept: { committeeId: string; level: Classification; meetingId: string }) => boolean = () => true,
): Promise<number> {
  const store = storage();
  if (!store || !userId) return 0;
  const cache = await store.open(CACHE);
  let removed = 0;
  for (const request of await cache.keys()) {
    const parts = partsOf(request.url);
    if (parts?.userId === userId && gone(parts)) {
      await cache.delete(request);
      removed += 1;
    }
  }
  return removed;
}

/** The user left a committee: its packs go. */
export const forgetCommitteePacks = (userId: string | null | undefined, committeeId: string) =>
  forgetPacks(userId, (kept) => kept.committeeId === committeeId);

/** The user's clearance was lowered: packs made for a higher one go. */
export const forgetPacksAbove = (userId: string | null | undefined, clearance: Classification) =>
  forgetPacks(userId, (kept) => !isCleared(clearance, kept.level));
