import type { CommentAnchor } from '@sidang/shared';
import { Collaboration } from '@tiptap/extension-collaboration';
import { CollaborationCaret } from '@tiptap/extension-collaboration-caret';
import { type Editor, EditorContent, useEditor } from '@tiptap/react';
import { StarterKit } from '@tiptap/starter-kit';
import { absolutePositionToRelativePosition, ySyncPluginKey } from '@tiptap/y-tiptap';
import { toBase64 } from 'lib0/buffer';
import { useEffect, useReducer } from 'react';
import { useTranslation } from 'react-i18next';
import * as Y from 'yjs';
import type { SocketYjsProvider } from '../collab/socket-yjs-provider.ts';
import '../load-strings.ts';
import { type AnchoredThread, anchorDecorations, CommentAnchors, commentAnchorsKey } from './comment-anchors.ts';

/** What the reader selected in a section: the passage and where it sits in the document. */
export interface SectionSelection {
  quote: string;
  anchor: CommentAnchor | null;
}

export interface SectionEditorProps {
  doc: Y.Doc;
  provider: SocketYjsProvider | null;
  editable: boolean;
  user: { name: string; color: string };
  /** An accessible name for the text box. */
  label: string;
  onSelection?: (selection: SectionSelection | null) => void;
  /** Comment threads on passages of this section: highlighted where their anchors now are. */
  threads?: readonly AnchoredThread[];
  /** The thread the reader picked: its passage is scrolled into view and marked. */
  focusedThreadId?: string | null;
}

const NO_THREADS: readonly AnchoredThread[] = [];

/** The section's text, co-edited: TipTap bound to the section's Y.Doc, with others' carets and names. */
export function SectionEditor({
  doc,
  provider,
  editable,
  user,
  label,
  onSelection,
  threads = NO_THREADS,
  focusedThreadId = null,
}: SectionEditorProps) {
  const editor = useEditor(
    {
      extensions: [
        StarterKit.configure({ undoRedo: false, link: false }),
        Collaboration.configure({ document: doc, field: 'default' }),
        CommentAnchors,
        ...(provider ? [CollaborationCaret.configure({ provider, user })] : []),
      ],
      editable,
      editorProps: {
        attributes: { 'aria-label': label, 'aria-multiline': 'true', role: 'textbox', class: 'minutes-editor__text' },
      },
      onSelectionUpdate: ({ editor: current }) => {
        if (!onSelection) return;
        const { from, to, empty } = current.state.selection;
        if (empty) {
          onSelection(null);
          return;
        }
        const quote = current.state.doc.textBetween(from, to, ' ').trim().slice(0, 2000);
        if (!quote) {
          onSelection(null);
          return;
        }
        let anchor: CommentAnchor | null = null;
        const sync = ySyncPluginKey.getState(current.state) as { type?: Y.XmlFragment; binding?: { mapping: unknown } } | undefined;
        if (sync?.type && sync.binding) {
          const mapping = sync.binding.mapping as Parameters<typeof absolutePositionToRelativePosition>[2];
          const start = absolutePositionToRelativePosition(from, sync.type, mapping) as Y.RelativePosition;
          const end = absolutePositionToRelativePosition(to, sync.type, mapping) as Y.RelativePosition;
          anchor = { start: toBase64(Y.encodeRelativePosition(start)), end: toBase64(Y.encodeRelativePosition(end)) };
        }
        onSelection({ quote, anchor });
      },
    },
    [doc, provider],
  );

  useEffect(() => {
    if (editor && editor.isEditable !== editable) editor.setEditable(editable);
  }, [editor, editable]);

  useEffect(() => {
    if (editor && provider && !editor.isDestroyed) editor.commands.updateUser(user);
  }, [editor, provider, user]);

  // Others' names follow their carets (every transaction, theirs included) and the screen's width.
  useEffect(() => {
    if (!editor || !provider) return undefined;
    let frame = 0;
    const fit = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => {
        if (!editor.isDestroyed) keepCaretLabelsInside(editor.view.dom);
      });
    };
    fit();
    editor.on('transaction', fit);
    window.addEventListener('resize', fit);
    return () => {
      cancelAnimationFrame(frame);
      editor.off('transaction', fit);
      window.removeEventListener('resize', fit);
    };
  }, [editor, provider]);

  // The highlights follow the threads and every change of the text (theirs or others').
  useEffect(() => {
    if (!editor) return undefined;
    const refresh = () => {
      if (editor.isDestroyed) return;
      const set = anchorDecorations(editor.state, threads, focusedThreadId);
      editor.view.dispatch(editor.state.tr.setMeta(commentAnchorsKey, set).setMeta('addToHistory', false));
    };
    refresh();
    editor.on('update', refresh);
    return () => {
      editor.off('update', refresh);
    };
  }, [editor, threads, focusedThreadId]);

  useEffect(() => {
    if (!editor || !focusedThreadId || editor.isDestroyed) return;
    const passage = editor.view.dom.querySelector(`[data-comment-id="${focusedThreadId}"]`);
    passage?.scrollIntoView({ block: 'center', behavior: 'smooth' });
  }, [editor, focusedThreadId]);

  return (
    <>
      {editable && editor && <FormatToolbar editor={editor} />}
      <EditorContent editor={editor} className={`minutes-editor${editable ? '' : ' minutes-editor--readonly'}`} />
    </>
  );
}

