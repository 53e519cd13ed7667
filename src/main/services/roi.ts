import type { RoiViewData } from '@shared/roi'
import { todayIn } from '@shared/time/zones'
import { closeDateExtent } from '../db/repos/targets'
import { roiReport } from '../metrics/roi'
import { getSettings } from './settings'
import { reportQuery } from './targets'
import type { WorkspaceManager } from './workspace'

/**
 * The Marketing ROI report of a period (default: this quarter) as of a date (default: today, in the
 * workspace time zone), with what the view's period picker needs. The view (IPC), the CLI's
 * `report campaigns` and a later presentation slide all read it from here.
 */
export class RoiService {
  constructor(private readonly workspace: WorkspaceManager) {}

  report(given: { period?: string; asOf?: string }, now = new Date()): RoiViewData {
    const db = this.workspace.db
    const settings = getSettings(db).settings
    return {
      ...roiReport(db, settings, reportQuery(settings, given, now)),
      today: todayIn(settings.timezone, now),
      fiscalYearStartMonth: settings.fiscalYearStartMonth,
      dataRange: closeDateExtent(db),
    }
  }
}
