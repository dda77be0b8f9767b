/** Just what the device copies use of IndexedDB, in memory: list the databases and delete one. */
export function fakeIdb(names: string[]) {
  const deleted: string[] = [];
  const idb = {
    databases: async () => names.map((name) => ({ name, version: 1 })),
    deleteDatabase(name: string) {
      deleted.push(name);
      const request = { onsuccess: null as null | (() => void), onerror: null, onblocked: null };
      queueMicrotask(() => request.onsuccess?.());
      return request;
    },
  };
  return { idb: idb as unknown as IDBFactory, deleted };
}
