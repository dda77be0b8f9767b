import { describe, expect, it } from '@jest/globals';
import type { Minutes } from '@sidang/shared';
import * as Y from 'yjs';
import { type DocChannel, type DocState, SocketYjsProvider } from '../../client/src/features/minutes/collab/socket-yjs-provider.ts';
import { connectSocket, type SidangSocket } from '../support/sockets.js';
import { eventually } from './support/minutes-docs.js';
import { minutesSuite } from './support/minutes-suite.js';

/**
 * The browser's own co-editing provider (client/src/features/minutes/collab) against the real
 * server: two editors converge, an editor that drops off keeps its edits and merges them on
 * return, a reader's edits never reach the server, and a section above a reader is refused.
 */
describe('minutes provider of the client against the server', () => {
  const suite = minutesSuite();

  async function open(token: string, docId: string): Promise<{ socket: SidangSocket; doc: Y.Doc; provider: SocketYjsProvider }> {
    const socket = await connectSocket(suite.app.url, token);
    suite.sockets.push(socket);
    const doc = new Y.Doc();
    const provider = new SocketYjsProvider(socket as unknown as DocChannel, docId, doc);
    suite.providers.push(provider);
    return { socket, doc, provider };
  }

  async function settled(provider: SocketYjsProvider, want: Partial<DocState> = { status: 'synced' }): Promise<void> {
    await eventually(
      () => Object.entries(want).every(([key, value]) => provider.getState()[key as keyof DocState] === value),
      15_000,
      () => JSON.stringify(provider.getState()),
    );
  }

  /** Appends a paragraph, as TipTap would into the section's fragment. */
  function addParagraph(doc: Y.Doc, text: string): void {
    const fragment = doc.getXmlFragment('default');
    const paragraph = new Y.XmlElement('paragraph');
    paragraph.insert(0, [new Y.XmlText(text)]);
    fragment.insert(fragment.length, [paragraph]);
  }

  const textOf = (doc: Y.Doc) => doc.getXmlFragment('default').toString();

  async function serverText(docId: string): Promise<string> {
    const { body } = await suite.app.request<Minutes>('GET', `/api/meetings/${suite.world.meeting.id}/minutes`, suite.world.chair.token);
    return body.sections.find((section) => section.id === docId)?.text ?? '';
  }

  it('should converge two editors typing at once, and store the text', async () => {
    const chair = await open(suite.world.chair.token, suite.world.openSection);
    const secretariat = await open(suite.world.secretariat.token, suite.world.openSection);
    await Promise.all([settled(chair.provider), settled(secretariat.provider)]);
    expect(chair.provider.getState().canEdit).toBe(true);

    for (let i = 0; i < 5; i += 1) {
      addParagraph(chair.doc, `Chair ${i}`);
      addParagraph(secretariat.doc, `Secretariat ${i}`);
    }
    await eventually(() => textOf(chair.doc) === textOf(secretariat.doc) && textOf(chair.doc).includes('Secretariat 4'), 15_000);
    expect(textOf(chair.doc)).toContain('Chair 4');
    await eventually(async () => {
      const stored = await serverText(suite.world.openSection);
      return stored.includes('Chair 4') && stored.includes('Secretariat 4');
    }, 15_000);
  });

  it('should keep what an editor typed while disconnected and merge it after the reconnect', async () => {
    const chair = await open(suite.world.chair.token, suite.world.openSection);
    const secretariat = await open(suite.world.secretariat.token, suite.world.openSection);
    await Promise.all([settled(chair.provider), settled(secretariat.provider)]);

    secretariat.socket.disconnect();
    await settled(secretariat.provider, { status: 'offline' });
    addParagraph(secretariat.doc, 'Typed in the lift');
    addParagraph(chair.doc, 'Typed meanwhile');
    expect(secretariat.provider.getState().pending).toBe(true);
    // Not sent while offline.
    await eventually(async () => (await serverText(suite.world.openSection)).includes('Typed meanwhile'), 15_000);
    expect(await serverText(suite.world.openSection)).not.toContain('Typed in the lift');

    secretariat.socket.connect();
    await settled(secretariat.provider, { status: 'synced', pending: false });
    await eventually(() => textOf(chair.doc).includes('Typed in the lift') && textOf(chair.doc) === textOf(secretariat.doc), 15_000);
    await eventually(async () => (await serverText(suite.world.openSection)).includes('Typed in the lift'), 15_000);
  });

  it("should give a reader the text read-only and never store a reader's edit", async () => {
    const observer = await open(suite.world.observer.token, suite.world.openSection);
    await settled(observer.provider);
    expect(observer.provider.getState().canEdit).toBe(false);
    expect(textOf(observer.doc)).toContain('Chair 0');

    addParagraph(observer.doc, 'Observer was here');
    // A positive control on the same path: an editor's edit after it is stored.
    const chair = await open(suite.world.chair.token, suite.world.openSection);
    await settled(chair.provider);
    addParagraph(chair.doc, 'Editor after the observer');
    await eventually(async () => (await serverText(suite.world.openSection)).includes('Editor after the observer'), 15_000);
    expect(await serverText(suite.world.openSection)).not.toContain('Observer was here');
    expect(textOf(chair.doc)).not.toContain('Observer was here');
  });

  it('should be refused a section above the reader, and let a cleared reader in', async () => {
    const restricted = await open(suite.world.restricted.token, suite.world.secretSection);
    await settled(restricted.provider, { status: 'refused' });
    expect(textOf(restricted.doc)).toBe('');
    const cleared = await open(suite.world.secretMember.token, suite.world.secretSection);
    await settled(cleared.provider);
  });
});
