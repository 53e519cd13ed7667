import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { createWriteStream, existsSync, mkdtempSync, readFileSync } from 'node:fs'
import { pipeline } from 'node:stream/promises'
import type { AddressInfo } from 'node:net'
import { basename, join, resolve } from 'node:path'
import { build } from 'vite'
import { resolveAppPath } from '../../../src/main/app-protocol'
import { CONTENT_SECURITY_POLICY } from '../../../src/main/security-policy'
import { eventChannelOf, events } from '../../../src/shared/contract'
import { createLoopback, type Loopback } from '../../helpers/loopback'

const ROOT = resolve(__dirname, '../../..')
export const RENDERER_DIR = join(ROOT, 'out/renderer')
const MAX_BODY = 8 * 1024 * 1024

let clientBundle: Promise<string> | undefined

/** Bundles the browser side of the bridge (once per test run). */
function bridgeClient(): Promise<string> {
  clientBundle ??= (async () => {
    const outDir = join(ROOT, 'test-results/.bridge')
    await build({
      configFile: false,
      logLevel: 'silent',
      resolve: { alias: { '@shared': join(ROOT, 'src/shared') } },
      build: {
        outDir,
        emptyOutDir: true,
        minify: false,
        lib: {
          entry: join(ROOT, 'tests/e2e/browser/bridge-client.ts'),
          formats: ['iife'],
          name: 'TandemBridge',
          fileName: () => 'bridge.js',
        },
      },
    })
    return readFileSync(join(outDir, 'bridge.js'), 'utf8')
  })()
  return clientBundle
}

export interface Bridge {
  url: string
  loop: Loopback
  /** Every call the page made: its channel and its arguments as sent. */
  calls: { channel: string; body: string }[]
  close(): Promise<void>
}

/**
 * Serves the built renderer and, behind it, the real main-process handlers over loopback HTTP. The
 * sender check is real: a call is trusted only when the page that made it (its Referer) is the app.
 */
export async function startBridge(dir: string): Promise<Bridge> {
  if (!existsSync(join(RENDERER_DIR, 'index.html'))) {
    throw new Error('out/renderer is missing: run `npm run build` first (npm run test:e2e does)')
  }
  const client = await bridgeClient()
  const sse = new Set<ServerResponse>()
  const calls: { channel: string; body: string }[] = []
  const server: Server = createServer()
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok))
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const loop = await createLoopback({ dir, appUrl: `${origin}/` })
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    void handle(req, res).catch((e: unknown) => {
      res.writeHead(500, { 'content-type': 'text/plain' })
      res.end(String(e))
    })
  })

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    if (req.method === 'POST' && url.pathname.startsWith('/__ipc/')) {
      const channel = decodeURIComponent(url.pathname.slice('/__ipc/'.length))
      const body = await readBody(req)
      calls.push({ channel, body })
      const args = JSON.parse(body || '[]') as unknown
      const result = await loop.invoke(channel, Array.isArray(args) ? args : [args], req.headers.referer ?? '')
      res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' })
      res.end(JSON.stringify(result))
      return
    }
    // The harness-private route that plays the preload's part for a drop: Chromium has no path for a
    // dropped file, so the bytes land in a temporary file, which is registered over the same private
    // channel (and sender check) as the preload's; the page gets the handle, never the path.
    if (req.method === 'POST' && url.pathname === '/__upload') {
      const name = basename(url.searchParams.get('name') ?? 'upload').replace(/[^\w.\- ]/g, '_') || 'upload'
      const folder = mkdtempSync(join(dir, 'upload-'))
      const dest = join(folder, name)
      await pipeline(req, createWriteStream(dest))
      const result = await loop.registerDropped(dest, req.headers.referer ?? '')
      res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' })
      res.end(JSON.stringify(result))
      return
    }
    if (req.method !== 'GET') {
      res.writeHead(405).end()
      return
    }
    if (url.pathname === '/__events') {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' })
      res.write(': connected\n\n')
      sse.add(res)
      req.on('close', () => sse.delete(res))
      return
    }
    if (url.pathname === '/__bridge.js') {
      res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' })
      res.end(client)
      return
    }
    if (url.pathname === '/favicon.ico') {
      res.writeHead(204).end()
      return
    }
    // The app's own files, resolved exactly as the app:// handler resolves them (src/main/app-protocol.ts),
    // with the same Content-Security-Policy header.
    const file = resolveAppPath(url.pathname, RENDERER_DIR)
    if (!file) {
      res.writeHead(404).end()
      return
    }
    const headers = { 'content-type': file.contentType, 'content-security-policy': CONTENT_SECURITY_POLICY }
    if (file.path === join(RENDERER_DIR, 'index.html')) {
      // The one difference from the app: the bridge's client stands in for the preload.
      const html = readFileSync(file.path, 'utf8').replace(
        '<script type="module"',
        '<script src="./__bridge.js"></script>\n    <script type="module"',
      )
      res.writeHead(200, headers)
      res.end(html)
      return
    }
    res.writeHead(200, headers)
    res.end(readFileSync(file.path))
  }

  for (const name of Object.keys(events)) {
    loop.subscribe(eventChannelOf(name), (payload) => {
      const data = JSON.stringify({ channel: eventChannelOf(name), payload })
      for (const res of sse) res.write(`data: ${data}\n\n`)
    })
  }

  return {
    url: `${origin}/`,
    loop,
    calls,
    close: async () => {
      for (const res of sse) res.end()
      server.closeAllConnections()
      await new Promise<void>((ok) => server.close(() => ok()))
      loop.close()
    },
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((ok, fail) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (c: Buffer) => {
      size += c.length
      if (size > MAX_BODY) {
        fail(new Error('request too large'))
        req.destroy()
      } else chunks.push(c)
    })
    req.on('end', () => ok(Buffer.concat(chunks).toString('utf8')))
    req.on('error', fail)
  })
}
