import { describe, expect, it } from '@jest/globals';
import * as Y from 'yjs';
import { FakeDocServer } from './fake-doc-server.ts';
import { SocketYjsProvider } from './socket-yjs-provider.ts';

const DOC = '0b7c7a4e-5d1e-4b38-9c55-2f0a3d2e8f10';

function client(server: FakeDocServer, canEdit = true) {
  const socket = server.socket(canEdit);
  const doc = new Y.Doc();
  socket.connect();
  const provider = new SocketYjsProvider(socket, DOC, doc);
  return { socket, doc, provider, text: () => doc.getText('t').toString() };
}

describe(SocketYjsProvider.name, () => {
  it('should join, sync and relay edits between two editors', () => {
    const server = new FakeDocServer();
    const a = client(server);
    const b = client(server);
    expect(a.provider.getState()).toMatchObject({ status: 'synced', canEdit: true });

    a.doc.getText('t').insert(0, 'Hello');
    b.doc.getText('t').insert(0, 'JMG: ');
    expect(a.text()).toBe(b.text());
    expect(a.text()).toContain('Hello');
    expect(a.text()).toContain('JMG: ');
    expect(server.docFor(DOC).getText('t').toString()).toBe(a.text());
  });

  it('should give a late joiner the document as it stands', () => {
    const server = new FakeDocServer();
    const a = client(server);
    a.doc.getText('t').insert(0, 'Before you came');
    const b = client(server);
    expect(b.text()).toBe('Before you came');
  });

  it('should keep text typed offline and merge it after the reconnect', () => {
    const server = new FakeDocServer();
    const a = client(server);
    const b = client(server);
    a.doc.getText('t').insert(0, 'Start.');

    a.socket.disconnect();
    expect(a.provider.getState().status).toBe('offline');
    a.doc.getText('t').insert(a.doc.getText('t').length, ' Typed offline.');
    b.doc.getText('t').insert(0, 'Online meanwhile. ');
    expect(a.provider.getState().pending).toBe(true);
    expect(b.text()).not.toContain('Typed offline');

    a.socket.connect();
    expect(a.provider.getState()).toMatchObject({ status: 'synced', pending: false });
    expect(b.text()).toContain('Typed offline');
    expect(a.text()).toContain('Online meanwhile');
    expect(a.text()).toBe(b.text());
  });

  it('should send edits made into a fresh copy before the first join (a copy restored from the device)', () => {
    const server = new FakeDocServer();
    const b = client(server);
    const socket = server.socket();
    const doc = new Y.Doc();
    const provider = new SocketYjsProvider(socket, DOC, doc);
    doc.getText('t').insert(0, 'Restored from the device');
    expect(provider.getState()).toMatchObject({ status: 'offline', pending: true });
    socket.connect();
    expect(b.text()).toBe('Restored from the device');
  });

  it('should relay cursors and names, and forget others on a disconnect', () => {
    const server = new FakeDocServer();
    const a = client(server);
    const b = client(server);
    a.provider.awareness.setLocalStateField('user', { name: 'Urus Setia', color: '#f00' });
    const seenByB = () =>
      [...b.provider.awareness.getStates().values()].map((state) => (state.user as { name?: string } | undefined)?.name);
    expect(seenByB()).toContain('Urus Setia');

    b.socket.disconnect();
    expect(seenByB()).not.toContain('Urus Setia');
    b.socket.connect();
    // a's state comes back when a next changes it (or renews it).
    a.provider.awareness.setLocalStateField('user', { name: 'Urus Setia', color: '#0f0' });
    expect(seenByB()).toContain('Urus Setia');
  });

  it('should take a read-only answer from the server and never push edits then', () => {
    const server = new FakeDocServer();
    const editor = client(server);
    editor.doc.getText('t').insert(0, 'Official text');
    const reader = client(server, false);
    expect(reader.provider.getState()).toMatchObject({ status: 'synced', canEdit: false });
    expect(reader.text()).toBe('Official text');

    reader.doc.getText('t').insert(0, 'Not allowed ');
    expect(server.docFor(DOC).getText('t').toString()).toBe('Official text');
    expect(editor.text()).toBe('Official text');
  });

  it('should say saving until the server acknowledged, merging what is typed meanwhile into one message', () => {
    const server = new FakeDocServer();
    const a = client(server);
    server.holdAcks = true;
    const sentBefore = server.updatesReceived.length;
    a.doc.getText('t').insert(0, 'Pasted paragraph. ');
    expect(a.provider.getState().saving).toBe(true);
    for (const char of 'typed fast') a.doc.getText('t').insert(a.doc.getText('t').length, char);
    // One message in flight; the ten keystrokes wait for its ack.
    expect(server.updatesReceived.length - sentBefore).toBe(1);
    server.releaseAcks();
    expect(server.updatesReceived.length - sentBefore).toBe(2);
    expect(a.provider.getState().saving).toBe(true);
    server.releaseAcks();
    expect(a.provider.getState().saving).toBe(false);
    expect(server.docFor(DOC).getText('t').toString()).toBe('Pasted paragraph. typed fast');
  });

  it("should answer the server's flush only once its edits are acknowledged", async () => {
    const server = new FakeDocServer();
    const a = client(server);
    const reader = client(server, false);
    server.holdAcks = true;
    a.doc.getText('t').insert(0, 'Words on the screen');
    let answered = false;
    const flushed = server.flush(DOC).then((acks) => {
      answered = true;
      return acks;
    });
    await Promise.resolve();
    expect(answered).toBe(false);
    server.releaseAcks();
    expect(await flushed).toEqual([{ ok: true }, { ok: true }]);
    expect(server.docFor(DOC).getText('t').toString()).toBe('Words on the screen');
    expect(reader.text()).toBe('Words on the screen');
  });

  it('should ask for a resync when the server refuses an edit (editing ended), and send nothing more', () => {
    const server = new FakeDocServer();
    const a = client(server);
    a.doc.getText('t').insert(0, 'Saved. ');
    server.editable = false;
    const sentBefore = server.updatesReceived.length;
    a.doc.getText('t').insert(a.doc.getText('t').length, 'Too late');
    expect(a.provider.getState()).toMatchObject({ resync: true, refusal: 'read-only', canEdit: false, saving: false });
    a.doc.getText('t').insert(a.doc.getText('t').length, ' and later');
    expect(server.updatesReceived.length).toBe(sentBefore);
    expect(server.docFor(DOC).getText('t').toString()).toBe('Saved. ');
  });

  it('should say why an edit was refused when it was beyond the limits (too large), not that editing ended', () => {
    const server = new FakeDocServer();
    const a = client(server);
    a.doc.getText('t').insert(0, 'Saved. ');
    expect(a.provider.getState().refusal).toBeNull();
    a.socket.deliver('doc:error', { docId: DOC, code: 'too-large', resync: true });
    expect(a.provider.getState()).toMatchObject({ resync: true, refusal: 'too-large', canEdit: false });
  });

  it('should ask for a resync when a read-only copy holds words the server lacks (typed offline as editing ended)', () => {
    const server = new FakeDocServer();
    const editor = client(server);
    editor.doc.getText('t').insert(0, 'Official text');
    const socket = server.socket(false);
    const doc = new Y.Doc();
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(server.docFor(DOC)));
    doc.getText('t').insert(0, 'Typed offline ');
    socket.connect();
    const late = new SocketYjsProvider(socket, DOC, doc);
    expect(late.getState()).toMatchObject({ resync: true, canEdit: false });
    // A read-only copy with nothing of its own is left alone (positive control).
    expect(client(server, false).provider.getState()).toMatchObject({ status: 'synced', resync: false });
  });

  it('should take the rights that hold now when refreshed (back to draft)', () => {
    const server = new FakeDocServer();
    const a = client(server, false);
    expect(a.provider.getState().canEdit).toBe(false);
    a.socket.canEdit = true;
    a.provider.refresh();
    expect(a.provider.getState()).toMatchObject({ status: 'synced', canEdit: true });
    a.doc.getText('t').insert(0, 'Editable again');
    expect(server.docFor(DOC).getText('t').toString()).toBe('Editable again');
  });

  it('should report a refused join', () => {
    const server = new FakeDocServer();
    server.refused.add(DOC);
    const a = client(server);
    expect(a.provider.getState()).toMatchObject({ status: 'refused', canEdit: false });
  });

  it('should leave the document and stop listening when destroyed', () => {
    const server = new FakeDocServer();
    const a = client(server);
    const b = client(server);
    b.provider.destroy();
    expect(b.socket.joinedDocs.has(DOC)).toBe(false);
    a.doc.getText('t').insert(0, 'After you left');
    expect(b.text()).toBe('');
  });
});
