/** Where a section's document is kept on the device: per user, so no one reads another's copy. */
export function localDocName(userId: string, sectionId: string): string {
  return `sidang-minutes:${userId}:${sectionId.toLowerCase()}`;
}

/**
 * Removes every minutes document a user kept on this device (at sign-out). Without
 * `indexedDB.databases()` (older browsers) nothing can be listed, and nothing is removed.
 */
export async function forgetMinutesOnDevice(
  userId: string | undefined,
  idb: IDBFactory | undefined = globalThis.indexedDB,
): Promise<number> {
  if (!idb || typeof idb.databases !== 'function') return 0;
  const prefix = userId ? `sidang-minutes:${userId}:` : 'sidang-minutes:';
  const names = (await idb.databases()).map((entry) => entry.name).filter((name): name is string => Boolean(name?.startsWith(prefix)));
  await Promise.all(
    names.map(
      (name) =>
        new Promise<void>((resolve) => {
          const request = idb.deleteDatabase(name);
          request.onsuccess = () => resolve();
          request.onerror = () => resolve();
          request.onblocked = () => resolve();
        }),
    ),
  );
  return names.length;
}
