import {
  type Announcements,
  closestCenter,
  DndContext,
  type DragEndEvent,
  type DragStartEvent,
  KeyboardSensor,
  PointerSensor,
  type UniqueIdentifier,
  useSensor,
  useSensors,
} from '@dnd-kit/core';
import { SortableContext, sortableKeyboardCoordinates, useSortable, verticalListSortingStrategy } from '@dnd-kit/sortable';
import type { AgendaItem } from '@sidang/shared';
import { type CSSProperties, type ReactNode, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ClassificationBadge } from '../../action-items/components/badges.tsx';

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
}

function AgendaRow({ item, current, sortable, disabled, actions, below, children, projector }: RowProps) {
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
      className={`agenda__item${sub ? ' agenda__item--sub' : ''}${current ? ' agenda__item--current' : ''}${isDragging ? ' agenda__item--dragging' : ''}`}
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
          {(item.presenter || item.durationMinutes !== null || item.classification !== 'OPEN') && (
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
              {item.classification !== 'OPEN' && !projector && <ClassificationBadge level={item.classification} />}
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
  const [dragLevel, setDragLevel] = useState<Level | null>(null);
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 6 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
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
      const target = label(over?.id);
      return target && target.id !== item.id
        ? t('meetings.dnd.dropped', { number: item.number, target: target.number })
        : t('meetings.dnd.droppedNowhere', { number: item.number });
    },
    onDragCancel: ({ active }) => {
      const item = label(active.id);
      return item ? t('meetings.dnd.cancelled', { number: item.number }) : undefined;
    },
  };

  const onDragStart = ({ active }: DragStartEvent) => {
    const item = label(active.id);
    setDragLevel(item ? levelOf(item) : null);
  };

  const onDragEnd = ({ active, over }: DragEndEvent) => {
    setDragLevel(null);
    const item = label(active.id);
    const target = label(over?.id);
    if (!item || !target || item.id === target.id || levelOf(item) !== levelOf(target)) return;
    // The place of the item it was dropped on, among that item's siblings (as the server counts them).
    const siblings = items.filter((candidate) => candidate.parentId === target.parentId);
    const position = siblings.findIndex((candidate) => candidate.id === target.id);
    if (position < 0) return;
    dropped.current = item.id;
    onMove?.({ item, parentId: target.parentId, position });
  };

  const row = (item: AgendaItem, children?: ReactNode) => (
    <AgendaRow
      key={item.id}
      item={item}
      current={item.id === currentId}
      sortable={sortable && (item.parentId === null || tree.children.has(item.parentId))}
      disabled={moving || (dragLevel !== null && dragLevel !== levelOf(item))}
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

  return (
    <DndContext
      sensors={sensors}
      collisionDetection={closestCenter}
      onDragStart={onDragStart}
      onDragEnd={onDragEnd}
      onDragCancel={() => setDragLevel(null)}
      accessibility={{ announcements, screenReaderInstructions: { draggable: t('meetings.dnd.instructions') } }}
    >
      {list}
    </DndContext>
  );
}
