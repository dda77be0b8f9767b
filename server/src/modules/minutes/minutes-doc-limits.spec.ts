import { describe, expect, it } from '@jest/globals';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { DOC_FIELD, updateWithParagraphs } from './minutes-doc.js';
import {
  AWARENESS_MAX_ENTRIES,
  DocLimiter,
  docDepth,
  encodeAwarenessEntries,
  readAwarenessEntries,
  TokenBucket,
} from './minutes-doc-limits.js';

/** `depth` paragraphs each inside the last, built level by level (a prelim tree that deep overflows Yjs itself). */
function nestedUpdate(depth: number, text = 'deep'): Uint8Array {
  const doc = new Y.Doc();
  doc.transact(() => {
    let parent: Y.XmlFragment | Y.XmlElement = doc.getXmlFragment(DOC_FIELD);
    for (let n = 0; n < depth; n += 1) {
      parent.insert(parent.length, [new Y.XmlElement('paragraph')]);
      parent = parent.get(parent.length - 1) as Y.XmlElement;
    }
    parent.insert(0, [new Y.XmlText(text)]);
  });
  return Y.encodeStateAsUpdate(doc);
}

/** A document holding `update`, and the update a further edit makes. */
function docWith(update: Uint8Array): Y.Doc {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, update);
  return doc;
}

function editOf(doc: Y.Doc, edit: (doc: Y.Doc) => void): Uint8Array {
  const before = Y.encodeStateVector(doc);
  const copy = docWith(Y.encodeStateAsUpdate(doc));
  edit(copy);
  return Y.encodeStateAsUpdate(copy, before);
}

/** bulletList > listItem > paragraph, `levels` lists deep, as TipTap nests lists. */
function nestedList(levels: number): (doc: Y.Doc) => void {
  return (doc) => {
    doc.transact(() => {
      let parent: Y.XmlFragment | Y.XmlElement = doc.getXmlFragment(DOC_FIELD);
      for (let n = 0; n < levels; n += 1) {
        parent.insert(parent.length, [new Y.XmlElement('bulletList')]);
        const list = parent.get(parent.length - 1) as Y.XmlElement;
        list.insert(0, [new Y.XmlElement('listItem')]);
        const item = list.get(0) as Y.XmlElement;
        item.insert(0, [new Y.XmlElement('paragraph')]);
        (item.get(0) as Y.XmlElement).insert(0, [new Y.XmlText(`level ${n + 1}`)]);
        parent = item;
      }
    });
  };
}

describe(DocLimiter.name, () => {
  const limiter = () => new DocLimiter({ maxDepth: 40, maxBytes: 64 * 1024 });

  it('should measure 5,000 nested paragraphs without overflowing the stack', () => {
    const doc = docWith(nestedUpdate(5_000));
    expect(docDepth(doc)).toBe(5_001);
  });

  it('should accept typing and lists nested as deep as anyone writes them', () => {
    const doc = docWith(updateWithParagraphs(['Mesyuarat bermula.']));
    const checks = limiter();
    const typing = editOf(doc, (copy) => ((copy.getXmlFragment(DOC_FIELD).get(0) as Y.XmlElement).get(0) as Y.XmlText).insert(0, 'Ya. '));
    expect(checks.refusal(doc, typing)).toBeNull();
    expect(checks.refusal(doc, editOf(doc, nestedList(12)))).toBeNull();
  });

  it('should refuse an update nesting elements beyond the limit, whole or sent in pieces', () => {
    const doc = docWith(updateWithParagraphs(['Asal']));
    const checks = limiter();
    expect(checks.refusal(doc, nestedUpdate(5_000))).toBe('too-deep');
    expect(checks.refusal(doc, nestedUpdate(41))).toBe('too-deep');
    expect(checks.refusal(doc, editOf(doc, nestedList(20)))).toBe('too-deep');
    // The deep part without the element it hangs from: it would join the document later, unmeasured.
    const attacker = new Y.Doc();
    attacker.getXmlFragment(DOC_FIELD).insert(0, [new Y.XmlElement('paragraph')]);
    const afterTop = Y.encodeStateVector(attacker);
    let parent = attacker.getXmlFragment(DOC_FIELD).get(0) as Y.XmlElement;
    for (let n = 0; n < 100; n += 1) {
      parent.insert(0, [new Y.XmlElement('paragraph')]);
      parent = parent.get(0) as Y.XmlElement;
    }
    expect(checks.refusal(doc, Y.encodeStateAsUpdate(attacker, afterTop))).toBe('invalid');
  });

  it('should refuse what makes a section larger than the cap, and still accept deleting from one above it', () => {
    const checks = new DocLimiter({ maxDepth: 40, maxBytes: 16 * 1024 });
    const doc = docWith(updateWithParagraphs(['x'.repeat(15 * 1024)]));
    const more = editOf(doc, (copy) =>
      ((copy.getXmlFragment(DOC_FIELD).get(0) as Y.XmlElement).get(0) as Y.XmlText).insert(0, 'y'.repeat(2_048)),
    );
    expect(checks.refusal(doc, more)).toBe('too-large');
    const small = editOf(doc, (copy) => ((copy.getXmlFragment(DOC_FIELD).get(0) as Y.XmlElement).get(0) as Y.XmlText).insert(0, 'ok'));
    expect(checks.refusal(doc, small)).toBeNull();
    const tight = new DocLimiter({ maxDepth: 40, maxBytes: 16 * 1024 });
    const big = docWith(updateWithParagraphs(['x'.repeat(20 * 1024)]));
    const cut = editOf(big, (copy) => ((copy.getXmlFragment(DOC_FIELD).get(0) as Y.XmlElement).get(0) as Y.XmlText).delete(0, 1_000));
    expect(tight.refusal(big, cut)).toBeNull();
  });

  it('should refuse sub-documents and bytes that are no update', () => {
    const doc = docWith(updateWithParagraphs(['Asal']));
    const checks = limiter();
    const withSubdoc = editOf(doc, (copy) => copy.getMap('evil').set('doc', new Y.Doc()));
    expect(checks.refusal(doc, withSubdoc)).toBe('invalid');
    expect(checks.refusal(doc, new Uint8Array([200, 1, 2, 3, 4]))).toBe('invalid');
  });
});

