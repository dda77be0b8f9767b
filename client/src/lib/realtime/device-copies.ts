import type { Classification } from '@sidang/shared/constants';

/**
 * What the device keeps beyond the query cache (minutes typed offline) and how it goes. The
 * feature that keeps it registers a loader (app/providers.tsx): lib does not know the features,
 * and the copies are loaded only when needed, not as part of the first screen.
 */
export interface DeviceCopies {
  forgetCommitteeMinutes(userId: string | null | undefined, committeeId: string): Promise<unknown>;
  forgetMinutesAbove(userId: string | null | undefined, clearance: Classification): Promise<unknown>;
  forgetMinutesOnDevice(userId: string): Promise<unknown>;
}

let registered: (() => Promise<DeviceCopies>) | undefined;

/** Registers how the copies kept on the device are loaded; called once at start. */
export function registerDeviceCopies(load: () => Promise<DeviceCopies>): void {
  registered = load;
}

/** Loads them (the access purge calls this); refused when none registered. */
export const loadDeviceCopies = (): Promise<DeviceCopies> =>
  registered ? registered() : Promise.reject(new Error('no device copies registered'));
