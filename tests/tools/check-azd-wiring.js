#!/usr/bin/env node
'use strict';
/*
 * Checks that azure.yaml, infra/main.parameters.json, the compiled infra/main.bicep and
 * manifest/package.sh fit together, so `azd up` does not fail on a typo:
 *   - azure.yaml parses; name is valid; infra points at infra/main.bicep; service "web" is a
 *     dotnet appservice whose project folder holds a .csproj; requiredVersions.azd is set; the
 *     pre- and postprovision hooks each have a posix (sh) and a windows (pwsh) variant running the
 *     same existing Node script, which imports only node: modules and repository files;
 *   - every azd variable main.parameters.json reads is documented in README.md;
 *   - every parameter in main.parameters.json exists in the template, and every template
 *     parameter without a default is given;
 *   - the outputs azd and package.sh read exist (SERVICE_WEB_*, APP_DOMAIN, BOT_ID, TEAMS_APP_ID);
 *   - a web app in the Bicep carries the azd-service-name tag "web".
 * Usage: node check-azd-wiring.js REPO_ROOT COMPILED_MAIN.json   (NODE_PATH must hold `yaml`)
 */
const fs = require('fs');
const path = require('path');
const YAML = require('yaml');

const [root, compiled] = process.argv.slice(2);
if (!root || !compiled) { console.error('usage: check-azd-wiring.js REPO_ROOT COMPILED_MAIN.json'); process.exit(2); }
const problems = [];
const problem = (m) => problems.push(m);
const at = (...p) => path.join(root, ...p);

let azd = {};
try {
  const doc = YAML.parseDocument(fs.readFileSync(at('azure.yaml'), 'utf8'));
  if (doc.errors.length) doc.errors.forEach((e) => problem(`azure.yaml: ${e.message}`));
  azd = doc.toJS() || {};
} catch (e) { problem(`azure.yaml: ${e.message}`); }

if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(azd.name || '')) problem(`azure.yaml: name "${azd.name}" must be lower-case letters, digits and hyphens`);
const infra = azd.infra || {};
const infraDir = infra.path || 'infra';
const moduleName = infra.module || 'main';
if ((infra.provider || 'bicep') !== 'bicep') problem('azure.yaml: infra.provider must be bicep');
if (!fs.existsSync(at(infraDir, `${moduleName}.bicep`))) problem(`azure.yaml: ${infraDir}/${moduleName}.bicep does not exist`);
const web = (azd.services || {}).web;
if (!web) problem('azure.yaml: no service "web"');
else {
  if (web.host !== 'appservice') problem(`azure.yaml: services.web.host is "${web.host}", expected appservice`);
  if (web.language !== 'dotnet') problem(`azure.yaml: services.web.language is "${web.language}", expected dotnet`);
  const project = at(web.project || '');
  if (!web.project || !fs.existsSync(project) || !fs.readdirSync(project).some((f) => f.endsWith('.csproj'))) {
    problem(`azure.yaml: services.web.project "${web.project}" is not a folder with a .csproj`);
  }
}
// azd must be new enough for what the hooks and parameters rely on.
const required = ((azd.requiredVersions || {}).azd) || '';
if (!/^>=\s*\d+\.\d+\.\d+$/.test(String(required).trim())) problem(`azure.yaml: requiredVersions.azd must be a minimum version such as ">= 1.10.0" (is "${required}")`);

