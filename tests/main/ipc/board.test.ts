import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Api } from '../../../src/shared/contract'
import type { Result } from '../../../src/shared/result'
import { ALL_ITEMS } from '../../../src/shared/board'
import { createLoopback, type Loopback } from '../../helpers/loopback'
import { tmpDir } from '../../helpers/tmp'

let loop: Loopback
let api: Api
let dir: string
beforeEach(async () => {
  dir = tmpDir()
  loop = await createLoopback({ dir, appUrl: 'http://tandem.test/' })
  api = loop.api()
})
afterEach(() => loop.close())

function data<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(`${r.code}: ${r.message}`)
  return r.data
}

describe('board channels', () => {
  it('plan, start and end a meeting, capture and move items, and save minutes where the dialog says', async () => {
    const planned = data(await api.board.saveMeeting({ title: 'Joint sync', attendees: ['Ana', 'Ben'], agenda: 'Pipeline' }))
    expect(planned).toMatchObject({ state: 'planned', attendees: ['Ana', 'Ben'] })
    const started = data(await api.board.startMeeting({}))
    expect(started).toMatchObject({ id: planned.id, state: 'in_progress', snapshot: { sinceLast: null } })
    const item = data(await api.board.capture('Follow up webinar leads @rep7 #marketing due:2030-01-04'))
    expect(item).toMatchObject({
      title: 'Follow up webinar leads',
      owner: 'rep7',
      team: 'marketing',
      dueDate: '2030-01-04',
      createdIn: planned.id,
    })
    expect(data(await api.board.moveItem(item.id, 'done', null))).toMatchObject({ status: 'done' })
    data(await api.board.saveMeeting({ decisions: ['Webinar leads go to SDRs'] }))
    const view = data(await api.board.view(ALL_ITEMS))
    expect(view.current).toMatchObject({ id: planned.id, decisions: ['Webinar leads go to SDRs'] })
    expect(view.items.map((i) => i.id)).toEqual([item.id])

    const target = join(dir, 'minutes.md')
    loop.dialogs.answers.push(target)
    expect(data(await api.board.exportMinutes(planned.id, 'md'))).toBe('minutes.md')
    expect(loop.dialogs.asked).toEqual([{ kind: 'save', title: 'Save minutes' }])
    expect(readFileSync(target, 'utf8')).toContain('- Webinar leads go to SDRs')
    loop.dialogs.answers.push(null)
    expect(data(await api.board.exportMinutes(planned.id, 'csv'))).toBeNull()

    const ended = data(await api.board.endMeeting(planned.id))
    expect(ended).toMatchObject({ carried: 0, meeting: { state: 'ended' } })
    expect(data(await api.board.report())).toMatchObject({ open: 0, meeting: { id: planned.id } })
  })

  it('refuse bad arguments with one line', async () => {
    expect(await api.board.createItem({ title: '', notes: '', owner: '', team: 'sales', dueDate: null, link: null })).toMatchObject({
      ok: false,
      code: 'BAD_ARGS',
    })
    expect(
      await api.board.createItem({ title: 'x', notes: '', owner: '', team: 'sales', dueDate: '2025-13-01', link: null }),
    ).toMatchObject({
      ok: false,
      code: 'BAD_ARGS',
    })
    expect(await api.board.moveItem(1, 'finished' as 'done', null)).toMatchObject({ ok: false, code: 'BAD_ARGS' })
    expect(await api.board.editItem(77, { status: 'done' })).toMatchObject({ ok: false, code: 'NOT_FOUND' })
    expect(await api.board.view({ ...ALL_ITEMS, owner: 'Nobody' })).toMatchObject({ ok: false, code: 'BAD_ARGS' })
    expect(await api.board.exportMinutes(1, 'docx' as 'md')).toMatchObject({ ok: false, code: 'BAD_ARGS' })
    expect(loop.errors).toEqual([])
  })
})
