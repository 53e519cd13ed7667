import type { Worker } from 'node:worker_threads'
import { AppError, oneLine } from '../errors'
import { startWorker } from '../workers'
import type { ReadReply, ReadRequest } from './read-worker'

interface Pending {
  channel: string
  resolve(data: unknown): void
  reject(e: unknown): void
}

interface Thread {
  worker: Worker
  pending: Map<number, Pending>
}

/**
 * The app's side of the read worker (read-worker.ts): runs the long reports of read-calls.ts in a worker
 * thread on a read-only connection to the current workspace, so that no report keeps the main process
 * (and the window) busy (issue #19). The worker starts on the first call and is started again after it
 * ends for any reason; a call in flight when it ends gets a one-line error. Calls run one after the other
 * in the order they were made.
 */
export class ReadWorker {
  private thread: Thread | null = null
  private nextId = 1

  constructor(
    /** The current workspace's path (throws NO_WORKSPACE when none is open). */
    private readonly pathOf: () => string,
    private readonly start: () => Worker = () => startWorker(__dirname, 'read-worker', null),
  ) {}

  /** Runs a read call (a channel of READ_CHANNELS with its checked arguments) in the worker. */
  call(channel: string, args: readonly unknown[]): Promise<unknown> {
    const path = this.pathOf()
    const thread = this.thread ?? this.spawn()
    const id = this.nextId++
    const request: ReadRequest = { id, path, channel, args: [...args] }
    return new Promise((resolve, reject) => {
      thread.pending.set(id, { channel, resolve, reject })
      // An idle worker does not keep a process alive (the CLI, a test); one with work does.
      thread.worker.ref()
      thread.worker.postMessage(request)
    })
  }

  /** The running worker thread, if any (tests stop it to see a crash recovered). */
  get worker(): Worker | null {
    return this.thread?.worker ?? null
  }

  /**
   * Before the workspace file is replaced (a restore) or closed: a call still running is stopped with the
   * worker (its caller is told why), so that no connection of the worker is open on the file. An idle
   * worker holds none.
   */
  async release(): Promise<void> {
    const thread = this.thread
    if (!thread || thread.pending.size === 0) return
    this.thread = null
    this.fail(thread, (channel) => new AppError('CANCELLED', `${channel} was stopped: the workspace was replaced or closed while it ran.`))
    await thread.worker.terminate()
  }

  /** Stops the worker (the app quits, a test ends); calls still running are told so. */
  dispose(): void {
    const thread = this.thread
    if (!thread) return
    this.thread = null
    this.fail(thread, (channel) => new AppError('CANCELLED', `${channel} was stopped: Tandem is closing.`))
    void thread.worker.terminate()
  }

  private spawn(): Thread {
    const worker = this.start()
    const thread: Thread = { worker, pending: new Map() }
    worker.unref()
    worker.on('message', (reply: ReadReply) => {
      const p = thread.pending.get(reply.id)
      if (!p) return
      thread.pending.delete(reply.id)
      if (thread.pending.size === 0) worker.unref()
      if (reply.ok) p.resolve(reply.data)
      else p.reject(errorOf(reply))
    })
    let why = 'it stopped'
    worker.on('error', (e) => {
      why = oneLine(e)
    })
    worker.on('exit', (code) => {
      if (this.thread === thread) this.thread = null
      this.fail(
        thread,
        (channel) => new AppError('INTERNAL', `${channel} failed: the report worker ended unexpectedly (${why}, exit ${code}); try again.`),
      )
    })
    this.thread = thread
    return thread
  }

  private fail(thread: Thread, error: (channel: string) => AppError): void {
    for (const p of thread.pending.values()) p.reject(error(p.channel))
    thread.pending.clear()
  }
}

/** The worker's error as the main process would have thrown it: the same AppError, or an internal error with its stack. */
function errorOf(reply: Extract<ReadReply, { ok: false }>): Error {
  if (reply.code !== null) return new AppError(reply.code, reply.message, reply.problems)
  const e = new Error(reply.message)
  if (reply.stack) e.stack = reply.stack
  return e
}
