import * as Y from 'yjs';

/** The shared type that holds a section's text (TipTap's Collaboration extension default). */
export const DOC_FIELD = 'default';

const BLOCKS = new Set(['paragraph', 'heading', 'blockquote', 'listItem', 'codeBlock', 'bulletList', 'orderedList']);

function textOf(node: Y.XmlElement | Y.XmlText | Y.XmlHook): string {
  if (node instanceof Y.XmlText) {
    return (node.toDelta() as Array<{ insert?: unknown }>).map((op) => (typeof op.insert === 'string' ? op.insert : '')).join('');
  }
  if (node instanceof Y.XmlElement) {
    const children = node.toArray().map((child) => textOf(child as Y.XmlElement | Y.XmlText));
    if (node.nodeName === 'hardBreak') return '\n';
    const joined = node.toArray().some((child) => child instanceof Y.XmlElement && BLOCKS.has(child.nodeName))
      ? children.filter((part) => part !== '').join('\n')
      : children.join('');
    return joined;
  }
  return '';
}

/** The plain text of a section document: one line per paragraph. */
export function plainText(doc: Y.Doc): string {
  const fragment = doc.getXmlFragment(DOC_FIELD);
  return fragment
    .toArray()
    .map((node) => textOf(node as Y.XmlElement | Y.XmlText))
    .join('\n')
    .trim();
}

/** The plain text of a document held as one (merged) update. */
export function plainTextOf(update: Uint8Array | undefined): string {
  if (!update || update.length === 0) return '';
  const doc = new Y.Doc({ gc: true });
  Y.applyUpdate(doc, update);
  const text = plainText(doc);
  doc.destroy();
  return text;
}

/** A document whose fragment holds the given paragraphs (demo data, tests). */
export function updateWithParagraphs(paragraphs: readonly string[]): Uint8Array {
  const doc = new Y.Doc();
  const fragment = doc.getXmlFragment(DOC_FIELD);
  fragment.insert(
    0,
    paragraphs.map((line) => {
      const paragraph = new Y.XmlElement('paragraph');
      paragraph.insert(0, [new Y.XmlText(line)]);
      return paragraph;
    }),
  );
  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return update;
}
