/**
 * A strict reader of iCalendar text (RFC 5545) for tests: CRLF line endings, lines folded at 75 octets
 * at most, BEGIN/END properly nested, and the properties of each component with their parameters and
 * unescaped text values. Throws on anything malformed.
 */
export interface IcalComponent {
  name: string
  props: { name: string; params: Record<string, string>; value: string }[]
  children: IcalComponent[]
}

export function parseIcal(text: string): IcalComponent {
  if (!text.endsWith('\r\n')) throw new Error('the file must end with CRLF')
  const raw = text.slice(0, -2).split('\r\n')
  for (const line of raw) {
    if (line.includes('\n') || line.includes('\r')) throw new Error('a bare LF or CR inside a line')
    if (Buffer.byteLength(line) > 75) throw new Error(`a line longer than 75 octets: ${line}`)
  }
  const lines: string[] = []
  for (const line of raw) {
    if (line.startsWith(' ') || line.startsWith('\t')) {
      if (lines.length === 0) throw new Error('a continuation line first')
      lines[lines.length - 1] += line.slice(1)
    } else lines.push(line)
  }
  const stack: IcalComponent[] = []
  let root: IcalComponent | null = null
  for (const line of lines) {
    const colon = line.indexOf(':')
    if (colon < 0) throw new Error(`no colon in "${line}"`)
    const [name, ...paramParts] = line.slice(0, colon).split(';')
    const value = line.slice(colon + 1)
    if (!name || !/^[A-Z0-9-]+$/.test(name)) throw new Error(`bad property name in "${line}"`)
    if (name === 'BEGIN') {
      const c: IcalComponent = { name: value, props: [], children: [] }
      if (stack.length > 0) stack[stack.length - 1]!.children.push(c)
      else if (root) throw new Error('two top-level components')
      else root = c
      stack.push(c)
      continue
    }
    if (name === 'END') {
      const c = stack.pop()
      if (!c || c.name !== value) throw new Error(`END:${value} does not close ${c?.name ?? 'anything'}`)
      continue
    }
    const top = stack[stack.length - 1]
    if (!top) throw new Error(`property outside a component: ${line}`)
    const params = Object.fromEntries(paramParts.map((p) => p.split('=') as [string, string]))
    top.props.push({ name, params, value: value.replace(/\\n/gi, '\n').replace(/\\([,;\\])/g, '$1') })
  }
  if (stack.length > 0 || !root) throw new Error('unclosed component')
  return root
}

export const prop = (c: IcalComponent, name: string): IcalComponent['props'][number] | undefined => c.props.find((p) => p.name === name)
