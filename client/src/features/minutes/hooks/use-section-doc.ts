import { useCallback, useEffect, useRef, useState } from 'react';
import { IndexeddbPersistence } from 'y-indexeddb';
import * as Y from 'yjs';
import { useRealtimeSocket } from '../../../lib/realtime/realtime-provider.tsx';
import { type DeviceDocEntry, forgetDeviceCopy, localDocName, markUnsent, rememberDeviceDoc } from '../collab/device-docs.ts';
import { docText, refusedText } from '../collab/doc-text.ts';
import { trackOpenDoc } from '../collab/open-docs.ts';
import { type DocChannel, type DocRefusal, type DocState, SocketYjsProvider } from '../collab/socket-yjs-provider.ts';

export interface SectionDoc {
  doc: Y.Doc;
  provider: SocketYjsProvider | null;
  state: DocState;
  /** The device copy has been read (or there is none): what the editor shows is complete. */
  loaded: boolean;
  /**
   * Words the screen showed that the server refused (the minutes left draft as they were typed,
   * or the edit was beyond the limits), and why: the section went back to the server's text;
   * these are offered to copy. Null: none.
   */
  refused: { text: string; reason: DocRefusal } | null;
  dismissRefused: () => void;
}

const OFFLINE: DocState = { status: 'offline', canEdit: false, pending: false, saving: false, resync: false, refusal: null };

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
  /** Bumped to replace the document by the server's (after a refusal). */
  const [generation, setGeneration] = useState(0);
  const [refused, setRefused] = useState<SectionDoc['refused']>(null);
  /** What the screen showed when the server refused it, and why, until the server's copy has arrived. */
  const shownAtRefusal = useRef<{ text: string; reason: DocRefusal } | null>(null);

  // biome-ignore lint/correctness/useExhaustiveDependencies: a new generation is a new document.
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
  }, [sectionId, userId, generation]);

  useEffect(() => {
    if (!doc || !socket) return undefined;
    const created = new SocketYjsProvider(socket as unknown as DocChannel, sectionId, doc);
    setProvider(created);
    setState(created.getState());
    const unsubscribe = created.subscribe(setState);
    const untrack = trackOpenDoc(created);
    return () => {
      untrack();
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

  // The server refused words this copy holds: the copy (and its device copy) goes, and the
  // server's comes in its place, so the screen never keeps what was not saved.
  useEffect(() => {
    // Only the state of this document's own provider counts: right after the replacement, the
    // state still shown is the old provider's (and would have the new copy thrown away too).
    if (!state.resync || !doc || provider?.doc !== doc) return undefined;
    let cancelled = false;
    const shown = { text: docText(doc), reason: state.refusal ?? 'read-only' };
    // Closed, then deleted and only then opened afresh: a copy opened while its deletion waits would hang.
    const forget = async () => {
      await persistence?.destroy().catch(() => undefined);
      if (userId && persistence) await forgetDeviceCopy(userId, sectionId);
    };
    void forget().then(() => {
      if (cancelled) return;
      shownAtRefusal.current = shown;
      setGeneration((n) => n + 1);
    });
    return () => {
      cancelled = true;
    };
  }, [state.resync, state.refusal, doc, provider, persistence, userId, sectionId]);

  // Once the server's copy is here: what it lacks of what was shown is offered to the user.
  useEffect(() => {
    if (state.status !== 'synced' || state.resync || !doc || provider?.doc !== doc || shownAtRefusal.current === null) return;
    const { text, reason } = shownAtRefusal.current;
    const lost = refusedText(text, docText(doc));
    shownAtRefusal.current = null;
    if (lost) setRefused({ text: lost, reason });
  }, [state.status, state.resync, doc, provider]);

  const dismissRefused = useCallback(() => setRefused(null), []);

  return doc ? { doc, provider, state, loaded, refused, dismissRefused } : null;
}
