import { useState, type JSX } from 'react'
import {
  closestCorners,
  DndContext,
  DragOverlay,
  KeyboardSensor,
  PointerSensor,
  useDroppable,
  useSensor,
  useSensors,
  type Announcements,
  type DragEndEvent,
  type DragStartEvent,
  type UniqueIdentifier,
} from '@dnd-kit/core'
import { SortableContext, sortableKeyboardCoordinates, useSortable, verticalListSortingStrategy } from '@dnd-kit/sortable'
import { CSS } from '@dnd-kit/utilities'
import { ACTION_STATUSES, STATUS_LABEL, type ActionItem, type ActionStatus, type BoardData } from '@shared/board'
import { ActionCard } from './ActionCard'

const colId = (s: ActionStatus): string => `col:${s}`
const cardId = (id: number): string => `item:${id}`
const itemIdOf = (id: UniqueIdentifier): number | null => (String(id).startsWith('item:') ? Number(String(id).slice(5)) : null)

/** Where a drop lands: the column, and the card it goes before (null: at the end). */
export function dropTarget(
  columns: Record<ActionStatus, ActionItem[]>,
  activeId: number,
  overId: UniqueIdentifier,
): { status: ActionStatus; beforeId: number | null } | null {
  const over = String(overId)
  if (over.startsWith('col:')) return { status: over.slice(4) as ActionStatus, beforeId: null }
  const overItem = itemIdOf(overId)
  if (overItem === null) return null
  for (const status of ACTION_STATUSES) {
    const list = columns[status]
    const overIndex = list.findIndex((i) => i.id === overItem)
    if (overIndex < 0) continue
    const activeIndex = list.findIndex((i) => i.id === activeId)
    // Moving down within a column lands after the card it is over; anything else lands before it.
    const at = activeIndex >= 0 && activeIndex < overIndex ? overIndex + 1 : overIndex
    return { status, beforeId: list.slice(at).find((i) => i.id !== activeId)?.id ?? null }
  }
  return null
}

function Column({ status, items, data }: { status: ActionStatus; items: ActionItem[]; data: BoardData }): JSX.Element {
  const { setNodeRef, isOver } = useDroppable({ id: colId(status) })
  const headingId = `column-${status}`
  return (
    <section className={`board-column${isOver ? ' is-over' : ''}`} aria-labelledby={headingId} data-testid={`column-${status}`}>
      <h3 id={headingId} className="board-column-title">
        {STATUS_LABEL[status]} <span className="count">{items.length}</span>
      </h3>
      <SortableContext items={items.map((i) => cardId(i.id))} strategy={verticalListSortingStrategy}>
        <ul ref={setNodeRef} className="board-cards">
          {items.map((i) => (
            <SortableCard key={i.id} item={i} data={data} />
          ))}
          {items.length === 0 ? <li className="board-empty muted">Nothing {status === 'done' ? 'done yet' : 'here'}.</li> : null}
        </ul>
      </SortableContext>
    </section>
  )
}

function SortableCard({ item, data }: { item: ActionItem; data: BoardData }): JSX.Element {
  const { attributes, listeners, setNodeRef, transform, transition, isDragging } = useSortable({ id: cardId(item.id) })
  return (
    <li
      ref={setNodeRef}
      style={{ transform: CSS.Transform.toString(transform), transition }}
      className={isDragging ? 'dragging' : undefined}
    >
      <ActionCard item={item} data={data} handle={{ ...attributes, ...listeners }} />
    </li>
  )
}

/**
 * The board by status, with drag and drop by mouse and by keyboard (dnd-kit: Space or Enter picks a
 * card up, the arrow keys move it, Space or Enter drops it, Escape cancels), each step announced in
 * dnd-kit's live region.
 */
export function Kanban({
  data,
  onMove,
}: {
  data: BoardData
  onMove(id: number, status: ActionStatus, beforeId: number | null): void
}): JSX.Element {
  const [active, setActive] = useState<ActionItem | null>(null)
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 6 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  )
  const columns = Object.fromEntries(ACTION_STATUSES.map((s) => [s, data.items.filter((i) => i.status === s)])) as Record<
    ActionStatus,
    ActionItem[]
  >
  const titleOf = (id: UniqueIdentifier): string => data.items.find((i) => i.id === itemIdOf(id))?.title ?? 'the card'
  const placeOf = (activeId: UniqueIdentifier, overId: UniqueIdentifier | undefined): string => {
    const id = itemIdOf(activeId)
    if (overId === undefined || id === null) return 'no column'
    const t = dropTarget(columns, id, overId)
    return t ? STATUS_LABEL[t.status] : 'no column'
  }
  const announcements: Announcements = {
    onDragStart: ({ active: a }) =>
      `Picked up "${titleOf(a.id)}". Use the arrow keys to move it to another column, Space to drop it, Escape to cancel.`,
    onDragOver: ({ active: a, over }) =>
      over ? `"${titleOf(a.id)}" is over ${placeOf(a.id, over.id)}.` : `"${titleOf(a.id)}" is over no column.`,
    onDragEnd: ({ active: a, over }) =>
      over ? `"${titleOf(a.id)}" was moved to ${placeOf(a.id, over.id)}.` : `"${titleOf(a.id)}" was dropped where it was.`,
    onDragCancel: ({ active: a }) => `Moving "${titleOf(a.id)}" was cancelled; it is back where it was.`,
  }
  const onDragStart = (e: DragStartEvent): void => setActive(data.items.find((i) => i.id === itemIdOf(e.active.id)) ?? null)
  const onDragEnd = (e: DragEndEvent): void => {
    setActive(null)
    const id = itemIdOf(e.active.id)
    if (id === null || !e.over) return
    const t = dropTarget(columns, id, e.over.id)
    const item = data.items.find((i) => i.id === id)
    if (!t || !item) return
    // Dropped where it already was: nothing to commit (and nothing to undo).
    const currentBefore = columns[item.status][columns[item.status].findIndex((i) => i.id === id) + 1]?.id ?? null
    if (t.status === item.status && t.beforeId === currentBefore) return
    onMove(id, t.status, t.beforeId)
  }
  return (
    <DndContext
      sensors={sensors}
      collisionDetection={closestCorners}
      onDragStart={onDragStart}
      onDragEnd={onDragEnd}
      onDragCancel={() => setActive(null)}
      accessibility={{
        announcements,
        screenReaderInstructions: {
          draggable:
            'To move this card, press Space or Enter, then the arrow keys; press Space or Enter again to drop it, or Escape to cancel.',
        },
      }}
    >
      <div className="board-columns">
        {ACTION_STATUSES.map((s) => (
          <Column key={s} status={s} items={columns[s]} data={data} />
        ))}
      </div>
      <DragOverlay>{active ? <ActionCard item={active} data={data} overlay /> : null}</DragOverlay>
    </DndContext>
  )
}
