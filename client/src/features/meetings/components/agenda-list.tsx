import {
  type Announcements,
  type CollisionDetection,
  closestCenter,
  DndContext,
  type DragEndEvent,
  type DragMoveEvent,
  type DragStartEvent,
  type KeyboardCoordinateGetter,
  KeyboardSensor,
  PointerSensor,
  type UniqueIdentifier,
  useSensor,
  useSensors,
} from '@dnd-kit/core';
import { SortableContext, useSortable, verticalListSortingStrategy } from '@dnd-kit/sortable';
import type { AgendaItem } from '@sidang/shared';
import { type CSSProperties, type ReactNode, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ClassificationBadge } from '../../../lib/ui/badges.tsx';
import '../meetings.css';
import '../load-strings.ts';

/** Where the user dropped an item: the server decides the final order from this. */
export interface MoveTarget {
  item: AgendaItem;
  parentId: string | null;
  position: number;
}

export interface AgendaListProps {
  items: readonly AgendaItem[];
  /** The meeting's current item (live), if any. */
  currentId?: string | null;
  /** Reorder by drag and drop and keyboard (chair, secretariat). */
  canReorder?: boolean;
  /** A move is on its way to the server: no other drag until it answers. */
  moving?: boolean;
  onMove?: (target: MoveTarget) => void;
  /** Extra controls of one row (make current, edit, remove). */
  renderActions?: (item: AgendaItem) => ReactNode;
  /** Something shown under one row (its edit form). */
  renderBelow?: (item: AgendaItem) => ReactNode;
  /** Larger type, no controls. */
  variant?: 'page' | 'projector';
}

type Level = 'top' | 'sub';

/** How far right (or left) a mouse drag must go to make an item a sub-item (or a top-level item again). */
export const INDENT_PX = 40;

/** Where an item goes, for the server to decide the final order. */
export interface MovePlan {
  parentId: string | null;
  position: number;
}

/**
 * Where dropping `item` on `target` puts it. From the keyboard (`crossLevel` false) an item
 * takes the place of a sibling. With the mouse it may also change level: dragged right by
 * INDENT_PX onto a top-level item it becomes that item's last sub-item (onto itself: of the item
 * above it); dragged left out of its parent it becomes a top-level item right after it; dropped
 * on a top-level item it takes its place at the top level; on a sub-item, its place under the
 * same parent. An item with sub-items stays at the top level. Positions count as the server
 * does: the final index among the new siblings.
 */
export function planMove(
  items: readonly AgendaItem[],
  item: AgendaItem,
  target: AgendaItem | undefined,
  dx: number,
  crossLevel: boolean,
): MovePlan | null {
  if (!target) return null;
  const childrenOf = (id: string) => items.filter((candidate) => candidate.parentId === id && candidate.id !== item.id);
  const top = items.filter((candidate) => candidate.parentId === null);
  const indexIn = (list: readonly AgendaItem[], id: string) => list.findIndex((candidate) => candidate.id === id);
  const hasChildren = items.some((candidate) => candidate.parentId === item.id);
  if (!crossLevel) {
    if (item.id === target.id || levelOf(item) !== levelOf(target)) return null;
    const position = indexIn(
      items.filter((candidate) => candidate.parentId === target.parentId),
      target.id,
    );
    return position < 0 ? null : { parentId: target.parentId, position };
  }
  if (target.id === item.id) {
    if (item.parentId !== null && dx < -INDENT_PX) {
      const parentIndex = indexIn(top, item.parentId);
      return parentIndex < 0 ? null : { parentId: null, position: parentIndex + 1 };
    }
    if (item.parentId === null && dx > INDENT_PX && !hasChildren) {
      const above = top[indexIn(top, item.id) - 1];
      return above ? { parentId: above.id, position: childrenOf(above.id).length } : null;
    }
    return null;
  }
  if (target.parentId === null) {
    if (dx > INDENT_PX && !hasChildren) return { parentId: target.id, position: childrenOf(target.id).length };
    const position = indexIn(top, target.id);
    return position < 0 ? null : { parentId: null, position };
  }
  if (hasChildren) return null;
  const position = indexIn(
    items.filter((candidate) => candidate.parentId === target.parentId),
    target.id,
  );
  return position < 0 ? null : { parentId: target.parentId, position };
}

