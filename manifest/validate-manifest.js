#!/usr/bin/env node
'use strict';
/*
 * Validates SencoHub's Teams app manifest offline and, on request, writes the app package zip.
 *
 *   node manifest/validate-manifest.js [--require-env] [--version X.Y.Z] [--zip OUT.zip] [DIR]
 *
 * DIR (default: this file's folder) holds manifest.json and the files it references. Run it
 * through manifest/validate.sh or manifest/package.sh: they install the npm packages it needs
 * (@microsoft/app-manifest, which bundles the official JSON schemas, and its ajv) and set
 * NODE_PATH.
 *
 * The template may use exactly four placeholders: ${{TEAMS_APP_ID}}, ${{BOT_ID}},
 * ${{AAD_APP_CLIENT_ID}}, ${{APP_DOMAIN}}. Each is replaced by the environment variable of the
 * same name; one that is not set gets a test value, unless --require-env makes that a problem.
 * --version replaces the template's version (manifest/package.mjs derives one per build so Teams
 * accepts each upload as an update); it may not be lower than the template's.
 *
 * Checks: the template parses and uses exactly the allowed placeholders; the values are GUIDs and
 * a bare host name; the substituted manifest validates against the bundled schema named by
 * $schema (the same ajv set-up @microsoft/app-manifest uses); manifestVersion matches it; icon
 * sizes, outline white-on-transparent; every referenced file exists at the package root; name and
 * description lengths; every tab URL is https on a valid domain; the bot and message extension
 * share one bot id; the SSO resource is api://<domain>/<client id>; no duplicate ids.
 * Exit: 0 valid, 1 problems, 2 usage or setup error.
 */
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');

const ALLOWED = ['TEAMS_APP_ID', 'BOT_ID', 'AAD_APP_CLIENT_ID', 'APP_DOMAIN'];
const TEST_VALUES = {
  TEAMS_APP_ID: '6f0c2b1e-8a4d-4c3b-9e57-2d1f0a9b7c11',
  BOT_ID: '0b7e4d2a-5c19-4f6e-8d3a-91c2e7f45a22',
  AAD_APP_CLIENT_ID: 'c3a95f70-2e84-4b1d-a6f9-58d0b3e21c33',
  APP_DOMAIN: 'sencohub.example.org',
};
const GUID = /^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$/;
const HOST = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+$/;

// ---- arguments ------------------------------------------------------------------------------
const opt = { requireEnv: false, zip: null, dir: __dirname, version: null };
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i++) {
  const a = argv[i];
  if (a === '--require-env') opt.requireEnv = true;
  else if (a === '--zip' && argv[i + 1]) opt.zip = path.resolve(argv[++i]);
  else if (a === '--version' && argv[i + 1]) opt.version = argv[++i];
  else if (a === '-h' || a === '--help') { console.log(fs.readFileSync(__filename, 'utf8').split('*/')[0]); process.exit(0); }
  else if (a.startsWith('-')) { console.error(`validate-manifest: unknown option ${a}`); process.exit(2); }
  else opt.dir = path.resolve(a);
}
const manifestPath = path.join(opt.dir, 'manifest.json');
const rel = (p) => path.relative(process.cwd(), p) || p;

let appManifestDir;
let Ajv4;
let addFormats;
try {
  appManifestDir = path.dirname(require.resolve('@microsoft/app-manifest/package.json'));
  // The validator packages exactly as @microsoft/app-manifest depends on them.
  const fromPkg = (name) => require(require.resolve(name, { paths: [appManifestDir] }));
  Ajv4 = fromPkg('ajv-draft-04');
  addFormats = fromPkg('ajv-formats');
} catch (e) {
  console.error('validate-manifest: npm packages missing; run manifest/validate.sh, which installs them');
  process.exit(2);
}
const schemaRoot = path.join(appManifestDir, 'build', 'json-schemas', 'teams');

const problems = [];
const problem = (kind, message) => problems.push(`[${kind}] ${message}`);
const notes = [];

// ---- template and placeholders ----------------------------------------------------------------
let text;
try {
  text = fs.readFileSync(manifestPath, 'utf8').replace(/^\uFEFF/, '');
} catch (e) {
  console.error(`validate-manifest: cannot read ${rel(manifestPath)}`);
  process.exit(2);
}

