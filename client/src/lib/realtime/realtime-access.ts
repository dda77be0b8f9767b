import type { AccessChanged } from '@sidang/shared';
import type { QueryClient } from '@tanstack/react-query';
import { applyClearance, applyHidden } from './access-purge.ts';

/** What a change of the user's access does to this connection (see startRealtime). */
export interface AccessChangeHandlers {
  queryClient: QueryClient;
  /** Tells the app (before the caches are purged, so the committee's name can still be read). */
  notify: (change: AccessChanged) => void;
  /** The user may no longer see this committee: stop its stream and drop everything of it. */
  dropCommittee: (committeeId: string, change: AccessChanged) => void;
  /** The server ended the session (signed out, deactivated): nothing of it stays, nothing reconnects. */
  endSession: (change: AccessChanged) => void;
}

export function applyAccessChange(change: AccessChanged, handlers: AccessChangeHandlers): void {
  const { queryClient, notify } = handlers;
  switch (change.reason) {
    case 'membership-removed':
      if (change.committeeId) handlers.dropCommittee(change.committeeId, change);
      return;
    case 'clearance-changed':
      notify(change);
      if (change.clearance) applyClearance(queryClient, change.clearance);
      else void queryClient.invalidateQueries();
      return;
    case 'role-changed':
      notify(change);
      // Drafts no longer the user's: the server names them; they go before anything is reloaded.
      if (change.hidden && change.committeeId) applyHidden(queryClient, change.committeeId, change.hidden);
      void queryClient.invalidateQueries({ queryKey: ['committees'] });
      return;
    case 'deactivated':
    case 'signed-out':
      handlers.endSession(change);
      return;
    default:
      // A reason this client does not know yet: reload what it shows.
      void queryClient.invalidateQueries();
  }
}