/** Where a keyboard move stands: over an item (takes its place), into an item, or out of its parent. */
export type KeyPlace = { kind: 'over'; id: string } | { kind: 'into'; id: string } | { kind: 'out'; id: string };

/**
 * The places the keyboard steps through with the up and down arrows, in agenda order: the items
 * of the moved item's level (a sub-item steps through every parent's sub-items); an item's own
 * sub-items travel with it and are no place.
 */
export function keyboardSteps(items: readonly AgendaItem[], item: AgendaItem): AgendaItem[] {
  return items.filter((candidate) => levelOf(candidate) === levelOf(item) && candidate.parentId !== item.id);
}

/**
 * A keyboard place after one arrow key, or null when the key goes nowhere: up and down step
 * through `keyboardSteps`; right makes a top-level item without sub-items the last sub-item of
 * the item it is over (over itself: of the one above it); left takes a sub-item out of its parent.
 */
export function nextKeyPlace(items: readonly AgendaItem[], item: AgendaItem, place: KeyPlace, key: string): KeyPlace | null {
  const steps = keyboardSteps(items, item);
  const hasChildren = items.some((candidate) => candidate.parentId === item.id);
  if (key === 'ArrowDown' || key === 'ArrowUp') {
    const from = place.kind === 'over' ? place.id : item.id;
    const index = steps.findIndex((step) => step.id === from);
    const next = steps[index + (key === 'ArrowDown' ? 1 : -1)];
    return next ? { kind: 'over', id: next.id } : null;
  }
  if (key === 'ArrowRight' && item.parentId === null && !hasChildren && place.kind === 'over') {
    const top = items.filter((candidate) => candidate.parentId === null);
    const parent =
      place.id === item.id ? top[top.findIndex((candidate) => candidate.id === item.id) - 1] : top.find((c) => c.id === place.id);
    return parent && parent.id !== item.id ? { kind: 'into', id: parent.id } : null;
  }
  if (key === 'ArrowLeft') {
    if (place.kind === 'into') return { kind: 'over', id: place.id };
    if (item.parentId !== null && place.kind === 'over' && place.id === item.id) return { kind: 'out', id: item.parentId };
  }
  if (key === 'ArrowRight' && place.kind === 'out') return { kind: 'over', id: item.id };
  return null;
}

/** What dropping at a keyboard place asks the server for. */
export function planKeyMove(items: readonly AgendaItem[], item: AgendaItem, place: KeyPlace): MovePlan | null {
  if (place.kind === 'into') {
    return {
      parentId: place.id,
      position: items.filter((candidate) => candidate.parentId === place.id && candidate.id !== item.id).length,
    };
  }
  if (place.kind === 'out') {
    const top = items.filter((candidate) => candidate.parentId === null);
    const index = top.findIndex((candidate) => candidate.id === place.id);
    return index < 0 ? null : { parentId: null, position: index + 1 };
  }
  return planMove(
    items,
    item,
    items.find((candidate) => candidate.id === place.id),
    0,
    false,
  );
}

interface Tree {
  top: AgendaItem[];
  children: Map<string, AgendaItem[]>;
}

/** Agenda order, two levels; a sub-item whose parent this reader may not see stands on its own. */
function toTree(items: readonly AgendaItem[]): Tree {
  const visible = new Set(items.map((item) => item.id));
  const top: AgendaItem[] = [];
  const children = new Map<string, AgendaItem[]>();
  for (const item of items) {
    if (item.parentId && visible.has(item.parentId)) children.set(item.parentId, [...(children.get(item.parentId) ?? []), item]);
    else top.push(item);
  }
  return { top, children };
}

function levelOf(item: AgendaItem): Level {
  return item.parentId === null ? 'top' : 'sub';
}

function DragHandleIcon() {
  return (
    <svg className="icon" viewBox="0 0 16 16" width="18" height="18" aria-hidden="true" focusable="false">
      <path d="M6 3h.01M10 3h.01M6 8h.01M10 8h.01M6 13h.01M10 13h.01" stroke="currentColor" strokeWidth="2.6" strokeLinecap="round" />
    </svg>
  );
}

