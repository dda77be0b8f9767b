/** What other features may use of this one: they import it from here, never from its files. */
export { hasUnsentMinutes } from './collab/device-index.ts';
/** The minutes kept on this device, loaded when needed (they are not part of the first screen). */
export const loadDeviceDocs = () => import('./collab/device-docs.ts');
