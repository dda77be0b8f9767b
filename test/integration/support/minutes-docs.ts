/**
 * A minimal Yjs provider over the app's socket.io connection, as the browser's: joins a
 * section document (`doc:join`), runs the y-protocols sync and awareness exchanges, and can go
 * "offline" (keeping its edits to send on return). Also: the plain text of a section document
 * and the text of a PDF.
 */
import type { DocError, DocJoinAck, DocSyncAck } from '@sidang/shared';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import type { SidangSocket } from '../../support/sockets.js';

const FROM_SERVER = Symbol('server');

function bytes(message: unknown): Uint8Array {
  if (message instanceof Uint8Array) return new Uint8Array(message.buffer, message.byteOffset, message.byteLength);
  return new Uint8Array(message as ArrayBuffer);
}

export class DocClient {
  readonly doc = new Y.Doc();
  readonly awareness = new awarenessProtocol.Awareness(this.doc);
  readonly errors: DocError[] = [];
  /** Every doc message received, whatever the docId: for asserting that nothing arrived. */
  readonly received: Array<{ event: string; docId: string; size: number }> = [];
  private online = true;
  private pending: Uint8Array[] = [];

  constructor(
    readonly socket: SidangSocket,
    readonly docId: string,
  ) {
    const raw = socket as unknown as {
      on(event: string, listener: (body: { docId: string; message?: unknown; code?: string }) => void): void;
    };
    raw.on('doc:sync', ({ docId, message }) => {
      this.received.push({ event: 'doc:sync', docId, size: bytes(message).length });
      if (docId !== this.docId) return;
      const encoder = encoding.createEncoder();
      syncProtocol.readSyncMessage(decoding.createDecoder(bytes(message)), encoder, this.doc, FROM_SERVER);
      if (encoding.length(encoder) > 1 && this.online) this.emit('doc:sync', encoding.toUint8Array(encoder));
    });
    raw.on('doc:awareness', ({ docId, message }) => {
      this.received.push({ event: 'doc:awareness', docId, size: bytes(message).length });
      if (docId === this.docId) awarenessProtocol.applyAwarenessUpdate(this.awareness, bytes(message), FROM_SERVER);
    });
    // Its cursor-timeout timer must not outlive the connection.
    (socket as unknown as { on(event: 'disconnect', listener: () => void): void }).on('disconnect', () => this.awareness.destroy());
    raw.on('doc:error', (error) => {
      this.received.push({ event: 'doc:error', docId: error.docId, size: 0 });
      if (error.docId === this.docId) this.errors.push(error as DocError);
    });
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === FROM_SERVER) return;
      if (!this.online) {
        this.pending.push(update);
        return;
      }
      this.sendUpdate(update);
    });
    this.awareness.on(
      'update',
      ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => {
        if (origin === FROM_SERVER || !this.online) return;
        this.emit('doc:awareness', awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...added, ...updated, ...removed]));
      },
    );
  }

  /**
   * Resolves once every frame the server wrote to this socket before it read this call has
   * arrived (one acknowledged round trip on the same socket: see `LiveClient.delivered`).
   */
  async delivered(ms = 10_000): Promise<void> {
    const raw = this.socket as unknown as RawDocSocket & { connected: boolean };
    if (!raw.connected) return;
    await raw.timeout(ms).emitWithAck('unsubscribe', {});
  }

  async join(): Promise<DocJoinAck> {
    const ack = (await this.socket.timeout(10_000).emitWithAck('doc:join', { docId: this.docId })) as DocJoinAck;
    if (ack.ok) this.sendStep1();
    return ack;
  }

  leave(): void {
    this.socket.emit('doc:leave', { docId: this.docId });
  }

  /** Edits made while offline are kept and sent (merged) on `goOnline`. */
  goOffline(): void {
    this.online = false;
  }

  goOnline(): void {
    this.online = true;
    if (this.pending.length > 0) {
      const merged = Y.mergeUpdates(this.pending);
      this.pending = [];
      this.sendUpdate(merged);
    }
    this.sendStep1();
  }

  /** Sends raw bytes as a sync message (for hostile or refused input). */
  sendUpdate(update: Uint8Array): void {
    const encoder = encoding.createEncoder();
    syncProtocol.writeUpdate(encoder, update);
    this.emit('doc:sync', encoding.toUint8Array(encoder));
  }

  /** The first paragraph's text, creating the paragraph when the document has none. */
  paragraph(): Y.XmlText {
    const fragment = this.doc.getXmlFragment('default');
    let first = fragment.get(0) as Y.XmlElement | undefined;
    if (!first) {
      first = new Y.XmlElement('paragraph');
      first.insert(0, [new Y.XmlText('')]);
      fragment.insert(0, [first]);
    }
    return first.get(0) as Y.XmlText;
  }

  text(): string {
    return this.doc
      .getXmlFragment('default')
      .toArray()
      .map((node) =>
        node instanceof Y.XmlElement
          ? node
              .toArray()
              .map((child) => (child instanceof Y.XmlText ? child.toString() : ''))
              .join('')
          : '',
      )
      .join('\n');
  }

  type(text: string, at?: number): void {
    const target = this.paragraph();
    target.insert(Math.min(at ?? target.length, target.length), text);
  }

  destroy(): void {
    this.awareness.destroy();
    this.doc.destroy();
  }

  private sendStep1(): void {
    const encoder = encoding.createEncoder();
    syncProtocol.writeSyncStep1(encoder, this.doc);
    this.emit('doc:sync', encoding.toUint8Array(encoder));
  }

  private emit(event: 'doc:sync' | 'doc:awareness', message: Uint8Array): void {
    (this.socket as unknown as { emit(event: string, body: unknown): void }).emit(event, { docId: this.docId, message });
  }
}

