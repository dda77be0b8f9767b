import type { Classification } from '@sidang/shared';

/**
 * The device's notes on the minutes copies it keeps (committee, meeting, level, unsent text),
 * in localStorage: small and synchronous, so that signing out can ask before anything goes.
 */

/** What the device remembers of a section it keeps a copy of: enough to know when access to it ends. */
export interface DeviceDocEntry {
  sectionId: string;
  committeeId: string;
  meetingId: string;
  classification: Classification;
  /** Text typed here and not yet sent to the server. */
  unsent?: boolean;
}

export type DeviceDocIndex = Record<string, DeviceDocEntry>;

const indexKey = (userId: string) => `sidang-minutes-index:${userId}`;

function storage(): Storage | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined;
  }
}

export function readIndex(userId: string): DeviceDocIndex {
  try {
    const raw = storage()?.getItem(indexKey(userId));
    const parsed: unknown = raw ? JSON.parse(raw) : {};
    return parsed && typeof parsed === 'object' ? (parsed as DeviceDocIndex) : {};
  } catch {
    return {};
  }
}

export function writeIndex(userId: string, index: DeviceDocIndex): void {
  try {
    if (Object.keys(index).length === 0) storage()?.removeItem(indexKey(userId));
    else storage()?.setItem(indexKey(userId), JSON.stringify(index));
  } catch {
    // A full or unavailable storage: the sign-out removal still clears every copy.
  }
}

/** Notes that the device keeps a copy of a section (and under which committee and level). */
export function rememberDeviceDoc(userId: string, entry: Omit<DeviceDocEntry, 'unsent'>): void {
  const index = readIndex(userId);
  const key = entry.sectionId.toLowerCase();
  const before = index[key];
  const next: DeviceDocEntry = { ...entry, sectionId: key, ...(before?.unsent ? { unsent: true } : {}) };
  if (JSON.stringify(before) !== JSON.stringify(next)) writeIndex(userId, { ...index, [key]: next });
}

/** Marks whether a section's copy holds text not yet sent (typed offline). */
export function markUnsent(userId: string, sectionId: string, unsent: boolean): void {
  const index = readIndex(userId);
  const key = sectionId.toLowerCase();
  const entry = index[key];
  if (!entry || Boolean(entry.unsent) === unsent) return;
  writeIndex(userId, { ...index, [key]: { ...entry, unsent: unsent || undefined } });
}

/** Whether this user has minutes text on the device that the server has not received. */
export function hasUnsentMinutes(userId: string | null | undefined): boolean {
  return userId ? Object.values(readIndex(userId)).some((entry) => entry.unsent === true) : false;
}
