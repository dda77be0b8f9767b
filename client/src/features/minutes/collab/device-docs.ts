import { type Classification, isCleared } from '@sidang/shared';
import { type DeviceDocEntry, type DeviceDocIndex, readIndex, writeIndex } from './device-index.ts';

export { type DeviceDocEntry, hasUnsentMinutes, markUnsent, rememberDeviceDoc } from './device-index.ts';

/** Where a section's document is kept on the device: per user, so no one reads another's copy. */
export function localDocName(userId: string, sectionId: string): string {
  return `sidang-minutes:${userId}:${sectionId.toLowerCase()}`;
}

/**
 * Removes every minutes document a user kept on this device (at sign-out). Without
 * `indexedDB.databases()` (older browsers) only the copies the device noted can be found.
 */
export async function forgetMinutesOnDevice(
  userId: string | undefined,
  idb: IDBFactory | undefined = globalThis.indexedDB,
): Promise<number> {
  // The copies the device noted (found even without `indexedDB.databases()`), and the notes with them.
  const noted = userId ? Object.values(readIndex(userId)).map((entry) => localDocName(userId, entry.sectionId)) : [];
  if (userId) writeIndex(userId, {});
  if (!idb) return 0;
  const prefix = userId ? `sidang-minutes:${userId}:` : 'sidang-minutes:';
  const listed =
    typeof idb.databases === 'function'
      ? (await idb.databases()).map((entry) => entry.name).filter((name): name is string => Boolean(name?.startsWith(prefix)))
      : [];
  const names = [...new Set([...listed, ...noted])];
  await Promise.all(names.map((name) => deleteDatabase(idb, name)));
  return names.length;
}

/** Removes one section's copy (its persistence closed first): the server's copy takes its place. */
export function forgetDeviceCopy(userId: string, sectionId: string, idb: IDBFactory | undefined = globalThis.indexedDB): Promise<void> {
  return idb ? deleteDatabase(idb, localDocName(userId, sectionId)) : Promise.resolve();
}

function deleteDatabase(idb: IDBFactory, name: string): Promise<void> {
  return new Promise<void>((resolve) => {
    const request = idb.deleteDatabase(name);
    request.onsuccess = () => resolve();
    request.onerror = () => resolve();
    request.onblocked = () => resolve();
  });
}

/**
 * Removes the copies of the sections `gone` picks (and their index entries). Returns the
 * section ids removed.
 */
export async function forgetDeviceDocs(
  userId: string | null | undefined,
  gone: (entry: DeviceDocEntry) => boolean,
  idb: IDBFactory | undefined = globalThis.indexedDB,
): Promise<string[]> {
  if (!userId) return [];
  const index = readIndex(userId);
  const removed = Object.values(index).filter(gone);
  if (removed.length === 0) return [];
  const kept: DeviceDocIndex = {};
  for (const [key, entry] of Object.entries(index)) if (!removed.includes(entry)) kept[key] = entry;
  writeIndex(userId, kept);
  if (idb) await Promise.all(removed.map((entry) => deleteDatabase(idb, localDocName(userId, entry.sectionId))));
  return removed.map((entry) => entry.sectionId);
}

/** The user lost a committee: every copy of its minutes goes. */
export function forgetCommitteeMinutes(userId: string | null | undefined, committeeId: string): Promise<string[]> {
  return forgetDeviceDocs(userId, (entry) => entry.committeeId === committeeId);
}

/** The user's clearance changed: copies of sections above it go. */
export function forgetMinutesAbove(userId: string | null | undefined, clearance: Classification): Promise<string[]> {
  return forgetDeviceDocs(userId, (entry) => !isCleared(clearance, entry.classification));
}

/**
 * The server listed the sections of a meeting's minutes the user may read (or none, when the
 * minutes are refused): copies of any other section of that meeting go.
 */
export function forgetMinutesNotListed(
  userId: string | null | undefined,
  meetingId: string,
  listed: ReadonlyArray<{ id: string; classification: Classification }>,
): Promise<string[]> {
  const levels = new Map(listed.map((section) => [section.id.toLowerCase(), section.classification]));
  return forgetDeviceDocs(userId, (entry) => entry.meetingId === meetingId && !levels.has(entry.sectionId));
}