/**
 * Draws each of others' name labels leftwards from its caret by as much as it would run off the
 * editor's right edge (a caret at the end of a line), never past the left edge.
 */
export function keepCaretLabelsInside(editor: HTMLElement): void {
  const box = editor.getBoundingClientRect();
  const style = getComputedStyle(editor);
  const left = box.left + (Number.parseFloat(style.borderLeftWidth) || 0);
  const right = box.right - (Number.parseFloat(style.borderRightWidth) || 0);
  for (const label of editor.querySelectorAll<HTMLElement>('.collaboration-carets__label')) {
    label.style.translate = '';
    const own = label.getBoundingClientRect();
    const shift = Math.max(left - own.left, Math.min(0, right - own.right));
    if (shift !== 0) label.style.translate = `${shift}px 0`;
  }
}

/** Bold, a heading and lists inside a section, for those who may edit it: pressed while they apply. */
function FormatToolbar({ editor }: { editor: Editor }) {
  const { t } = useTranslation();
  // Pressed states follow the selection and every change.
  const [, refresh] = useReducer((tick: number) => tick + 1, 0);
  useEffect(() => {
    editor.on('transaction', refresh);
    return () => {
      editor.off('transaction', refresh);
    };
  }, [editor]);
  const tools = [
    { key: 'bold', active: editor.isActive('bold'), run: () => editor.chain().focus().toggleBold().run() },
    {
      key: 'heading',
      active: editor.isActive('heading', { level: 3 }),
      run: () => editor.chain().focus().toggleHeading({ level: 3 }).run(),
    },
    { key: 'bulletList', active: editor.isActive('bulletList'), run: () => editor.chain().focus().toggleBulletList().run() },
    { key: 'orderedList', active: editor.isActive('orderedList'), run: () => editor.chain().focus().toggleOrderedList().run() },
  ] as const;
  return (
    <div className="minutes-format minutes-no-print" role="toolbar" aria-label={t('minutes.section.toolbar')} data-testid="format-toolbar">
      {tools.map((tool) => (
        <button
          key={tool.key}
          type="button"
          className={`minutes-format__button minutes-format__button--${tool.key}`}
          aria-pressed={tool.active}
          onMouseDown={(event) => event.preventDefault()}
          onClick={tool.run}
          data-testid={`format-${tool.key}`}
        >
          {t(`minutes.section.${tool.key}`)}
        </button>
      ))}
    </div>
  );
}

export default SectionEditor;
