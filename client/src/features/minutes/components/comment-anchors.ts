import type { CommentAnchor } from '@sidang/shared';
import { Extension } from '@tiptap/core';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';
import { relativePositionToAbsolutePosition, ySyncPluginKey } from '@tiptap/y-tiptap';
import { fromBase64 } from 'lib0/buffer';
import * as Y from 'yjs';

/** A comment thread's passage in a section: where it is highlighted in the editor. */
export interface AnchoredThread {
  id: string;
  anchor: CommentAnchor;
  resolved?: boolean;
}

export const commentAnchorsKey = new PluginKey<DecorationSet>('minutesCommentAnchors');

function decode(value: string): Y.RelativePosition | null {
  try {
    return Y.decodeRelativePosition(fromBase64(value));
  } catch {
    return null;
  }
}

/** The passages of the threads as ProseMirror ranges, from their stored Yjs relative positions. */
export function anchorRanges(
  state: Parameters<typeof ySyncPluginKey.getState>[0],
  threads: readonly AnchoredThread[],
): Array<{ id: string; from: number; to: number; resolved: boolean }> {
  const sync = ySyncPluginKey.getState(state) as { doc?: Y.Doc; type?: Y.XmlFragment; binding?: { mapping: unknown } } | undefined;
  if (!sync?.type || !sync.binding) return [];
  const ydoc = sync.doc ?? sync.type.doc;
  if (!ydoc) return [];
  const mapping = sync.binding.mapping as Parameters<typeof relativePositionToAbsolutePosition>[3];
  const size = state.doc.content.size;
  const out: Array<{ id: string; from: number; to: number; resolved: boolean }> = [];
  for (const thread of threads) {
    const start = decode(thread.anchor.start);
    const end = decode(thread.anchor.end);
    if (!start || !end) continue;
    const from = relativePositionToAbsolutePosition(ydoc, sync.type, start, mapping);
    const to = relativePositionToAbsolutePosition(ydoc, sync.type, end, mapping);
    if (from === null || to === null || to <= from || to > size) continue;
    out.push({ id: thread.id, from, to, resolved: Boolean(thread.resolved) });
  }
  return out;
}

/** Builds the decorations: each thread's passage marked, the focused one stronger. */
export function anchorDecorations(
  state: Parameters<typeof anchorRanges>[0] & { doc: import('@tiptap/pm/model').Node },
  threads: readonly AnchoredThread[],
  focusedId: string | null,
): DecorationSet {
  const decorations = anchorRanges(state, threads).map((range) =>
    Decoration.inline(range.from, range.to, {
      class: `minutes-anchor${range.resolved ? ' minutes-anchor--resolved' : ''}${range.id === focusedId ? ' minutes-anchor--focused' : ''}`,
      'data-comment-id': range.id,
    }),
  );
  return DecorationSet.create(state.doc, decorations);
}

/** Holds the comment highlights; the editor sets them with a transaction meta, and maps them on edits. */
export const CommentAnchors = Extension.create({
  name: 'minutesCommentAnchors',
  addProseMirrorPlugins() {
    return [
      new Plugin<DecorationSet>({
        key: commentAnchorsKey,
        state: {
          init: () => DecorationSet.empty,
          apply: (tr, previous) => (tr.getMeta(commentAnchorsKey) as DecorationSet | undefined) ?? previous.map(tr.mapping, tr.doc),
        },
        props: {
          decorations: (state) => commentAnchorsKey.getState(state),
        },
      }),
    ];
  },
});