const used = new Set();
for (const m of text.matchAll(/\$\{\{\s*([^}]*?)\s*\}\}/g)) {
  if (ALLOWED.includes(m[1])) used.add(m[1]);
  else problem('placeholder', `\${{${m[1]}}} is not allowed; the only placeholders are ${ALLOWED.map((n) => `\${{${n}}}`).join(', ')}`);
}
for (const name of ALLOWED) {
  if (!used.has(name)) problem('placeholder', `\${{${name}}} is never used; the package would not carry its value`);
}
// Other template syntaxes would reach Teams unreplaced.
const stray = text.replace(/\$\{\{\s*[^}]*?\s*\}\}/g, '').match(/\$\{[^}]*\}|\{\{[^}]*\}\}|%[A-Z_]+%/g);
if (stray) problem('placeholder', `unsupported placeholder syntax: ${[...new Set(stray)].join(', ')}`);

const values = {};
for (const name of ALLOWED) {
  const fromEnv = process.env[name];
  if (fromEnv !== undefined && fromEnv !== '') values[name] = fromEnv.trim();
  else if (opt.requireEnv) problem('env', `${name} is not set`);
  else { values[name] = TEST_VALUES[name]; notes.push(`${name} not set; using test value ${TEST_VALUES[name]}`); }
}
for (const name of ['TEAMS_APP_ID', 'BOT_ID', 'AAD_APP_CLIENT_ID']) {
  if (values[name] && !GUID.test(values[name])) problem('env', `${name} must be a GUID, got "${values[name]}"`);
}
if (values.APP_DOMAIN && !HOST.test(values.APP_DOMAIN)) {
  problem('env', `APP_DOMAIN must be a lower-case host name without scheme, port or path (e.g. app-sencohub-abc.azurewebsites.net), got "${values.APP_DOMAIN}"`);
}

let template;
try {
  template = JSON.parse(text);
} catch (e) {
  problem('json', `manifest.json is not valid JSON: ${e.message}`);
}

// Substitute inside string values (not in the raw text) so a value can never break the JSON.
function substitute(node) {
  if (typeof node === 'string') {
    return node.replace(/\$\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g, (m, name) => (values[name] !== undefined ? values[name] : m));
  }
  if (Array.isArray(node)) return node.map(substitute);
  if (node && typeof node === 'object') {
    return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, substitute(v)]));
  }
  return node;
}
const manifest = template ? substitute(template) : null;
const semver = (v) => /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/.exec(String(v));
if (manifest && opt.version !== null) {
  const given = semver(opt.version);
  const base = semver(manifest.version);
  const lower = given && base && [1, 2, 3].map((i) => Number(given[i]) - Number(base[i])).find((d) => d !== 0) < 0;
  if (!given) problem('version', `--version "${opt.version}" must be MAJOR.MINOR.PATCH`);
  else if (lower) problem('version', `--version ${opt.version} is lower than the template's ${manifest.version}`);
  else manifest.version = opt.version;
}

// ---- schema -----------------------------------------------------------------------------------
let schemaVersion = null;
if (manifest) {
  const m = /^https:\/\/developer\.microsoft\.com\/(?:[a-z]{2}-[a-z]{2}\/)?json-schemas\/teams\/v(\d+\.\d+)\/MicrosoftTeams\.schema\.json$/.exec(manifest.$schema || '');
  const schemaFile = m && path.join(schemaRoot, `v${m[1]}`, 'MicrosoftTeams.schema.json');
  if (!m || !fs.existsSync(schemaFile)) {
    const minor = (v) => Number(v.split('.')[1]);
    const available = fs.readdirSync(schemaRoot).filter((d) => /^v\d+\.\d+$/.test(d)).sort((a, b) => minor(a) - minor(b));
    problem('schema', `$schema "${manifest.$schema}" is not a Teams manifest schema bundled by @microsoft/app-manifest (bundled: ${available.join(', ')})`);
  } else {
    schemaVersion = m[1];
    const schema = JSON.parse(fs.readFileSync(schemaFile, 'utf8'));
    const ajv = new Ajv4({ allErrors: true, strictTypes: false });
    addFormats(ajv, ['uri', 'email', 'regex']);
    const validate = ajv.compile(schema);
    if (!validate(manifest)) {
      for (const e of validate.errors) {
        const details = e.params && Object.keys(e.params).length ? ` ${JSON.stringify(e.params)}` : '';
        problem('schema', `${e.instancePath || '/'} ${e.message}${details}`);
      }
    }
    if (manifest.manifestVersion !== schemaVersion) {
      problem('version', `manifestVersion "${manifest.manifestVersion}" does not match the $schema version ${schemaVersion}`);
    }
  }
  if (!semver(manifest.version)) {
    problem('version', `version "${manifest.version}" must be MAJOR.MINOR.PATCH`);
  }
}

