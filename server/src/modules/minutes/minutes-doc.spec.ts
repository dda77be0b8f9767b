import { describe, expect, it } from '@jest/globals';
import * as Y from 'yjs';
import { DOC_FIELD, plainText, plainTextOf, updateWithParagraphs } from './minutes-doc.js';

describe(plainText.name, () => {
  it('should give one line per paragraph, list item and hard break', () => {
    const doc = new Y.Doc();
    const fragment = doc.getXmlFragment(DOC_FIELD);
    fragment.insert(0, [new Y.XmlElement('paragraph'), new Y.XmlElement('bulletList')]);
    const first = fragment.get(0) as Y.XmlElement;
    first.insert(0, [new Y.XmlText('Baris satu'), new Y.XmlElement('hardBreak'), new Y.XmlText('baris dua')]);
    const list = fragment.get(1) as Y.XmlElement;
    list.insert(0, [new Y.XmlElement('listItem'), new Y.XmlElement('listItem')]);
    for (const [n, text] of ['Perkara A', 'Perkara B'].entries()) {
      const item = list.get(n) as Y.XmlElement;
      item.insert(0, [new Y.XmlElement('paragraph')]);
      (item.get(0) as Y.XmlElement).insert(0, [new Y.XmlText(text)]);
    }
    expect(plainText(doc)).toBe('Baris satu\nbaris dua\nPerkara A\nPerkara B');
  });

  it('should read a document nested 5,000 deep without overflowing the stack', () => {
    const doc = new Y.Doc();
    doc.transact(() => {
      let parent: Y.XmlFragment | Y.XmlElement = doc.getXmlFragment(DOC_FIELD);
      for (let n = 0; n < 5_000; n += 1) {
        parent.insert(0, [new Y.XmlElement('paragraph')]);
        parent = parent.get(0) as Y.XmlElement;
      }
      parent.insert(0, [new Y.XmlText('paling dalam')]);
    });
    expect(plainTextOf(Y.encodeStateAsUpdate(doc))).toBe('paling dalam');
  });

  it('should give no text, not an error, for stored bytes that are no document', () => {
    expect(plainTextOf(new Uint8Array([200, 1, 2, 3]))).toBe('');
    expect(plainTextOf(updateWithParagraphs(['Satu', 'Dua']))).toBe('Satu\nDua');
  });
});
