import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import type { CommentAnchor, CommentThread, MinutesSection } from '@sidang/shared';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { toBase64 } from 'lib0/buffer';
import { useState } from 'react';
import * as Y from 'yjs';
import { jsonResponse } from '../../../test/fixtures.ts';
import { type Handler, renderWithApp } from '../../../test/render.tsx';
import { MINUTES_ID, makeComment, makeSection } from '../test-fixtures.ts';
import type { AnchoredThread } from './comment-anchors.ts';
import { CommentsPanel } from './comments-panel.tsx';
import { SectionEditor } from './section-editor.tsx';

const TEXT = 'Jawatankuasa mengambil maklum laporan kemajuan.';

/** A section document with one paragraph, and an anchor on a passage of it (as the editor stores it). */
function docWithPassage(passage: string): { doc: Y.Doc; text: Y.XmlText; anchor: CommentAnchor } {
  const doc = new Y.Doc();
  const paragraph = new Y.XmlElement('paragraph');
  const text = new Y.XmlText(TEXT);
  paragraph.insert(0, [text]);
  doc.getXmlFragment('default').insert(0, [paragraph]);
  const at = TEXT.indexOf(passage);
  const encode = (index: number) => toBase64(Y.encodeRelativePosition(Y.createRelativePositionFromTypeIndex(text, index)));
  return { doc, text, anchor: { start: encode(at), end: encode(at + passage.length) } };
}

const USER = { name: 'Urus Setia', color: '#336699' };
const highlighted = (container: HTMLElement) => [...container.querySelectorAll<HTMLElement>('.minutes-anchor')];

/** The minutes page's wiring, reduced: a thread picked in the panel focuses its passage in the editor. */
function Page({ doc, anchor, headId, section }: { doc: Y.Doc; anchor: CommentAnchor; headId: string; section: MinutesSection }) {
  const [focused, setFocused] = useState<string | null>(null);
  return (
    <>
      <SectionEditor
        doc={doc}
        provider={null}
        editable={false}
        user={USER}
        label="Seksyen 1"
        threads={[{ id: headId, anchor }]}
        focusedThreadId={focused}
      />
      <CommentsPanel
        minutesId={MINUTES_ID}
        sections={[section]}
        canComment
        draft={null}
        onDraftDone={() => undefined}
        onShowPassage={(comment) => setFocused(comment.id)}
      />
    </>
  );
}

describe('comment anchors in the section editor', () => {
  const scrolled: Element[] = [];
  const original = Element.prototype.scrollIntoView;

  beforeEach(() => {
    scrolled.length = 0;
    Element.prototype.scrollIntoView = function (this: Element) {
      scrolled.push(this);
    } as typeof Element.prototype.scrollIntoView;
  });

  afterEach(() => {
    Element.prototype.scrollIntoView = original;
  });

  it('should highlight each thread passage from its stored relative positions, and follow edits before it', async () => {
    const { doc, text, anchor } = docWithPassage('maklum laporan');
    const threads: AnchoredThread[] = [{ id: 'thread-1', anchor }];
    const { container } = renderWithApp(
      <SectionEditor doc={doc} provider={null} editable={false} user={USER} label="Seksyen 1" threads={threads} />,
    );
    await waitFor(() => expect(highlighted(container).map((element) => element.textContent)).toEqual(['maklum laporan']));
    expect(highlighted(container)[0]?.dataset.commentId).toBe('thread-1');

    // Someone types before the passage: the highlight stays on the same words.
    text.insert(0, 'Dengan ini, ');
    await waitFor(() => expect(highlighted(container).map((element) => element.textContent)).toEqual(['maklum laporan']));
  });

  it('should scroll to and mark the passage of the thread clicked in the comments panel', async () => {
    const user = userEvent.setup();
    const section = makeSection({ number: '1', title: 'Laporan kemajuan' });
    const { doc, anchor } = docWithPassage('laporan kemajuan');
    const head = makeComment({ sectionId: section.id, body: 'Sila nyatakan tarikh.', quote: 'laporan kemajuan', anchor });
    const list: CommentThread[] = [{ ...head, replies: [] }];
    const handler: Handler = ({ method, url }) =>
      method === 'GET' && url === `/api/minutes/${MINUTES_ID}/comments`
        ? jsonResponse(200, list)
        : jsonResponse(404, { statusCode: 404, message: 'Not found' });

    const { container } = renderWithApp(<Page doc={doc} anchor={anchor} headId={head.id} section={section} />, { handler });
    await waitFor(() => expect(highlighted(container)).toHaveLength(1));
    expect(scrolled).toEqual([]);
    await user.click(await screen.findByRole('button', { name: /Show the passage in the text: “laporan kemajuan”/ }));
    await waitFor(() => expect(scrolled).toHaveLength(1));
    expect(scrolled[0]?.textContent).toBe('laporan kemajuan');
    expect(highlighted(container)[0]?.classList.contains('minutes-anchor--focused')).toBe(true);
  });
});