interface RowProps {
  item: AgendaItem;
  current: boolean;
  /** Shows a drag handle. */
  sortable: boolean;
  /** Not draggable or a drop place right now (a move is saving, or another level is dragged). */
  disabled: boolean;
  actions?: ReactNode;
  below?: ReactNode;
  children?: ReactNode;
  projector: boolean;
  /** A mouse drag would make the dragged item a sub-item of this one. */
  nestTarget?: boolean;
  /** A keyboard move would put the dragged item here: at its place, or after it. */
  dropTarget?: 'over' | 'after';
}

function AgendaRow({ item, current, sortable, disabled, actions, below, children, projector, nestTarget = false, dropTarget }: RowProps) {
  const { t } = useTranslation();
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } = useSortable({
    id: item.id,
    disabled: !sortable || disabled,
    attributes: { roleDescription: t('meetings.dnd.roleDescription') },
  });
  const style: CSSProperties | undefined = transform
    ? { transform: `translate3d(0, ${Math.round(transform.y)}px, 0)`, transition }
    : transition
      ? { transition }
      : undefined;
  const sub = item.parentId !== null;
  return (
    <li
      ref={setNodeRef}
      style={style}
      className={`agenda__item${sub ? ' agenda__item--sub' : ''}${current ? ' agenda__item--current' : ''}${isDragging ? ' agenda__item--dragging' : ''}${nestTarget ? ' agenda__item--nest-target' : ''}${dropTarget ? ` agenda__item--drop-${dropTarget}` : ''}`}
      data-testid="agenda-item"
      data-agenda-id={item.id}
      data-number={item.number}
      aria-current={current ? 'step' : undefined}
    >
      <div className="agenda__row">
        {sortable && (
          <button
            type="button"
            ref={setActivatorNodeRef}
            className="agenda__handle"
            data-testid="agenda-handle"
            {...attributes}
            {...listeners}
            aria-disabled={disabled}
            aria-label={t('meetings.agenda.reorderHandle', { number: item.number, title: item.title })}
          >
            <DragHandleIcon />
          </button>
        )}
        <span className="agenda__number" data-testid="agenda-number">
          {item.number}
        </span>
        <div className="agenda__main">
          <span className="agenda__title">{item.title}</span>
          {(projector || item.presenter || item.durationMinutes !== null || item.classification !== 'OPEN') && (
            <span className="agenda__meta">
              {item.presenter && (
                <span>
                  <span className="visually-hidden">{t('meetings.agenda.presenter')}: </span>
                  {item.presenter}
                </span>
              )}
              {item.durationMinutes !== null && (
                <span title={t('meetings.agenda.minutesLong', { count: item.durationMinutes })}>
                  {t('meetings.agenda.minutes', { count: item.durationMinutes })}
                </span>
              )}
              {/* The room reads every item's marking off the projector, Terbuka included. */}
              {(projector || item.classification !== 'OPEN') && <ClassificationBadge level={item.classification} />}
            </span>
          )}
        </div>
        {current && <span className="agenda__current-mark">{t('meetings.live.current')}</span>}
        {actions && <div className="agenda__actions">{actions}</div>}
      </div>
      {below}
      {children}
    </li>
  );
}

/**
 * The agenda, numbered 1, 2, 2.1 by the server. Chair and secretariat reorder it by dragging
 * the handle or from the keyboard (space to pick up, arrows, space to drop), with every step
 * announced in the UI language. A drop only asks the server (`onMove`); the list keeps showing
 * the server's order until the answer and the `moved` events change it.
 */
