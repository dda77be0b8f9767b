import { describe, expect, it } from '@jest/globals';
import { forgetMinutesOnDevice, localDocName } from './device-docs.ts';

/** Just what forgetMinutesOnDevice uses of IndexedDB: list and delete databases. */
function fakeIdb(names: string[]) {
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

describe('minutes documents kept on the device', () => {
  it('should name each copy by user and section', () => {
    expect(localDocName('user-a', 'ABC')).toBe('sidang-minutes:user-a:abc');
    expect(localDocName('user-a', 'abc')).not.toBe(localDocName('user-b', 'abc'));
  });

  it("should remove the signed-out user's copies only", async () => {
    const { idb, deleted } = fakeIdb([
      localDocName('user-a', 's1'),
      localDocName('user-a', 's2'),
      localDocName('user-b', 's1'),
      'other-app',
    ]);
    expect(await forgetMinutesOnDevice('user-a', idb)).toBe(2);
    expect(deleted.sort()).toEqual([localDocName('user-a', 's1'), localDocName('user-a', 's2')]);
  });

  it('should do nothing where the browser cannot list its databases', async () => {
    expect(await forgetMinutesOnDevice('user-a', {} as IDBFactory)).toBe(0);
    expect(await forgetMinutesOnDevice('user-a', undefined)).toBe(0);
  });
});
