import type { Committee } from '@sidang/shared';

/** Mirrors the server's policy (`meeting.manage`, `agenda.manage`, `meeting.run`); the server decides. */
export function canManageMeetings(role: Committee['role'] | undefined): boolean {
  return role === 'chair' || role === 'secretariat';
}