// ---- PNG --------------------------------------------------------------------------------------
function readPng(file) {
  const b = fs.readFileSync(file);
  if (b.length < 33 || b.readUInt32BE(0) !== 0x89504e47 || b.toString('latin1', 12, 16) !== 'IHDR') return null;
  const info = { width: b.readUInt32BE(16), height: b.readUInt32BE(20), depth: b[24], colourType: b[25], interlace: b[28] };
  const idat = [];
  for (let pos = 8; pos + 8 <= b.length;) {
    const length = b.readUInt32BE(pos);
    const kind = b.toString('latin1', pos + 4, pos + 8);
    if (kind === 'IDAT') idat.push(b.subarray(pos + 8, pos + 8 + length));
    if (kind === 'tRNS') info.trns = true;
    pos += 12 + length;
  }
  info.pixels = decodeRgba(info, Buffer.concat(idat));
  return info;
}

// RGBA pixels for 8-bit, non-interlaced RGB/RGBA/grey+alpha images; null for other layouts.
function decodeRgba(info, idat) {
  const channels = { 2: 3, 4: 2, 6: 4 }[info.colourType];
  if (!channels || info.depth !== 8 || info.interlace !== 0) return null;
  let raw;
  try { raw = zlib.inflateSync(idat); } catch (e) { return null; }
  const stride = info.width * channels;
  const out = Buffer.alloc(info.width * info.height * 4);
  let prev = Buffer.alloc(stride);
  for (let y = 0; y < info.height; y++) {
    const filter = raw[y * (stride + 1)];
    const line = Buffer.from(raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1)));
    for (let i = 0; i < stride; i++) {
      const left = i >= channels ? line[i - channels] : 0;
      const up = prev[i];
      const upLeft = i >= channels ? prev[i - channels] : 0;
      let add = 0;
      if (filter === 1) add = left;
      else if (filter === 2) add = up;
      else if (filter === 3) add = (left + up) >> 1;
      else if (filter === 4) {
        const p = left + up - upLeft;
        const pa = Math.abs(p - left); const pb = Math.abs(p - up); const pc = Math.abs(p - upLeft);
        add = pa <= pb && pa <= pc ? left : pb <= pc ? up : upLeft;
      }
      line[i] = (line[i] + add) & 0xff;
    }
    for (let x = 0; x < info.width; x++) {
      const o = (y * info.width + x) * 4;
      const s = x * channels;
      if (channels === 2) out.set([line[s], line[s], line[s], line[s + 1]], o);
      else out.set([line[s], line[s + 1], line[s + 2], channels === 4 ? line[s + 3] : 255], o);
    }
    prev = line;
  }
  return out;
}

// ---- referenced files and icons -----------------------------------------------------------------
const packageFiles = new Map(); // name inside the zip -> path on disk
function referenceFile(what, relPath) {
  if (typeof relPath !== 'string' || relPath === '') return null;
  if (relPath.includes('/') || relPath.includes('\\')) {
    problem('file', `${what} "${relPath}" must be a file at the package root (no folders)`);
    return null;
  }
  const file = path.join(opt.dir, relPath);
  if (!fs.existsSync(file)) { problem('file', `${what}: ${relPath} does not exist in ${rel(opt.dir)}`); return null; }
  packageFiles.set(relPath, file);
  return file;
}

