import { createServer } from 'node:net'
import { describe, expect, it } from 'vitest'
import { recordSockets } from '../helpers/socket-recorder'

// The recorder behind the end-to-end suite's no-network check (tests/e2e/harness/no-network.ts) must see
// a connection that leaves the machine, or that check could never fail.
describe('the socket recorder', () => {
  it('records a connection off the machine, a loopback one, and a UDP socket, then lets go', async () => {
    const server = createServer((s) => s.end())
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
    const port = (server.address() as { port: number }).port
    const { opened, stop } = recordSockets()
    try {
      const off = (await import('node:net')).connect({ host: '192.0.2.1', port: 9 }) // TEST-NET-1: never answers
      off.on('error', () => {})
      off.destroy()
      const res = await fetch(`http://127.0.0.1:${port}/`).catch(() => null)
      expect(res).toBeNull() // the server hangs up without HTTP: only the connection matters here
      const udp = (await import('node:dgram')).createSocket('udp4')
      udp.close()
    } finally {
      stop()
      server.close()
    }
    expect(opened.map((o) => [o.to, o.loopback])).toEqual([
      ['192.0.2.1:9', false],
      [`127.0.0.1:${port}`, true],
      ['udp', false],
    ])
    expect(opened.every((o) => !o.fromApp)).toBe(true)
    const after = recordSockets()
    after.stop()
    expect(after.opened).toEqual([])
  })
})
