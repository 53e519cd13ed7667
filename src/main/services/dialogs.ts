/**
 * File dialogs as a dependency. Electron's native dialogs implement it in the app (dialogs-electron.ts);
 * the end-to-end bridge answers with prepared paths; handlers never import Electron.
 */
export interface FileFilter {
  name: string
  extensions: string[]
}

export interface Dialogs {
  /** Resolves to the chosen file, or null when the user cancels. */
  openFile(options: { title: string; filters: FileFilter[] }): Promise<string | null>
  /** Resolves to the chosen destination, or null when the user cancels. */
  saveFile(options: { title: string; defaultPath: string; filters: FileFilter[] }): Promise<string | null>
}

export const WORKSPACE_FILTERS: FileFilter[] = [{ name: 'Tandem workspace', extensions: ['sqlite', 'tandem', 'db'] }]
export const JSON_FILTERS: FileFilter[] = [{ name: 'JSON', extensions: ['json'] }]
export const IMPORT_FILTERS: FileFilter[] = [
  { name: 'CRM exports (CSV, XLSX)', extensions: ['csv', 'xlsx', 'tsv', 'txt'] },
  { name: 'All files', extensions: ['*'] },
]
export const CSV_FILTERS: FileFilter[] = [{ name: 'CSV', extensions: ['csv'] }]
export const ZIP_FILTERS: FileFilter[] = [{ name: 'Zip archive', extensions: ['zip'] }]
