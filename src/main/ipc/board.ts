import { writeFileSync } from 'node:fs'
import { basename } from 'node:path'
import type { MinutesFormat } from '@shared/board'
import { AppError, oneLine } from '../errors'
import { itemsCsv, itemsIcs, minutesMarkdown } from '../reports/minutes'
import type { FileFilter } from '../services/dialogs'
import type { MainDeps } from './deps'
import type { Handlers } from './register'

const FILTERS: Record<MinutesFormat, FileFilter[]> = {
  md: [{ name: 'Markdown', extensions: ['md'] }],
  pdf: [{ name: 'PDF', extensions: ['pdf'] }],
  csv: [{ name: 'CSV', extensions: ['csv'] }],
  ics: [{ name: 'Calendar', extensions: ['ics'] }],
}

/** A file name from a meeting's title and date: letters, digits and dashes only. */
export function minutesFileName(title: string, scheduledAt: string, format: MinutesFormat): string {
  const slug =
    title
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 60) || 'meeting'
  const what = format === 'csv' || format === 'ics' ? 'action-items' : 'minutes'
  return `${slug}-${scheduledAt.slice(0, 10)}-${what}.${format}`
}

export function boardHandlers(deps: MainDeps): Handlers['board'] {
  const { board, dialogs } = deps
  return {
    view: (filter) => board.view(filter),
    meeting: (id) => board.meeting(id),
    meetingItems: (id) => board.meetingItems(id),
    saveMeeting: (edit) => board.saveMeeting(edit),
    startMeeting: (given) => board.startMeeting(given.title === undefined ? {} : { title: given.title }),
    endMeeting: (id) => board.endMeeting(id),
    createItem: (item) => board.createItem(item),
    capture: (line) => board.capture(line),
    editItem: (id, edit) => board.editItem(id, edit),
    moveItem: (id, status, beforeId) => board.moveItem(id, status, beforeId),
    removeItem: (id) => board.removeItem(id),
    restoreItem: (id) => board.restoreItem(id),
    report: () => board.report(),
    // The main process picks the path (a save dialog); the page never names one.
    exportMinutes: async (id, format) => {
      const meeting = board.meeting(id)
      const items = board.meetingItems(id)
      const content: string | Buffer =
        format === 'md'
          ? minutesMarkdown(meeting, items)
          : format === 'csv'
            ? itemsCsv(items)
            : format === 'ics'
              ? itemsIcs(meeting, items, new Date())
              : await deps.printMinutes(id)
      const path = await dialogs.saveFile({
        title: format === 'csv' || format === 'ics' ? 'Save action items' : 'Save minutes',
        defaultPath: minutesFileName(meeting.title, meeting.scheduledAt, format),
        filters: FILTERS[format],
      })
      if (!path) return null
      try {
        writeFileSync(path, content)
      } catch (e) {
        throw new AppError('FILE_IO', `Could not write ${basename(path)}: ${oneLine(e)}`)
      }
      return basename(path)
    },
  }
}
