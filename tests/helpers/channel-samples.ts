import type { Channel } from '../../src/shared/contract'
import type { ImportSettings } from '../../src/shared/import/outcome'
import { defaultSettings } from '../../src/shared/settings'
import type { FileRef, ListedBackup, RecentWorkspace } from '../../src/shared/types'
import type { Loopback } from './loopback'

export type ProbeResult = { ok: boolean; code?: string; message?: string; data?: unknown }

/**
 * Calls through a loopback as the page would, each answer handed to `seen`: `call` returns the result,
 * `data` its data (throwing on a refusal), `chosen` a fresh import handle for `file()` the way the user
 * gets one (the open dialog).
 */
export function probeCalls(loop: () => Loopback, file: () => string, seen: (channel: string, res: ProbeResult) => void) {
  const call = async (channel: string, args: unknown[]): Promise<ProbeResult> => {
    const res = (await loop().invoke(channel, args)) as ProbeResult
    seen(channel, res)
    return res
  }
  const data = async <T>(channel: string, args: unknown[]): Promise<T> => {
    const res = await call(channel, args)
    if (!res.ok) throw new Error(`${channel}: ${res.code}: ${res.message}`)
    return res.data as T
  }
  const chosen = (): Promise<FileRef> => {
    loop().dialogs.answers.push(file())
    return data<FileRef>('import:chooseFile', [])
  }
  return { call, data, chosen }
}

/**
 * A valid call of every channel of the contract (the compiler makes the table name every channel), and
 * which of its strings name a file or a link. Shared by the probes of issue 17: the one that replaces
 * those strings by paths (tests/main/ipc/file-names.test.ts) and the one that checks no answer names a
 * folder (tests/main/ipc/no-paths.test.ts).
 */
export type Sample = { args: unknown[]; names: string[] }
export async function channelSamples(
  data: <T>(channel: string, args: unknown[]) => Promise<T>,
  chosen: () => Promise<FileRef>,
): Promise<Record<Channel, Sample>> {
  const live = await chosen()
  const inspected = await data<{ settings: ImportSettings }>('import:inspect', [live.handle])
  const request = { ...inspected.settings, file: live.handle }
  const backup = await data<ListedBackup>('backups:create', [])
  const recent = await data<RecentWorkspace[]>('workspace:recent', [])
  const asOf = '2025-09-30T12:00'
  const deck = await data<unknown>('presentation:settings', [])
  const text = (args: unknown[]): Sample => ({ args, names: [] })
  const naming = (args: unknown[], ...names: string[]): Sample => ({ args, names })
  return {
    'app:info': text([]),
    'app:openExternal': naming(['https://docs.example.com/help'], '0'),
    'workspace:current': text([]),
    'workspace:create': text([]),
    'workspace:open': text([]),
    'workspace:openRecent': naming([recent[0]!.id], '0'),
    'workspace:saveAs': text([]),
    'workspace:recent': text([]),
    'workspace:exportAll': text([]),
    'workspace:damaged': text([]),
    'workspace:restoreDamaged': text([]),
    'workspace:reveal': text([]),
    'backups:list': text([]),
    'backups:create': text([]),
    'backups:restore': naming([backup.id], '0'),
    'backups:reveal': text([]),
    'settings:get': text([]),
    'settings:save': text([defaultSettings()]),
    'settings:defaults': text([]),
    'settings:exportFile': text([]),
    'settings:importFile': text([]),
    'import:chooseFile': text([]),
    'import:inspect': naming([live.handle, { sheet: 'Sheet1' }], '0'),
    'import:preview': naming(['job-probe-1', request], '1.file'),
    'import:commit': naming(['job-probe-2', request], '1.file'),
    'import:cancel': text(['job-probe-1']),
    'import:history': text([]),
    'import:problems': text([1, 0, 10]),
    'import:undo': text([1]),
    'import:saveProblems': text([{ jobId: 'job-probe-1' }]),
    'handoff:overview': text([{ asOf, from: '2025-07-01', to: '2025-09-30' }]),
    'handoff:trends': text([asOf]),
    'handoff:funnel': text([{ from: '2025-07-01', to: '2025-09-30', asOf }]),
    'handoff:leads': text([
      {
        asOf,
        sort: 'status',
        descending: false,
        owner: 'Ana',
        grade: 'A',
        source: 'Web',
        status: null,
        search: 'acme',
        offset: 0,
        limit: 10,
      },
    ]),
    'handoff:lead': text([1, asOf]),
    'handoff:facets': text([]),
    'handoff:gradeHistory': text([]),
    'handoff:mqlTargets': text([]),
    'handoff:setMqlTarget': text(['2025-08', 10]),
    'board:view': text([{ owner: 'Ana', team: null, meetingId: null, overdueOnly: false }]),
    'board:meeting': text([1]),
    'board:meetingItems': text([1]),
    'board:saveMeeting': text([
      { title: 'Sync', scheduledAt: '2025-10-01T10:00', attendees: ['Ana'], agenda: 'a', notes: 'n', decisions: ['d'] },
    ]),
    'board:startMeeting': text([{ title: 'Sync' }]),
    'board:endMeeting': text([1]),
    'board:createItem': text([
      { title: 'Call', notes: 'n', owner: 'Ana', team: 'joint', dueDate: '2030-01-04', link: { kind: 'lead', id: 'L1', label: 'Lead' } },
    ]),
    'board:capture': text(['Follow up @ana #sales']),
    'board:editItem': text([1, { title: 'Call', notes: 'n', owner: 'Ana', team: 'sales', dueDate: null, status: 'todo' }]),
    'board:moveItem': text([1, 'done', null]),
    'board:removeItem': text([1]),
    'board:restoreItem': text([1]),
    'board:report': text([]),
    'board:exportMinutes': text([1, 'md']),
    'targets:report': text([{ period: '2025-Q3', asOf: '2025-09-30' }]),
    'targets:list': text(['2025-Q3']),
    'targets:save': text([[{ period: '2025-08', team: 'sales', segment: 'Furniture', amount: '1000' }]]),
    'targets:undated': text(['won']),
    'targets:deal': text([1]),
    'roi:report': text([{ period: '2025-Q3', asOf: '2025-09-30' }]),
    'presentation:settings': text([]),
    'presentation:saveSettings': text([deck]),
    'presentation:deck': text([{ profile: 'Default' }]),
    'presentation:presenterDeck': text([]),
    'presentation:state': text([]),
    'presentation:start': text([{ presenterView: true }]),
    'presentation:control': text([{ action: 'next' }]),
    'presentation:stop': text([]),
  }
}