/** Resolves once `condition` holds (checked every 20 ms), or fails after `ms` with `describe()` (`until` of the harness). */
export async function eventually(
  condition: () => boolean | Promise<boolean>,
  ms = 10_000,
  describe: () => string = () => '',
): Promise<void> {
  await until(condition, 'a condition', ms, 20).catch((error: Error) => {
    throw new Error(`${error.message} ${describe()}`);
  });
}

/** The text of every page of a PDF, one string per page (pdf.js). */
export async function pdfPages(data: Uint8Array): Promise<string[]> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const document = await pdfjs.getDocument({ data, useSystemFonts: false, isEvalSupported: false, disableFontFace: true }).promise;
  const pages: string[] = [];
  for (let n = 1; n <= document.numPages; n += 1) {
    const page = await document.getPage(n);
    const content = await page.getTextContent();
    pages.push(
      content.items
        .map((item) => ('str' in item ? item.str : ''))
        .join(' ')
        .replace(/\s+/g, ' '),
    );
  }
  await document.destroy();
  return pages;
}

import type { AgendaItem, Meeting, Minutes } from '@sidang/shared';
import { aCommittee, aMembership, aUser, type TestUser } from './factories.js';
import { type TestApp, until } from './harness.js';

/** A committee with a person of each role and clearance, one meeting, an OPEN and a SECRET item, and its minutes. */
export interface MinutesWorld {
  committee: { id: string };
  chair: TestUser;
  secretariat: TestUser;
  /** Members of each clearance below SECRET; `member` is CONFIDENTIAL. */
  member: TestUser;
  restricted: TestUser;
  observer: TestUser;
  /** SECRET and a member: the positive control. */
  secretMember: TestUser;
  /** A SECRET-cleared editor below nothing: in another committee only. */
  outsider: TestUser;
  meeting: Meeting;
  openItem: AgendaItem;
  secretItem: AgendaItem;
  minutes: Minutes;
  openSection: string;
  secretSection: string;
}