// Every hook runs on Windows too: a posix (sh) and a windows (pwsh) variant, both running the same
// Node script, which imports nothing but Node's own modules and the repository's files.
for (const event of ['preprovision', 'postprovision']) {
  const hook = (azd.hooks || {})[event];
  if (!hook) { problem(`azure.yaml: no ${event} hook`); continue; }
  if (hook.run) problem(`azure.yaml: ${event} has a top-level run; give it posix and windows variants`);
  const variants = [['posix', 'sh'], ['windows', 'pwsh']];
  const runs = [];
  for (const [os, shell] of variants) {
    const h = hook[os];
    if (!h) { problem(`azure.yaml: ${event} has no ${os} variant (azd finds nothing to run there and stops)`); continue; }
    if (h.shell !== shell) problem(`azure.yaml: ${event}.${os}.shell is "${h.shell}", expected ${shell}`);
    const m = /^node\s+(\S+\.m?js)$/.exec(String(h.run || '').trim());
    if (!m) { problem(`azure.yaml: ${event}.${os}.run must be "node <script>" (is "${h.run}")`); continue; }
    runs.push(m[1]);
    const script = at(m[1]);
    if (!fs.existsSync(script)) { problem(`azure.yaml: ${event}.${os} runs ${m[1]}, which does not exist`); continue; }
    const seen = new Set([script]);
    const queue = [script];
    while (queue.length) {
      const file = queue.shift();
      for (const [, spec] of fs.readFileSync(file, 'utf8').matchAll(/^\s*import\s[^'"]*['"]([^'"]+)['"]/gm)) {
        if (spec.startsWith('node:')) continue;
        if (!spec.startsWith('.')) { problem(`${path.relative(root, file)} imports "${spec}": hooks may use only node: modules and repository files`); continue; }
        const next = path.resolve(path.dirname(file), spec);
        if (!fs.existsSync(next)) problem(`${path.relative(root, file)} imports ${spec}, which does not exist`);
        else if (!seen.has(next)) { seen.add(next); queue.push(next); }
      }
    }
  }
  if (runs.length === 2 && runs[0] !== runs[1]) problem(`azure.yaml: ${event} runs ${runs[0]} on posix but ${runs[1]} on windows`);
}

const template = JSON.parse(fs.readFileSync(compiled, 'utf8'));
const params = JSON.parse(fs.readFileSync(at(infraDir, `${moduleName}.parameters.json`), 'utf8')).parameters || {};
for (const name of Object.keys(params)) {
  if (!(name in template.parameters)) problem(`${moduleName}.parameters.json sets "${name}", which ${moduleName}.bicep does not declare`);
}
for (const [name, p] of Object.entries(template.parameters)) {
  if (!('defaultValue' in p) && !(name in params)) problem(`${moduleName}.bicep parameter "${name}" has no default and is not in ${moduleName}.parameters.json`);
}
// Read by azd, manifest/package.mjs and hooks/postprovision.mjs.
for (const name of ['AZURE_LOCATION', 'AZURE_RESOURCE_GROUP', 'SERVICE_WEB_NAME', 'SERVICE_WEB_URI', 'APP_DOMAIN', 'BOT_ID', 'TEAMS_APP_ID',
  'AZURE_POSTGRES_HOST', 'AZURE_POSTGRES_DATABASE', 'AZURE_MANAGED_IDENTITY_NAME', 'AZURE_SETUP_SUBNET_ID', 'NETWORK_MODE']) {
  if (!(template.outputs || {})[name]) problem(`${moduleName}.bicep has no output ${name}`);
}
// A ${NAME=default} gives the same default as the template, so an unset variable changes nothing.
for (const [name, p] of Object.entries(params)) {
  const m = /^\$\{[A-Z0-9_]+=(.*)\}$/.exec(String(p.value));
  const declared = (template.parameters || {})[name];
  if (m && m[1] !== '' && declared && 'defaultValue' in declared && String(declared.defaultValue) !== m[1]) {
    problem(`${moduleName}.parameters.json gives ${name} the default "${m[1]}" but ${moduleName}.bicep "${declared.defaultValue}"`);
  }
}
// Every setting azd passes in is documented in the README's deploy guide.
const readme = fs.existsSync(at('README.md')) ? fs.readFileSync(at('README.md'), 'utf8') : '';
for (const [name, p] of Object.entries(params)) {
  for (const [, variable] of String(JSON.stringify(p)).matchAll(/\$\{([A-Z0-9_]+)/g)) {
    if (!['AZURE_ENV_NAME', 'AZURE_LOCATION', 'AZURE_PRINCIPAL_ID', 'AZURE_PRINCIPAL_TYPE', 'AZURE_PRINCIPAL_NAME'].includes(variable) && !readme.includes(variable)) {
      problem(`${moduleName}.parameters.json: ${name} comes from ${variable}, which README.md does not document`);
    }
  }
}
const bicepFiles = [at(infraDir, `${moduleName}.bicep`), ...fs.readdirSync(at(infraDir, 'modules')).map((f) => at(infraDir, 'modules', f))];
if (!bicepFiles.some((f) => /'azd-service-name':\s*'web'/.test(fs.readFileSync(f, 'utf8')))) problem('no resource in infra/ is tagged azd-service-name: web');

for (const p of problems) console.log(`  [azd] ${p}`);
console.log(`check-azd-wiring: ${problems.length ? `${problems.length} problem(s)` : 'azure.yaml, parameters, outputs and hook fit together'}`);
process.exit(problems.length ? 1 : 0);
