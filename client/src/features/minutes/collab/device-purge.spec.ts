import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { QueryClient } from '@tanstack/react-query';
import { waitFor } from '@testing-library/react';
import { authStore } from '../../../lib/auth/auth-store.ts';
import { applyClearance, purgeAll, purgeCommittee } from '../../../lib/realtime/access-purge.ts';
import { registerDeviceCopies } from '../../../lib/realtime/device-copies.ts';
import { fakeIdb } from '../../../test/fake-idb.ts';
import { forgetMinutesNotListed, hasUnsentMinutes, localDocName, markUnsent, rememberDeviceDoc } from './device-docs.ts';

// As the app does at start (app/providers.tsx).
registerDeviceCopies(() => import('./device-docs.ts'));

const USER = 'user-a';
const OTHER = 'user-b';

describe('minutes copies on the device when access ends', () => {
  let deleted: string[];
  const saved = globalThis.indexedDB;

  beforeEach(() => {
    const fake = fakeIdb([]);
    deleted = fake.deleted;
    Object.defineProperty(globalThis, 'indexedDB', { value: fake.idb, configurable: true, writable: true });
    authStore.setToken('token-a', USER);
    rememberDeviceDoc(USER, { sectionId: 'S-OPEN', committeeId: 'c1', meetingId: 'm1', classification: 'OPEN' });
    rememberDeviceDoc(USER, { sectionId: 's-secret', committeeId: 'c1', meetingId: 'm1', classification: 'SECRET' });
    rememberDeviceDoc(USER, { sectionId: 's-other', committeeId: 'c2', meetingId: 'm2', classification: 'CONFIDENTIAL' });
    // Another user's copy on this browser is theirs; it is never touched by this user's purge.
    rememberDeviceDoc(OTHER, { sectionId: 's-theirs', committeeId: 'c1', meetingId: 'm1', classification: 'SECRET' });
  });

  afterEach(() => {
    Object.defineProperty(globalThis, 'indexedDB', { value: saved, configurable: true, writable: true });
    authStore.clear();
    localStorage.clear();
  });

  it('should remove the copies of a committee the user was taken out of (the generic purge)', async () => {
    purgeCommittee(new QueryClient(), 'c1');
    await waitFor(() => expect(deleted.sort()).toEqual([localDocName(USER, 's-open'), localDocName(USER, 's-secret')]));
    // What is left is still known, and removed at the next purge.
    purgeCommittee(new QueryClient(), 'c2');
    await waitFor(() => expect(deleted).toContain(localDocName(USER, 's-other')));
    expect(deleted).not.toContain(localDocName(OTHER, 's-theirs'));
  });

  it('should remove the copies above a lowered clearance, and keep the rest', async () => {
    applyClearance(new QueryClient(), 'RESTRICTED');
    await waitFor(() => expect(deleted.sort()).toEqual([localDocName(USER, 's-other'), localDocName(USER, 's-secret')]));
  });

  it('should remove the copies of sections the server no longer lists (raised while the page was closed)', async () => {
    expect(await forgetMinutesNotListed(USER, 'm1', [{ id: 'S-OPEN', classification: 'OPEN' }])).toEqual(['s-secret']);
    expect(deleted).toEqual([localDocName(USER, 's-secret')]);
    // Refused minutes: every section of the meeting goes.
    expect(await forgetMinutesNotListed(USER, 'm1', [])).toEqual(['s-open']);
  });

  it('should remove every copy of the user when the session is ended by the server', async () => {
    purgeAll(new QueryClient());
    await waitFor(() =>
      expect(deleted.sort()).toEqual([localDocName(USER, 's-open'), localDocName(USER, 's-other'), localDocName(USER, 's-secret')]),
    );
  });

  it('should know when text typed offline has not been sent', () => {
    expect(hasUnsentMinutes(USER)).toBe(false);
    markUnsent(USER, 'S-OPEN', true);
    expect(hasUnsentMinutes(USER)).toBe(true);
    expect(hasUnsentMinutes(OTHER)).toBe(false);
    // Noting the copy again (the page opened again) keeps the mark until it is sent.
    rememberDeviceDoc(USER, { sectionId: 's-open', committeeId: 'c1', meetingId: 'm1', classification: 'OPEN' });
    expect(hasUnsentMinutes(USER)).toBe(true);
    markUnsent(USER, 's-open', false);
    expect(hasUnsentMinutes(USER)).toBe(false);
  });
});
