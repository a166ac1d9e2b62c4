// Helpers shared by the azd hooks and manifest/package.mjs. Plain Node (18+), no packages, so the
// same script runs from sh on Linux and macOS and from PowerShell on Windows.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const toolsDir = process.env.SENCOHUB_TOOLS || path.join(repoRoot, '.tools');
const windows = process.platform === 'win32';

export const log = (message) => console.error(`[sencohub] ${message}`);

export class HookError extends Error {}

// Windows ships az, azd and npm as .cmd files, which Node starts only through the shell; the
// arguments are then quoted here (none of ours holds a double quote).
export function run(command, args, { input, allowFailure = false, cwd = repoRoot, env = process.env } = {}) {
  const quoted = windows ? args.map((a) => (/[\s&|<>^()]/.test(a) ? `"${a}"` : a)) : args;
  const program = windows && /\s/.test(command) ? `"${command}"` : command;
  const result = spawnSync(program, quoted, { cwd, env, input, encoding: 'utf8', shell: windows, maxBuffer: 64 * 1024 * 1024 });
  if (result.error && result.error.code === 'ENOENT') {
    if (allowFailure) return { ok: false, stdout: '', stderr: `${command} not found`, missing: true };
    throw new HookError(`${command} is not installed or not on PATH`);
  }
  const ok = result.status === 0;
  if (!ok && !allowFailure) {
    throw new HookError(`${command} ${args.slice(0, 3).join(' ')} … failed (exit ${result.status}):\n${(result.stderr || result.stdout || '').trim()}`);
  }
  return { ok, stdout: (result.stdout || '').trim(), stderr: (result.stderr || '').trim() };
}

export const onPath = (command) => !run(command, ['--version'], { allowFailure: true }).missing;

// `azd env get-values` prints NAME="value" lines. Parsed as data, never evaluated.
export function parseEnvValues(text) {
  const values = {};
  for (const line of text.split(/\r?\n/)) {
    const m = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(line.trim());
    if (!m) continue;
    let value = m[2];
    if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1).replace(/\\"/g, '"');
    values[m[1]] = value;
  }
  return values;
}

// The variables of this process (azd passes its environment to hooks), and for any name missing
// there, the azd environment's value when azd is installed.
export function environment() {
  const merged = {};
  const fromAzd = onPath('azd') ? run('azd', ['env', 'get-values'], { allowFailure: true }) : { ok: false };
  if (fromAzd.ok) Object.assign(merged, parseEnvValues(fromAzd.stdout));
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && v !== '') merged[k] = v;
  return merged;
}

export function setAzdValue(name, value) {
  run('azd', ['env', 'set', name, value]);
}

// Exact npm packages into .tools/<dir>/node_modules (idempotent), like tests/tools/common.sh.
export function ensureNpm(dir, specs) {
  const target = path.join(toolsDir, dir);
  fs.mkdirSync(target, { recursive: true });
  const pkg = path.join(target, 'package.json');
  if (!fs.existsSync(pkg)) fs.writeFileSync(pkg, '{"name":"sencohub-tools","private":true}\n');
  const missing = specs.filter((spec) => {
    const at = spec.lastIndexOf('@');
    const [name, want] = [spec.slice(0, at), spec.slice(at + 1)];
    try { return JSON.parse(fs.readFileSync(path.join(target, 'node_modules', name, 'package.json'), 'utf8')).version !== want; } catch { return true; }
  });
  if (missing.length) {
    log(`npm install ${missing.join(' ')}`);
    run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', ...missing], { cwd: target });
  }
  return path.join(target, 'node_modules');
}

// Entry point wrapper: a HookError is a message for the person running azd, not a stack trace.
export async function main(fn) {
  try {
    process.exitCode = (await fn()) ?? 0;
  } catch (e) {
    if (e instanceof HookError) { console.error(`error: ${e.message}`); process.exitCode = 1; }
    else throw e;
  }
}
