import { demoData } from '../../helpers/targets-demo'
import { importLeads, importOpportunities, importTargets } from '../../helpers/targets'
import { tmpDir } from '../../helpers/tmp'
import type { RunningApp } from './app'

/** Imports the demo year into the app's own workspace with the real engine, as the Import view would. */
export async function importDemo(into: RunningApp): Promise<void> {
  const ws = { dir: tmpDir(), path: into.loop.workspace.path, db: into.loop.workspace.db }
  const data = demoData()
  await importOpportunities(ws, data.opportunities)
  await importLeads(ws, data.leads)
  await importTargets(ws, data.targets)
  // What the import service tells the window after a commit.
  into.loop.emit('dataChanged', null)
}
