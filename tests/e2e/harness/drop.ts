import type { Page } from 'playwright-core'

/** Drops a file on the Import view's drop zone the way a user drags one from the desktop. */
export async function dropFile(page: Page, name: string, bytes: Buffer): Promise<void> {
  const dataTransfer = await page.evaluateHandle(
    ({ name, b64 }) => {
      const raw = atob(b64)
      const buf = new Uint8Array(raw.length)
      for (let i = 0; i < raw.length; i++) buf[i] = raw.charCodeAt(i)
      const dt = new DataTransfer()
      dt.items.add(new File([buf], name))
      return dt
    },
    { name, b64: bytes.toString('base64') },
  )
  await page.getByTestId('drop-zone').dispatchEvent('drop', { dataTransfer })
}
