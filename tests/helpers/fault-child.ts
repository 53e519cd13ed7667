/**
 * One workspace operation, run in a child process by tests/main/faults/kill-points.test.ts so that it can
 * be killed at a random moment. Everything the operation needs is loaded before it prints "go", so the
 * kill lands in the operation itself, not in Node's start-up.
 *
 *   cli <argv...>                 the CLI as a user runs it (import, undo-import, backup, settings import)
 *   restore <workspace> <backup>  the app's restore of a backup (Settings > Workspace > Restore)
 *   open <workspace>              the app's open of a workspace, which upgrades an older schema
 */
import { runCli } from '../../src/main/cli'
import { openWorkspaceDb } from '../../src/main/db/connection'
import { WorkspaceManager } from '../../src/main/services/workspace'

async function main(): Promise<number> {
  const [op, ...args] = process.argv.slice(2)
  process.stdout.write('go\n')
  if (op === 'cli') return runCli(args, { out: () => {}, err: (t) => process.stderr.write(`${t}\n`) })
  const [workspace = '', backup = ''] = args
  if (op === 'restore') {
    const manager = new WorkspaceManager({}, { dailyBackup: false })
    await manager.open(workspace)
    await manager.restore(backup)
    manager.close()
    return 0
  }
  if (op === 'open') {
    ;(await openWorkspaceDb(workspace)).close()
    return 0
  }
  throw new Error(`unknown operation ${op}`)
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(`${String(e)}\n`)
    process.exit(3)
  },
)
