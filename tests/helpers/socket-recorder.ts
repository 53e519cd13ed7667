import dgram from 'node:dgram'
import { syncBuiltinESMExports } from 'node:module'
import net from 'node:net'

/** One outgoing connection (or UDP socket) this process started, and the code that started it. */
export interface OpenedSocket {
  to: string
  loopback: boolean
  /** Whether a frame of the app's main-process code (src/main or the built out/main) was on the stack. */
  fromApp: boolean
  stack: string
}

const LOOPBACK = /^(localhost|127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+|\[::1\])$/i
const APP_FRAME = /[\\/](src|out)[\\/]main[\\/]/

/**
 * Records every outgoing TCP/IPC connection and UDP socket this thread starts, by wrapping
 * `net.Socket.prototype.connect` and `dgram.createSocket` (fetch and http go through the former), so a
 * test can prove that the main-process code under test opened none. Returns the list, filled as it goes,
 * and a function that removes the wrappers.
 */
export function recordSockets(): { opened: OpenedSocket[]; stop: () => void } {
  const opened: OpenedSocket[] = []
  const note = (to: string, host: string): void => {
    const stack = new Error().stack ?? ''
    const frames = stack.split('\n').filter((l) => !l.includes('socket-recorder'))
    opened.push({ to, loopback: LOOPBACK.test(host), fromApp: frames.some((l) => APP_FRAME.test(l)), stack: frames.join('\n') })
  }
  const connect = net.Socket.prototype.connect
  net.Socket.prototype.connect = function (this: net.Socket, ...args: unknown[]) {
    const first = args[0]
    const options = (Array.isArray(first) ? first[0] : first) as { host?: string; port?: number; path?: string } | number | string
    if (typeof options === 'object' && options !== null) {
      if (options.path)
        note(`ipc:${options.path}`, 'localhost') // a local pipe or Unix socket
      else note(`${options.host ?? 'localhost'}:${options.port}`, options.host ?? 'localhost')
    } else if (typeof options === 'number') {
      const host = typeof args[1] === 'string' ? args[1] : 'localhost'
      note(`${host}:${options}`, host)
    } else note(`ipc:${String(options)}`, 'localhost')
    return (connect as (...a: unknown[]) => net.Socket).apply(this, args)
  } as typeof connect
  const createSocket = dgram.createSocket
  dgram.createSocket = function (...args: unknown[]) {
    note('udp', 'udp')
    return (createSocket as (...a: unknown[]) => dgram.Socket)(...args)
  } as typeof createSocket
  syncBuiltinESMExports() // so `import { createSocket } from 'node:dgram'` gets the wrapper too
  return {
    opened,
    stop: () => {
      net.Socket.prototype.connect = connect
      dgram.createSocket = createSocket
      syncBuiltinESMExports()
    },
  }
}