export async function minutesWorld(app: TestApp): Promise<MinutesWorld> {
  const committee = await aCommittee(app);
  const chair = await aUser(app, { clearance: 'SECRET', name: 'Pengerusi Ujian', agency: 'MITI' });
  const secretariat = await aUser(app, { clearance: 'SECRET', name: 'Urus Setia Ujian', agency: 'MITI' });
  const member = await aUser(app, { clearance: 'CONFIDENTIAL', name: 'Ahli Sulit', agency: 'JMG' });
  const restricted = await aUser(app, { clearance: 'RESTRICTED', name: 'Ahli Terhad', agency: 'NRES' });
  const observer = await aUser(app, { clearance: 'OPEN', name: 'Pemerhati', agency: 'MIDA' });
  const secretMember = await aUser(app, { clearance: 'SECRET', name: 'Ahli Rahsia', agency: 'MOSTI' });
  const outsider = await aUser(app, { clearance: 'SECRET', name: 'Orang Luar', agency: 'KDN' });
  await aMembership(app, committee, chair, 'chair');
  await aMembership(app, committee, secretariat, 'secretariat');
  await aMembership(app, committee, member, 'member');
  await aMembership(app, committee, restricted, 'member');
  await aMembership(app, committee, observer, 'observer');
  await aMembership(app, committee, secretMember, 'member');
  await aMembership(app, await aCommittee(app), outsider, 'chair');
  const created = await app.request<Meeting>('POST', `/api/committees/${committee.id}/meetings`, chair.token, {
    status: 'scheduled',
    title: 'Mesyuarat Jawatankuasa Teknikal',
    startsAt: '2026-03-12T09:30:00+08:00',
    venue: 'Bilik Mesyuarat MITI',
    standardAgenda: false,
  });
  if (created.status !== 201) throw new Error(`meeting: ${created.status} ${JSON.stringify(created.body)}`);
  const meeting = created.body;
  const item = async (title: string, classification: string) => {
    const result = await app.request<AgendaItem>('POST', `/api/meetings/${meeting.id}/agenda-items`, chair.token, {
      title,
      classification,
    });
    if (result.status !== 201) throw new Error(`agenda item: ${result.status} ${JSON.stringify(result.body)}`);
    return result.body;
  };
  const openItem = await item('Laporan kemajuan', 'OPEN');
  const secretItem = await item('Kedudukan rundingan', 'SECRET');
  const got = await app.request<Minutes>('GET', `/api/meetings/${meeting.id}/minutes`, chair.token);
  if (got.status !== 200) throw new Error(`minutes: ${got.status} ${JSON.stringify(got.body)}`);
  const minutes = got.body;
  const sectionOf = (itemId: string) => minutes.sections.find((s) => s.agendaItemId === itemId)?.id as string;
  return {
    committee,
    chair,
    secretariat,
    member,
    restricted,
    observer,
    secretMember,
    outsider,
    meeting,
    openItem,
    secretItem,
    minutes,
    openSection: sectionOf(openItem.id),
    secretSection: sectionOf(secretItem.id),
  };
}

/**
 * The PDF of the minutes as `token` gets it. Tried twice: on a loaded machine an idle keep-alive
 * connection may be closed by the server just as the client reuses it (ECONNRESET).
 */
export async function fetchPdf(
  url: string,
  minutesId: string,
  token: string,
): Promise<{ status: number; type: string | null; pages: string[] }> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      const response = await fetch(`${url}/api/minutes/${minutesId}/pdf`, { headers: { authorization: `Bearer ${token}` } });
      const type = response.headers.get('content-type');
      if (response.status !== 200) return { status: response.status, type, pages: [] };
      return { status: response.status, type, pages: await pdfPages(new Uint8Array(await response.arrayBuffer())) };
    } catch (error) {
      if (attempt >= 2) throw error;
    }
  }
}

/** What the test needs of a socket beyond the typed events: acks on doc:sync and doc:flush. */
export interface RawDocSocket {
  timeout(ms: number): { emitWithAck(event: string, body: unknown): Promise<unknown> };
  on(event: string, listener: (...args: never[]) => void): void;
}

/**
 * An editor that sends each piece of text as one update with an ack (as the browser's provider
 * does) into a paragraph of its own, and notes every doc:error of its document.
 */
export class AckedEditor {
  readonly doc = new Y.Doc();
  readonly errors: DocError[] = [];
  private readonly text: Y.XmlText;

  constructor(
    readonly socket: SidangSocket,
    readonly docId: string,
  ) {
    (socket as unknown as RawDocSocket).on('doc:error', ((error: DocError) => {
      if (error.docId === docId) this.errors.push(error);
    }) as (...args: never[]) => void);
    const paragraph = new Y.XmlElement('paragraph');
    this.text = new Y.XmlText('');
    paragraph.insert(0, [this.text]);
    this.doc.getXmlFragment('default').insert(0, [paragraph]);
  }

  join(): Promise<DocJoinAck> {
    return (this.socket as unknown as RawDocSocket).timeout(15_000).emitWithAck('doc:join', { docId: this.docId }) as Promise<DocJoinAck>;
  }

  /** Appends `text` and sends it (the first time with its paragraph) as one update; resolves with the ack. */
  type(text: string): Promise<DocSyncAck> {
    const before = this.sent;
    this.text.insert(this.text.length, text);
    this.sent = Y.encodeStateVector(this.doc);
    const encoder = encoding.createEncoder();
    syncProtocol.writeUpdate(encoder, Y.encodeStateAsUpdate(this.doc, before));
    return (this.socket as unknown as RawDocSocket)
      .timeout(15_000)
      .emitWithAck('doc:sync', { docId: this.docId, message: encoding.toUint8Array(encoder) }) as Promise<DocSyncAck>;
  }

  private sent: Uint8Array = new Uint8Array([0]);
}
