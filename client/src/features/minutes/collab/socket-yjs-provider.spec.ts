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
