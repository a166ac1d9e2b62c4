#!/usr/bin/env node
'use strict';
/*
 * Checks that azure.yaml, infra/main.parameters.json, the compiled infra/main.bicep and
 * manifest/package.sh fit together, so `azd up` does not fail on a typo:
 *   - azure.yaml parses; name is valid; infra points at infra/main.bicep; service "web" is a
 *     dotnet appservice whose project folder holds a .csproj; the postprovision hook runs an
 *     existing, executable script;
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
const hook = ((azd.hooks || {}).postprovision) || null;
if (!hook) problem('azure.yaml: no postprovision hook');
else {
  const h = hook.posix || hook;
  if (h.shell && h.shell !== 'sh') problem(`azure.yaml: postprovision shell is "${h.shell}", expected sh`);
  const script = at(h.run || '');
  if (!h.run || !fs.existsSync(script)) problem(`azure.yaml: postprovision runs "${h.run}", which does not exist`);
  else if (!(fs.statSync(script).mode & 0o111)) problem(`azure.yaml: ${h.run} is not executable (git update-index --chmod=+x)`);
}

const template = JSON.parse(fs.readFileSync(compiled, 'utf8'));
const params = JSON.parse(fs.readFileSync(at(infraDir, `${moduleName}.parameters.json`), 'utf8')).parameters || {};
for (const name of Object.keys(params)) {
  if (!(name in template.parameters)) problem(`${moduleName}.parameters.json sets "${name}", which ${moduleName}.bicep does not declare`);
}
for (const [name, p] of Object.entries(template.parameters)) {
  if (!('defaultValue' in p) && !(name in params)) problem(`${moduleName}.bicep parameter "${name}" has no default and is not in ${moduleName}.parameters.json`);
}
for (const name of ['AZURE_LOCATION', 'AZURE_RESOURCE_GROUP', 'SERVICE_WEB_NAME', 'SERVICE_WEB_URI', 'APP_DOMAIN', 'BOT_ID', 'TEAMS_APP_ID']) {
  if (!(template.outputs || {})[name]) problem(`${moduleName}.bicep has no output ${name}`);
}
const bicepFiles = [at(infraDir, `${moduleName}.bicep`), ...fs.readdirSync(at(infraDir, 'modules')).map((f) => at(infraDir, 'modules', f))];
if (!bicepFiles.some((f) => /'azd-service-name':\s*'web'/.test(fs.readFileSync(f, 'utf8')))) problem('no resource in infra/ is tagged azd-service-name: web');

for (const p of problems) console.log(`  [azd] ${p}`);
console.log(`check-azd-wiring: ${problems.length ? `${problems.length} problem(s)` : 'azure.yaml, parameters, outputs and hook fit together'}`);
process.exit(problems.length ? 1 : 0);
