import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { LATEST_SCHEMA_VERSION, openWorkspaceDb } from '../../../src/main/db/connection'
import { migrations } from '../../../src/main/db/migrations'
import { BoardService } from '../../../src/main/services/board'
import { tmpDir } from '../../helpers/tmp'

describe('migration 7 (meeting board)', () => {
  it('keeps the action items added from Handoff before it, with their link and status', async () => {
    const path = join(tmpDir(), 'ws.sqlite')
    const v6 = await openWorkspaceDb(path, { create: true, migrations: migrations.filter((m) => m.version <= 6) })
    v6.prepare(
      `INSERT INTO action_items (title, notes, owner, team, due_date, status, created_at, updated_at, link_kind, link_id, link_label)
       VALUES ('Call back Xena', 'asap', 'Ana', 'sales', '2025-08-20', 'todo', '2025-08-15T12:00:00.000Z', '2025-08-15T12:00:00.000Z', 'lead', '7', 'Xena (Acme)'),
              ('Explain rejections', '', '', 'marketing', NULL, 'done', '2025-08-14T12:00:00.000Z', '2025-08-16T09:00:00.000Z', NULL, NULL, NULL)`,
    ).run()
    v6.close()

    const db = await openWorkspaceDb(path)
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION)
    const items = new BoardService({ db }).view().items
    expect(
      items.map((i) => [i.title, i.notes, i.owner, i.team, i.dueDate, i.status, i.link, i.meetingId, i.timesCarried, i.doneAt]),
    ).toEqual([
      ['Call back Xena', 'asap', 'Ana', 'sales', '2025-08-20', 'todo', { kind: 'lead', id: '7', label: 'Xena (Acme)' }, null, 0, null],
      ['Explain rejections', '', '', 'marketing', null, 'done', null, null, 0, '2025-08-16T09:00:00.000Z'],
    ])
    // The new link kinds are accepted by the rebuilt table.
    expect(() =>
      db
        .prepare(
          "INSERT INTO action_items (title, team, created_at, updated_at, link_kind, link_id, link_label) VALUES ('x', 'joint', '', '', 'metric', 'pace', 'Pace')",
        )
        .run(),
    ).not.toThrow()
    db.close()
  })
})