describe(readAwarenessEntries.name, () => {
  const sender = (clients: number) => {
    const awareness = new awarenessProtocol.Awareness(new Y.Doc());
    awareness.setLocalState({ user: { name: 'Pengerusi' }, cursor: { anchor: 1, head: 2 } });
    const ids = [awareness.clientID];
    for (let n = 1; n < clients; n += 1) {
      const other = new awarenessProtocol.Awareness(new Y.Doc());
      other.setLocalState({ user: { name: `Klien ${n}` } });
      awarenessProtocol.applyAwarenessUpdate(awareness, awarenessProtocol.encodeAwarenessUpdate(other, [other.clientID]), 'test');
      ids.push(other.clientID);
      other.destroy();
    }
    const message = awarenessProtocol.encodeAwarenessUpdate(awareness, ids);
    awareness.destroy();
    return { message, ids };
  };

  it('should read what y-protocols writes, and write it back the same', () => {
    const { message, ids } = sender(2);
    const entries = readAwarenessEntries(message);
    expect(entries?.map((entry) => entry.clientId)).toEqual(ids);
    expect(JSON.parse(entries?.[0]?.state ?? 'null')).toMatchObject({ user: { name: 'Pengerusi' } });
    expect(encodeAwarenessEntries(entries ?? [])).toEqual(message);
  });

  it('should refuse more entries than the cap, a state above 2 KiB and malformed bytes', () => {
    expect(readAwarenessEntries(sender(AWARENESS_MAX_ENTRIES).message)).toHaveLength(AWARENESS_MAX_ENTRIES);
    expect(readAwarenessEntries(sender(AWARENESS_MAX_ENTRIES + 1).message)).toBeNull();
    const big = encodeAwarenessEntries([{ clientId: 7, clock: 1, state: JSON.stringify({ user: { name: 'x'.repeat(3_000) } }) }]);
    expect(readAwarenessEntries(big)).toBeNull();
    expect(readAwarenessEntries(encodeAwarenessEntries([{ clientId: 7, clock: 1, state: '{not json' }]))).toBeNull();
    expect(readAwarenessEntries(new Uint8Array([1, 5]))).toBeNull();
    // A count of 20,000 is refused before anything else is read.
    expect(readAwarenessEntries(new Uint8Array([0xa0, 0x9c, 0x01]))).toBeNull();
  });
});

describe(TokenBucket.name, () => {
  it('should let a burst through, then refill at the rate', () => {
    const clock = { now: 0 };
    const bucket = new TokenBucket(10, 5, () => clock.now);
    const taken = Array.from({ length: 8 }, () => bucket.take());
    expect(taken.filter(Boolean)).toHaveLength(5);
    clock.now += 250;
    expect([bucket.take(), bucket.take(), bucket.take()]).toEqual([true, true, false]);
    clock.now += 60_000;
    expect(Array.from({ length: 6 }, () => bucket.take()).filter(Boolean)).toHaveLength(5);
  });
});