if (manifest) {
  const icons = manifest.icons || {};
  const colour = referenceFile('icons.color', icons.color);
  if (colour) {
    const png = readPng(colour);
    if (!png) problem('icon', `icons.color: ${icons.color} is not a PNG`);
    else {
      if (png.width !== 192 || png.height !== 192) problem('icon', `icons.color: ${icons.color} is ${png.width}x${png.height}; it must be 192x192`);
      if (!png.pixels) problem('icon', `icons.color: ${icons.color} must be an 8-bit, non-interlaced RGB or RGBA PNG`);
      else {
        let coloured = 0;
        for (let i = 0; i < png.pixels.length; i += 4) {
          const [r, g, b, a] = png.pixels.subarray(i, i + 4);
          if (a > 128 && Math.max(r, g, b) - Math.min(r, g, b) > 40) coloured++;
        }
        if (coloured < 192 * 192 / 10) problem('icon', `icons.color: ${icons.color} should be a full-colour icon (it is mostly grey or transparent)`);
      }
    }
  }
  const outline = referenceFile('icons.outline', icons.outline);
  if (outline) {
    const png = readPng(outline);
    if (!png) problem('icon', `icons.outline: ${icons.outline} is not a PNG`);
    else {
      if (png.width !== 32 || png.height !== 32) problem('icon', `icons.outline: ${icons.outline} is ${png.width}x${png.height}; it must be 32x32`);
      if (!(png.colourType === 4 || png.colourType === 6)) problem('icon', `icons.outline: ${icons.outline} has no alpha channel; it must be white on transparent`);
      else if (!png.pixels) problem('icon', `icons.outline: ${icons.outline} must be an 8-bit, non-interlaced PNG`);
      else {
        let transparent = 0; let opaque = 0; let notWhite = 0;
        for (let i = 0; i < png.pixels.length; i += 4) {
          const [r, g, b, a] = png.pixels.subarray(i, i + 4);
          if (a === 0) transparent++;
          else {
            if (a > 200) opaque++;
            if (r < 250 || g < 250 || b < 250) notWhite++;
          }
        }
        if (notWhite > 0) problem('icon', `icons.outline: ${notWhite} visible pixel(s) are not white; the outline icon must be white on transparent`);
        if (transparent === 0) problem('icon', 'icons.outline: no transparent pixels; the background must be transparent');
        if (opaque === 0) problem('icon', 'icons.outline: nothing is drawn (no opaque pixels)');
      }
    }
  }
  if (icons.color32x32) referenceFile('icons.color32x32', icons.color32x32);
  const li = manifest.localizationInfo || {};
  if (li.defaultLanguageFile) referenceFile('localizationInfo.defaultLanguageFile', li.defaultLanguageFile);
  for (const lang of li.additionalLanguages || []) referenceFile(`localization file for ${lang.languageTag}`, lang.file);
  for (const icon of (manifest.activities && manifest.activities.activityIcons) || []) referenceFile(`activity icon ${icon.id}`, icon.iconFile);
}

// ---- texts, domains, ids --------------------------------------------------------------------
function checkLength(label, value, max) {
  if (typeof value !== 'string' || value.trim() === '') problem('text', `${label} is missing`);
  else if (value.length > max) problem('text', `${label} is ${value.length} characters; the limit is ${max}`);
}

function hostAllowed(host, domains) {
  return domains.some((d) => {
    const domain = String(d).toLowerCase();
    if (domain.startsWith('*.')) return host.endsWith(domain.slice(1)) && host.length > domain.length - 1;
    return host === domain;
  });
}

