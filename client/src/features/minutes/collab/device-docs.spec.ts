import { describe, expect, it } from '@jest/globals';
import { fakeIdb } from '../../../test/fake-idb.ts';
import { forgetMinutesOnDevice, localDocName } from './device-docs.ts';

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
