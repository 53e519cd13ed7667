#!/usr/bin/env node
// Checks that package-lock.json was written for this package.json, so `npm install` on a fresh clone
// leaves the lock file unchanged (issue 17). The lock's root entry (packages[""]) must repeat
// package.json's name, version, license, dependencies, devDependencies and engines exactly: a dependency
// added, removed or re-ranged in package.json without `npm install` shows here. Run by `npm run lint`;
// `.ci/run` also runs `npm install` after `npm ci` and fails when it rewrites the lock (what a newcomer's
// first install would do, e.g. when npm records a package's install script differently).
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { isDeepStrictEqual } from 'node:util'

// The project's folder, or the one named on the command line (the test checks altered copies).
const root = process.argv[2] ?? join(import.meta.dirname, '..')
const read = (name) => JSON.parse(readFileSync(join(root, name), 'utf8'))

/** What differs between package.json and the lock's root entry, one line each (empty: none). */
function lockProblems(pkg, lock) {
  const problems = []
  if (lock.lockfileVersion !== 3) problems.push(`lockfileVersion is ${lock.lockfileVersion}, not 3 (npm 9 or newer writes 3)`)
  if (lock.name !== pkg.name || lock.version !== pkg.version)
    problems.push(`the lock is for ${lock.name}@${lock.version}, not ${pkg.name}@${pkg.version}`)
  const entry = lock.packages?.[''] ?? {}
  for (const field of ['name', 'version', 'license', 'dependencies', 'devDependencies', 'engines']) {
    if (!isDeepStrictEqual(entry[field], pkg[field])) {
      problems.push(`${field} differs: package.json has ${JSON.stringify(pkg[field])}, the lock ${JSON.stringify(entry[field])}`)
    }
  }
  return problems
}

const problems = lockProblems(read('package.json'), read('package-lock.json'))
if (problems.length > 0) {
  console.error(`package-lock.json does not match package.json (run npm install and commit the lock):\n  ${problems.join('\n  ')}`)
  process.exit(1)
}
