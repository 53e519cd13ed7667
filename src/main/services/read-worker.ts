import type { Database } from 'better-sqlite3'
import { parentPort } from 'node:worker_threads'
import type { ErrorCode, Problem } from '@shared/result'
import { isAppError } from '../errors'
import { openReadConnection } from '../db/read-connection'
import { BoardService } from './board'
import { HandoffService } from './handoff'
import { runRead, type ReadServices } from './read-calls'
import { RoiService } from './roi'
import { TargetsService } from './targets'
import type { WorkspaceManager } from './workspace'

/**
 * The read worker: runs the app's long reports (read-calls.ts) off the main thread, one at a time, each on
 * a read-only connection of its own to the workspace the app has open (services/reads.ts starts it).
 * The connection is opened for the call and closed after it, so the worker never holds the workspace
 * between calls (a restore replaces the file; closing the workspace removes its write-ahead log) and every
 * call reads what the app last committed.
 */

export interface ReadRequest {
  id: number
  /** The app's current workspace when the call was made. */
  path: string
  channel: string
  args: unknown[]
}

export type ReadReply =
  | { id: number; ok: true; data: unknown }
  | { id: number; ok: false; code: ErrorCode | null; message: string; problems?: Problem[]; stack?: string }

const port = parentPort
if (!port) throw new Error('read-worker must run in a worker thread')

let connection: Database | null = null
// The services read nothing of their WorkspaceManager but its connection: this call's.
const workspace = {
  get db(): Database {
    if (!connection) throw new Error('the read worker has no connection outside a call')
    return connection
  },
} as unknown as WorkspaceManager
const services: ReadServices = {
  targets: new TargetsService(workspace, { dataChanged: () => undefined }),
  handoff: new HandoffService(workspace),
  roi: new RoiService(workspace),
  board: new BoardService(workspace),
}

function failure(id: number, e: unknown): ReadReply {
  if (isAppError(e)) return { id, ok: false, code: e.code, message: e.message, ...(e.problems ? { problems: e.problems } : {}) }
  const error = e instanceof Error ? e : new Error(String(e))
  return { id, ok: false, code: null, message: error.message, ...(error.stack ? { stack: error.stack } : {}) }
}

function answer(request: ReadRequest): ReadReply {
  try {
    connection = openReadConnection(request.path)
    return { id: request.id, ok: true, data: runRead(services, request.channel, request.args) }
  } catch (e) {
    return failure(request.id, e)
  } finally {
    connection?.close()
    connection = null
  }
}

port.on('message', (request: ReadRequest) => {
  const reply = answer(request)
  try {
    port.postMessage(reply)
  } catch (e) {
    // A result the structured clone cannot copy: the caller gets the reason instead of waiting forever.
    port.postMessage(failure(request.id, e))
  }
})
