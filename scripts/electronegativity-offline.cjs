// Loaded with --require before electronegativity: it fetches translations over the network at start
// (and crashes in got's retry timer when offline). Tandem's checks run offline, so that fetch fails
// at once here and electronegativity falls back to its bundled English texts.
const Module = require('node:module')
const load = Module._load
Module._load = function (request, ...rest) {
  if (request === 'got') {
    const offline = () => Promise.reject(new Error('offline: Tandem runs electronegativity without network'))
    return offline
  }
  return load.call(this, request, ...rest)
}