export function AgendaList({
  items,
  currentId,
  canReorder = false,
  moving = false,
  onMove,
  renderActions,
  renderBelow,
  variant = 'page',
}: AgendaListProps) {
  const { t } = useTranslation();
  const tree = useMemo(() => toTree(items), [items]);
  const byId = useMemo(() => new Map(items.map((item) => [item.id as UniqueIdentifier, item])), [items]);
  const [drag, setDrag] = useState<{ level: Level; pointer: boolean } | null>(null);
  const [nestInto, setNestInto] = useState<string | null>(null);
  // Read by the collision detection during a drag (it must not wait for a render).
  const pointerDrag = useRef(false);
  // The keyboard's place during a move (read by the sensor and the collision detection at once),
  // drawn on screen and announced; the place of the last drop, for its announcement.
  const keyPlace = useRef<KeyPlace | null>(null);
  const droppedPlace = useRef<KeyPlace | null>(null);
  const [shownPlace, setShownPlace] = useState<KeyPlace | null>(null);
  const [keyMessage, setKeyMessage] = useState('');
  const latest = useRef({ items, byId });
  latest.current = { items, byId };
  const coordinateGetter: KeyboardCoordinateGetter = (event, { active, currentCoordinates, context }) => {
    const item = latest.current.byId.get(active);
    const place = keyPlace.current;
    if (!item || !place || !['ArrowDown', 'ArrowUp', 'ArrowLeft', 'ArrowRight'].includes(event.code)) return undefined;
    event.preventDefault();
    const next = nextKeyPlace(latest.current.items, item, place, event.code);
    if (!next) return undefined;
    keyPlace.current = next;
    setShownPlace(next);
    const target = latest.current.byId.get(next.id);
    if (next.kind !== 'over') {
      setKeyMessage(
        target ? t(next.kind === 'into' ? 'meetings.dnd.into' : 'meetings.dnd.outOf', { number: item.number, target: target.number }) : '',
      );
      return undefined;
    }
    setKeyMessage('');
    const rect = context.droppableRects.get(next.id);
    const from = context.collisionRect?.top;
    if (!rect || from === undefined) return currentCoordinates;
    return { x: currentCoordinates.x, y: currentCoordinates.y + (rect.top - from) };
  };
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 6 } }),
    useSensor(KeyboardSensor, { coordinateGetter }),
  );
  const projector = variant === 'projector';
  const sortable = canReorder && !projector;
  // The handle of the item just dropped: it keeps the keyboard focus once the server's order shows.
  const dropped = useRef<string | null>(null);
  useEffect(() => {
    if (moving || !dropped.current || items.length === 0) return;
    const id = dropped.current;
    dropped.current = null;
    const active = document.activeElement;
    if (active && active !== document.body && document.contains(active)) return;
    document.querySelector<HTMLElement>(`[data-agenda-id="${id}"] > .agenda__row .agenda__handle`)?.focus();
  }, [items, moving]);

  const label = (id: UniqueIdentifier | undefined) => byId.get(id ?? '');
  const announcements: Announcements = {
    onDragStart: ({ active }) => {
      const item = label(active.id);
      return item ? t('meetings.dnd.picked', { number: item.number, title: item.title }) : undefined;
    },
    onDragOver: ({ active, over }) => {
      const item = label(active.id);
      if (!item) return undefined;
      const target = label(over?.id);
      return target
        ? t('meetings.dnd.over', { number: item.number, target: target.number })
        : t('meetings.dnd.notOver', { number: item.number });
    },
    onDragEnd: ({ active, over }) => {
      const item = label(active.id);
      if (!item) return undefined;
      const place = droppedPlace.current;
      if (place && place.kind !== 'over') {
        const parent = label(place.id);
        return parent
          ? `${t(place.kind === 'into' ? 'meetings.dnd.into' : 'meetings.dnd.outOf', { number: item.number, target: parent.number })} ${t('meetings.dnd.saving')}`
          : undefined;
      }
      const target = label(place ? place.id : over?.id);
      return target && target.id !== item.id
        ? t('meetings.dnd.dropped', { number: item.number, target: target.number })
        : t('meetings.dnd.droppedNowhere', { number: item.number });
    },
    onDragCancel: ({ active }) => {
      const item = label(active.id);
      return item ? t('meetings.dnd.cancelled', { number: item.number }) : undefined;
    },
  };

  const onDragStart = ({ active, activatorEvent }: DragStartEvent) => {
    const item = label(active.id);
    // The keyboard moves among siblings; the mouse (or a finger) may also change an item's level.
    const pointer = !(activatorEvent instanceof KeyboardEvent);
    pointerDrag.current = pointer;
    droppedPlace.current = null;
    keyPlace.current = pointer || !item ? null : { kind: 'over', id: item.id };
    setShownPlace(keyPlace.current);
    setDrag(item ? { level: levelOf(item), pointer } : null);
  };

  const endDrag = () => {
    pointerDrag.current = false;
    keyPlace.current = null;
    setShownPlace(null);
    setKeyMessage('');
    setDrag(null);
    setNestInto(null);
  };

  const onDragMove = ({ active, over, delta }: DragMoveEvent) => {
    if (!pointerDrag.current) return;
    const item = label(active.id);
    const plan = item ? planMove(items, item, label(over?.id), delta.x, true) : null;
    const into = plan?.parentId && plan.parentId !== item?.parentId ? plan.parentId : null;
    if (into !== nestInto) setNestInto(into);
  };

  const onDragEnd = ({ active, over, delta }: DragEndEvent) => {
    const crossLevel = pointerDrag.current;
    const place = keyPlace.current;
    droppedPlace.current = crossLevel ? null : place;
    endDrag();
    const item = label(active.id);
    if (!item) return;
    const plan = !crossLevel && place ? planKeyMove(items, item, place) : planMove(items, item, label(over?.id), delta.x, crossLevel);
    if (!plan || (plan.parentId === item.parentId && plan.position === item.position)) return;
    dropped.current = item.id;
    onMove?.({ item, ...plan });
  };

  /**
   * With the mouse, the item under the pointer's height (the innermost: a sub-item before its
   * parent); the item's own sub-items travel with it. From the keyboard, the closest item.
   */
  const collisionDetection = useCallback<CollisionDetection>(
    (args) => {
      const y = args.pointerCoordinates?.y;
      // From the keyboard, the place it stepped to (of the moved item's level), nothing else.
      const place = keyPlace.current;
      if (!pointerDrag.current && place) {
        const container = args.droppableContainers.find(
          (candidate) => candidate.id === (place.kind === 'over' ? place.id : args.active.id),
        );
        return container ? [{ id: container.id, data: { droppableContainer: container, value: 0 } }] : [];
      }
      if (!pointerDrag.current || y === undefined) return closestCenter(args);
      let best: (typeof args.droppableContainers)[number] | undefined;
      let bestHeight = Number.POSITIVE_INFINITY;
      for (const container of args.droppableContainers) {
        if (byId.get(container.id)?.parentId === args.active.id) continue;
        const rect = args.droppableRects.get(container.id);
        if (!rect || y < rect.top || y > rect.bottom || rect.height >= bestHeight) continue;
        best = container;
        bestHeight = rect.height;
      }
      return best ? [{ id: best.id, data: { droppableContainer: best, value: bestHeight } }] : closestCenter(args);
    },
    [byId],
  );

  const row = (item: AgendaItem, children?: ReactNode) => (
    <AgendaRow
      key={item.id}
      item={item}
      current={item.id === currentId}
      sortable={sortable && (item.parentId === null || tree.children.has(item.parentId))}
      disabled={moving || (drag !== null && !drag.pointer && drag.level !== levelOf(item))}
      nestTarget={nestInto === item.id || (shownPlace?.kind === 'into' && shownPlace.id === item.id)}
      dropTarget={
        shownPlace?.kind === 'over' && shownPlace.id === item.id && drag !== null
          ? 'over'
          : shownPlace?.kind === 'out' && shownPlace.id === item.id
            ? 'after'
            : undefined
      }
      actions={projector ? undefined : renderActions?.(item)}
      below={projector ? undefined : renderBelow?.(item)}
      projector={projector}
    >
      {children}
    </AgendaRow>
  );

  const list = (
    <SortableContext items={tree.top.map((item) => item.id)} strategy={verticalListSortingStrategy}>
      <ol className={`agenda${projector ? ' agenda--projector' : ''}`} data-testid="agenda" aria-label={t('meetings.agenda.heading')}>
        {tree.top.map((item) => {
          const children = tree.children.get(item.id);
          return row(
            item,
            children && children.length > 0 ? (
              <SortableContext items={children.map((child) => child.id)} strategy={verticalListSortingStrategy}>
                <ol className="agenda agenda--sub">{children.map((child) => row(child))}</ol>
              </SortableContext>
            ) : undefined,
          );
        })}
      </ol>
    </SortableContext>
  );

  // A drag from its start to its drop (or cancel): the nesting target follows the pointer.
  const dragLifecycle = { onDragStart, onDragMove, onDragEnd, onDragCancel: endDrag };
  return (
    <DndContext
      sensors={sensors}
      collisionDetection={collisionDetection}
      {...dragLifecycle}
      accessibility={{ announcements, screenReaderInstructions: { draggable: t('meetings.dnd.instructions') } }}
    >
      {list}
      {sortable && (
        <div className="visually-hidden" aria-live="assertive" aria-atomic="true" data-testid="agenda-key-place">
          {keyMessage}
        </div>
      )}
    </DndContext>
  );
}
