import * as Y from 'yjs';

/** The shared type that holds a section's text (TipTap's Collaboration default, as the server's). */
const DOC_FIELD = 'default';
const BLOCKS = new Set(['paragraph', 'heading', 'blockquote', 'listItem', 'codeBlock', 'bulletList', 'orderedList']);

// The same reading as the server's (server/src/modules/minutes/minutes-doc.ts), so that what a
// screen shows compares with the stored text.
function textOf(node: Y.XmlElement | Y.XmlText | Y.XmlHook): string {
  if (node instanceof Y.XmlText) {
    return (node.toDelta() as Array<{ insert?: unknown }>).map((op) => (typeof op.insert === 'string' ? op.insert : '')).join('');
  }
  if (node instanceof Y.XmlElement) {
    if (node.nodeName === 'hardBreak') return '\n';
    const children = node.toArray().map((child) => textOf(child as Y.XmlElement | Y.XmlText));
    return node.toArray().some((child) => child instanceof Y.XmlElement && BLOCKS.has(child.nodeName))
      ? children.filter((part) => part !== '').join('\n')
      : children.join('');
  }
  return '';
}

/** The plain text of a section's document as its screen shows it: one line per paragraph. */
export function docText(doc: Y.Doc): string {
  return doc
    .getXmlFragment(DOC_FIELD)
    .toArray()
    .map((node) => textOf(node as Y.XmlElement | Y.XmlText))
    .join('\n')
    .trim();
}

/**
 * What the screen showed that the server's copy does not have: the part of `shown` between the
 * text both share at the start and at the end. Enough to offer the refused words to copy.
 */
export function refusedText(shown: string, kept: string): string {
  let start = 0;
  while (start < shown.length && start < kept.length && shown[start] === kept[start]) start += 1;
  let end = 0;
  while (end < shown.length - start && end < kept.length - start && shown[shown.length - 1 - end] === kept[kept.length - 1 - end]) end += 1;
  return shown.slice(start, shown.length - end).trim();
}
