// The CommonJS copy of buffer-crc32 — the one yazl itself `require`s. It is reached from CommonJS on
// purpose: the package also ships an ESM build, and an ESM import would get a different module object
// (both under Node and in the esbuild bundle), so patching it would not reach yazl.
module.exports = require('buffer-crc32');
