import * as Y from 'yjs';

/** The shared type that holds a section's text (TipTap's Collaboration extension default). */
export const DOC_FIELD = 'default';

const BLOCKS = new Set(['paragraph', 'heading', 'blockquote', 'listItem', 'codeBlock', 'bulletList', 'orderedList']);

type DocNode = Y.XmlElement | Y.XmlText | Y.XmlHook;

/** The text of one node once its children's are known. */
function joinChildren(node: Y.XmlElement, children: readonly DocNode[], texts: readonly string[]): string {
  if (node.nodeName === 'hardBreak') return '\n';
  return children.some((child) => child instanceof Y.XmlElement && BLOCKS.has(child.nodeName))
    ? texts.filter((part) => part !== '').join('\n')
    : texts.join('');
}

/**
 * The text of a node and everything under it, walked with an explicit stack rather than by
 * recursion: a stored document nested thousands deep (planted, or kept from before the
 * gateway's limits) must render, never overflow the call stack and fail the minutes, their
 * PDF, their search text and every workflow step.
 */
function textOf(root: DocNode): string {
  interface Frame {
    node: Y.XmlElement;
    children: DocNode[];
    texts: string[];
  }
  const leaf = (node: DocNode): string | null => {
    if (node instanceof Y.XmlText) {
      return (node.toDelta() as Array<{ insert?: unknown }>).map((op) => (typeof op.insert === 'string' ? op.insert : '')).join('');
    }
    return node instanceof Y.XmlElement ? null : '';
  };
  const open = (node: Y.XmlElement): Frame => ({ node, children: node.toArray() as DocNode[], texts: [] });
  const first = leaf(root);
  if (first !== null) return first;
  const stack: Frame[] = [open(root as Y.XmlElement)];
  let done = '';
  while (stack.length > 0) {
    const frame = stack[stack.length - 1] as Frame;
    const child = frame.children[frame.texts.length];
    if (child === undefined) {
      stack.pop();
      done = joinChildren(frame.node, frame.children, frame.texts);
      stack[stack.length - 1]?.texts.push(done);
      continue;
    }
    const text = leaf(child);
    if (text === null) stack.push(open(child as Y.XmlElement));
    else frame.texts.push(text);
  }
  return done;
}

/** The plain text of a section document: one line per paragraph. */
export function plainText(doc: Y.Doc): string {
  const fragment = doc.getXmlFragment(DOC_FIELD);
  return fragment
    .toArray()
    .map((node) => textOf(node as DocNode))
    .join('\n')
    .trim();
}

/**
 * The plain text of a document held as one (merged) update. A stored update that cannot be
 * read gives no text rather than an error: it must not take the minutes, the PDF or the
 * workflow down for everyone.
 */
export function plainTextOf(update: Uint8Array | undefined): string {
  if (!update || update.length === 0) return '';
  const doc = new Y.Doc({ gc: true });
  try {
    Y.applyUpdate(doc, update);
    return plainText(doc);
  } catch {
    return '';
  } finally {
    doc.destroy();
  }
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
