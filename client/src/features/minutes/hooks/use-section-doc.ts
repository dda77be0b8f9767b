import { useEffect, useState } from 'react';
import { IndexeddbPersistence } from 'y-indexeddb';
import * as Y from 'yjs';
import { useRealtimeSocket } from '../../../lib/realtime/realtime-provider.tsx';
import { type DeviceDocEntry, localDocName, markUnsent, rememberDeviceDoc } from '../collab/device-docs.ts';
import { type DocChannel, type DocState, SocketYjsProvider } from '../collab/socket-yjs-provider.ts';

export interface SectionDoc {
  doc: Y.Doc;
  provider: SocketYjsProvider | null;
  state: DocState;
  /** The device copy has been read (or there is none): what the editor shows is complete. */
  loaded: boolean;
}

const OFFLINE: DocState = { status: 'offline', canEdit: false, pending: false };

/**
 * One section's Y.Doc: kept on the device (IndexedDB, per user) so that what is typed offline
 * survives a closed tab, and synced over the app's socket whenever it is connected.
 */
export function useSectionDoc(
  sectionId: string,
  userId: string | null | undefined,
  /** Where the section belongs: noted with the device copy, so that it goes when access to it ends. */
  place?: Omit<DeviceDocEntry, 'sectionId' | 'unsent'>,
): SectionDoc | null {
  const socket = useRealtimeSocket();
  const [doc, setDoc] = useState<Y.Doc | null>(null);
  const [loaded, setLoaded] = useState(false);
  const [provider, setProvider] = useState<SocketYjsProvider | null>(null);
  const [state, setState] = useState<DocState>(OFFLINE);
  const [persistence, setPersistence] = useState<IndexeddbPersistence | null>(null);

  useEffect(() => {
    const created = new Y.Doc();
    let persistence: IndexeddbPersistence | undefined;
    setLoaded(false);
    if (userId && typeof indexedDB !== 'undefined') {
      persistence = new IndexeddbPersistence(localDocName(userId, sectionId), created);
      persistence.whenSynced.then(
        () => setLoaded(true),
        () => setLoaded(true),
      );
    } else setLoaded(true);
    setDoc(created);
    setPersistence(persistence ?? null);
    return () => {
      setDoc(null);
      setPersistence(null);
      void persistence?.destroy().catch(() => undefined);
      created.destroy();
    };
  }, [sectionId, userId]);

  useEffect(() => {
    if (!doc || !socket) return undefined;
    const created = new SocketYjsProvider(socket as unknown as DocChannel, sectionId, doc);
    setProvider(created);
    setState(created.getState());
    const unsubscribe = created.subscribe(setState);
    return () => {
      unsubscribe();
      created.destroy();
      setProvider(null);
      setState(OFFLINE);
    };
  }, [doc, socket, sectionId]);

  const committeeId = place?.committeeId;
  const meetingId = place?.meetingId;
  const classification = place?.classification;
  useEffect(() => {
    if (userId && committeeId && meetingId && classification)
      rememberDeviceDoc(userId, { sectionId, committeeId, meetingId, classification });
  }, [userId, sectionId, committeeId, meetingId, classification]);

  // Text typed offline is noted as unsent until a sync with the server has taken it.
  useEffect(() => {
    if (!userId) return;
    if (state.pending) markUnsent(userId, sectionId, true);
    else if (state.status === 'synced') markUnsent(userId, sectionId, false);
  }, [userId, sectionId, state.pending, state.status]);

  // The server refused the section (the user may no longer see it): its device copy goes too.
  useEffect(() => {
    if (state.status === 'refused' && persistence) void persistence.clearData().catch(() => undefined);
  }, [state.status, persistence]);

  return doc ? { doc, provider, state, loaded } : null;
}