if (manifest) {
  const name = manifest.name || {};
  const description = manifest.description || {};
  checkLength('name.short', name.short, 30);
  if (name.full !== undefined) checkLength('name.full', name.full, 100);
  checkLength('description.short', description.short, 80);
  checkLength('description.full', description.full, 4000);
  if (description.short && description.short === description.full) problem('text', 'description.short and description.full must differ');
  checkLength('developer.name', (manifest.developer || {}).name, 32);

  const domains = manifest.validDomains || [];
  for (const d of domains) {
    if (/[/:]/.test(d)) problem('domain', `validDomains entry "${d}" must be a host name only (no scheme, port or path)`);
  }
  const urls = [];
  for (const tab of manifest.staticTabs || []) {
    for (const key of ['contentUrl', 'websiteUrl', 'searchUrl']) if (tab[key]) urls.push([`staticTabs[${tab.entityId}].${key}`, tab[key]]);
  }
  (manifest.configurableTabs || []).forEach((tab, i) => urls.push([`configurableTabs[${i}].configurationUrl`, tab.configurationUrl]));
  for (const [label, url] of urls) {
    let parsed;
    try { parsed = new URL(url); } catch (e) { problem('url', `${label} is not a URL: ${url}`); continue; }
    if (parsed.protocol !== 'https:') problem('url', `${label} must use https: ${url}`);
    if (!hostAllowed(parsed.hostname, domains)) problem('url', `${label} host ${parsed.hostname} is not in validDomains`);
  }

  const botIds = new Set([...(manifest.bots || []).map((b) => b.botId), ...(manifest.composeExtensions || []).map((c) => c.botId).filter(Boolean)]);
  if (botIds.size > 1) problem('ids', `bots and composeExtensions use different bot ids: ${[...botIds].join(', ')}`);

  const wai = manifest.webApplicationInfo;
  if (wai) {
    const expected = `api://${values.APP_DOMAIN}/${wai.id}`;
    if (wai.resource !== expected) problem('sso', `webApplicationInfo.resource must be the SSO app's Application ID URI ${expected} (see README, "Deploy to your tenant"), got ${wai.resource}`);
  }

  const duplicates = (label, list) => {
    const seen = new Set();
    for (const item of list) {
      const key = String(item).toLowerCase();
      if (seen.has(key)) problem('ids', `duplicate ${label}: ${item}`);
      seen.add(key);
    }
  };
  duplicates('staticTabs entityId', (manifest.staticTabs || []).map((t) => t.entityId));
  for (const bot of manifest.bots || []) {
    for (const list of bot.commandLists || []) {
      duplicates(`bot command in scope ${list.scopes}`, (list.commands || []).map((c) => c.title));
      for (const scope of list.scopes || []) {
        if (!(bot.scopes || []).includes(scope)) problem('bot', `a command list is for scope ${scope}, which the bot does not declare`);
      }
      for (const c of list.commands || []) if (!c.description) problem('bot', `bot command "${c.title}" has no description`);
    }
  }
  for (const ce of manifest.composeExtensions || []) duplicates('message extension command id', (ce.commands || []).map((c) => c.id));
  const activityTypes = (manifest.activities && manifest.activities.activityTypes) || [];
  duplicates('activity type', activityTypes.map((t) => t.type));
  for (const t of activityTypes) {
    if (t.type === 'systemDefault') problem('activity', 'activity type "systemDefault" is reserved by Teams and must not be declared');
  }
  if (activityTypes.length && !wai) problem('activity', 'activity feed notifications need webApplicationInfo');
}

// ---- package ----------------------------------------------------------------------------------
// A minimal zip writer (deflate, fixed timestamps so the same input gives the same bytes).
const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const byte of buf) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function writeZip(out, entries) {
  const DOS_TIME = 0; const DOS_DATE = (1980 - 1980) << 9 | 1 << 5 | 1; // 1980-01-01 00:00
  const locals = []; const centrals = []; let offset = 0;
  for (const [name, data] of entries) {
    const nameBuf = Buffer.from(name, 'utf8');
    const packed = zlib.deflateRawSync(data, { level: 9 });
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0); local.writeUInt16LE(20, 4); local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(8, 8); local.writeUInt16LE(DOS_TIME, 10); local.writeUInt16LE(DOS_DATE, 12);
    local.writeUInt32LE(crc, 14); local.writeUInt32LE(packed.length, 18); local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBuf.length, 26); local.writeUInt16LE(0, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0); central.writeUInt16LE(20, 4); central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8); central.writeUInt16LE(8, 10); central.writeUInt16LE(DOS_TIME, 12);
    central.writeUInt16LE(DOS_DATE, 14); central.writeUInt32LE(crc, 16); central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(data.length, 24); central.writeUInt16LE(nameBuf.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBuf, packed);
    centrals.push(central, nameBuf);
    offset += local.length + nameBuf.length + packed.length;
  }
  const centralDir = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0); end.writeUInt16LE(entries.length, 8); end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(centralDir.length, 12); end.writeUInt32LE(offset, 16);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, Buffer.concat([...locals, centralDir, end]));
}

// ---- report -----------------------------------------------------------------------------------
const version = require(path.join(appManifestDir, 'package.json')).version;
for (const n of notes) console.log(`  note: ${n}`);
for (const p of problems) console.log(`  ${p}`);
const where = rel(manifestPath);
if (problems.length) {
  console.log(`validate-manifest: ${where}: ${problems.length} problem(s) (schema v${schemaVersion || '?'}, bundled by @microsoft/app-manifest ${version})`);
  process.exit(1);
}
if (opt.zip) {
  const entries = [['manifest.json', Buffer.from(JSON.stringify(manifest, null, 2) + '\n', 'utf8')]];
  for (const [name, file] of packageFiles) entries.push([name, fs.readFileSync(file)]);
  writeZip(opt.zip, entries);
}
console.log(`validate-manifest: ${where}: valid against schema v${schemaVersion} (bundled by @microsoft/app-manifest ${version})${opt.zip ? `; package written to ${rel(opt.zip)}` : ''}`);
process.exit(0);
