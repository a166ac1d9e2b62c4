#!/usr/bin/env node
// validate-cards.js: checks Adaptive Card JSON files the way Teams will see them.
//
//   node tests/tools/validate-cards.js [--target 1.5] [--json] PATH...
//
// PATH is a card file or a folder (every *.json inside, recursively). A file may hold a bare card
// or an attachment envelope { contentType, content }. For each card it reports:
//   library    parse and validation events of the official `adaptivecards` library (3.0.6) for
//              the target version: unknown types, bad enum values, properties newer than the
//              target, duplicate ids, missing required properties ...
//   version    "version" missing, malformed, or newer than the target (Teams renders up to 1.5)
//   property   keys the library's schema does not define for that object; the renderer would
//              silently drop them (a typo such as "colour" or "firstRowAsHeaders")
//   verb       Action.Execute without a verb (our router dispatches on it)
//   input      a required input without a label or an errorMessage
//   json       the file is not JSON or not an object
// Prints one line per problem and exits 1 if there are any, 0 if all cards are clean, 2 on
// usage errors. The library is found through NODE_PATH or <repo>/.tools/cards/node_modules
// (installed by tests/tools/install-node-tools.sh).
'use strict';

const fs = require('fs');
const path = require('path');

function loadLibrary() {
  const candidates = [
    'adaptivecards/dist/adaptivecards.js',
    path.join(process.env.SENCOHUB_TOOLS || path.join(__dirname, '..', '..', '.tools'), 'cards', 'node_modules', 'adaptivecards', 'dist', 'adaptivecards.js'),
  ];
  for (const candidate of candidates) {
    try { return require(candidate); } catch (e) { /* try the next place */ }
  }
  console.error('validate-cards: the adaptivecards library is not installed; run tests/tools/install-node-tools.sh');
  process.exit(2);
}

const AC = loadLibrary();

// ---- arguments ---------------------------------------------------------------------------
const options = { target: '1.5', json: false, inputs: [] };
const argv = process.argv.slice(2);
while (argv.length) {
  const arg = argv.shift();
  if (arg === '--target') options.target = argv.shift();
  else if (arg === '--json') options.json = true;
  else if (arg === '--help' || arg === '-h') { printUsage(); process.exit(0); }
  else if (arg.startsWith('-')) { console.error('validate-cards: unknown option ' + arg); process.exit(2); }
  else options.inputs.push(arg);
}
if (options.inputs.length === 0) { printUsage(); process.exit(2); }

function printUsage() {
  console.error('usage: node validate-cards.js [--target 1.5] [--json] PATH...');
}

const target = AC.Version.parse(options.target, new AC.SerializationContext());
if (!target || !target.isValid) { console.error('validate-cards: bad --target ' + options.target); process.exit(2); }

// ---- which keys each object may have --------------------------------------------------------
// Known keys come from the library's own schema for the class; the few collections the library
// parses by hand are added here, as are host extensions Teams defines.
const handParsed = {
  AdaptiveCard: ['body', 'actions', 'msteams', '$schema', 'version', 'minVersion', 'fallback'],
  Container: ['items', 'fallback'],
  Column: ['items', 'fallback'],
  TableCell: ['items'],
  ColumnSet: ['columns', 'fallback'],
  ActionSet: ['actions', 'fallback'],
  RichTextBlock: ['inlines', 'fallback'],
  Table: ['rows', 'fallback',
    // The published schema (and Teams' docs) name it firstRowAsHeader; the JS library reads
    // firstRowAsHeaders. Accept the schema's spelling.
    'firstRowAsHeader'],
  TableRow: ['cells'],
  'Action.ShowCard': ['card', 'fallback'],
};
const everyElementMay = ['fallback'];
const schemaCache = new Map();

function schemaKeys(instance) {
  const name = typeName(instance);
  if (!schemaCache.has(name)) {
    const keys = new Set(['type']);
    const schema = instance.getSchema();
    for (let i = 0; i < schema.getCount(); i++) keys.add(schema.getItemAt(i).name.split('.')[0]);
    for (const k of handParsed[name] || everyElementMay) keys.add(k);
    schemaCache.set(name, keys);
  }
  return schemaCache.get(name);
}

function typeName(instance) {
  return typeof instance.getJsonTypeName === 'function' && instance.getJsonTypeName()
    ? instance.getJsonTypeName()
    : instance.constructor.name;
}

// Typed objects come from the library's registries; a few structural types are not registered.
const structural = { AdaptiveCard: AC.AdaptiveCard, Column: AC.Column, TableRow: AC.TableRow, TableCell: AC.TableCell, TextRun: AC.TextRun };

function instanceFor(type) {
  if (structural[type]) return new structural[type]();
  return AC.GlobalRegistry.elements.createInstance(type, target) || AC.GlobalRegistry.actions.createInstance(type, target);
}

// ---- walking a card ---------------------------------------------------------------------------
function checkCard(card, problems) {
  const walk = (node, where, defaultClass) => {
    if (!node || typeof node !== 'object' || Array.isArray(node)) return;
    let instance;
    if (typeof node.type === 'string') instance = instanceFor(node.type);
    else if (defaultClass) instance = new defaultClass();
    if (!instance) return; // unknown type: the library reports it

    const name = typeName(instance);
    const known = schemaKeys(instance);
    for (const key of Object.keys(node)) {
      if (!known.has(key)) problems.push({ kind: 'property', where, message: `"${key}" is not a property of ${name}; the renderer ignores it` });
    }

    if (name === 'Action.Execute' && (typeof node.verb !== 'string' || node.verb.trim() === '')) {
      problems.push({ kind: 'verb', where, message: 'Action.Execute has no verb' });
    }
    if (name.startsWith('Input.') && node.isRequired === true) {
      if (!node.label) problems.push({ kind: 'input', where, message: `required ${name} "${node.id}" has no label` });
      if (!node.errorMessage) problems.push({ kind: 'input', where, message: `required ${name} "${node.id}" has no errorMessage` });
    }
    if (name === 'AdaptiveCard' && node.msteams !== undefined) checkTeamsExtension(node.msteams, where + '.msteams', problems);

    const each = (key, cls) => {
      const value = node[key];
      if (Array.isArray(value)) value.forEach((item, i) => walk(item, `${where}.${key}[${i}]`, cls));
      else if (value && typeof value === 'object') walk(value, `${where}.${key}`, cls);
    };
    for (const key of ['body', 'items', 'actions', 'cells', 'card', 'selectAction', 'inlines']) each(key, null);
    each('fallback', null);
    each('rows', AC.TableRow);
    each('columns', name === 'Table' ? AC.TableColumnDefinition : AC.Column);
    each('facts', AC.Fact);
    each('choices', AC.Choice);
    each('refresh', AC.RefreshDefinition);
    each('backgroundImage', AC.BackgroundImage);
    if (name === 'RefreshDefinition') each('action', null);
  };
  walk(card, '$', AC.AdaptiveCard);
}

function checkTeamsExtension(msteams, where, problems) {
  if (!msteams || typeof msteams !== 'object') { problems.push({ kind: 'property', where, message: 'msteams must be an object' }); return; }
  for (const key of Object.keys(msteams)) {
    if (!['width', 'entities'].includes(key)) problems.push({ kind: 'property', where, message: `"${key}" is not a Teams card property` });
  }
  (Array.isArray(msteams.entities) ? msteams.entities : []).forEach((entity, i) => {
    if (entity.type !== 'mention' || typeof entity.text !== 'string' || !entity.mentioned || !entity.mentioned.id) {
      problems.push({ kind: 'property', where: `${where}.entities[${i}]`, message: 'a mention needs type "mention", text and mentioned.id' });
    }
  });
}

function validate(file) {
  const problems = [];
  let card;
  try {
    card = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    return [{ kind: 'json', where: '$', message: e.message }];
  }
  if (card && typeof card === 'object' && card.contentType && card.content) card = card.content;
  if (!card || typeof card !== 'object' || Array.isArray(card)) return [{ kind: 'json', where: '$', message: 'not a JSON object' }];

  const declared = typeof card.version === 'string' ? AC.Version.parse(card.version, new AC.SerializationContext()) : null;
  if (!declared || !declared.isValid) problems.push({ kind: 'version', where: '$.version', message: `missing or invalid version ${JSON.stringify(card.version)}` });
  else if (declared.compareTo(target) > 0) problems.push({ kind: 'version', where: '$.version', message: `version ${card.version} is newer than ${options.target}` });

  const context = new AC.SerializationContext(target);
  const parsed = new AC.AdaptiveCard();
  parsed.parse(card, context);
  const events = [];
  for (let i = 0; i < context.eventCount; i++) events.push(context.getEventAt(i));
  events.push(...parsed.validateProperties().validationEvents);
  for (const event of events) {
    if (event.event === AC.ValidationEvent.Hint) continue;
    const source = event.source ? typeName(event.source) : 'card';
    problems.push({ kind: 'library', where: source, message: `${AC.ValidationEvent[event.event]}: ${event.message}` });
  }

  checkCard(card, problems);
  return problems;
}

function collect(input) {
  const stat = fs.statSync(input);
  if (stat.isFile()) return [input];
  return fs.readdirSync(input, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap(entry => {
      const full = path.join(input, entry.name);
      if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : collect(full);
      return entry.name.endsWith('.json') ? [full] : [];
    });
}

// ---- main ---------------------------------------------------------------------------------------
const report = [];
for (const input of options.inputs) {
  if (!fs.existsSync(input)) { console.error('validate-cards: no such path ' + input); process.exit(2); }
  for (const file of collect(input)) report.push({ file, problems: validate(file) });
}

const failing = report.filter(r => r.problems.length > 0);
if (options.json) {
  console.log(JSON.stringify({ target: options.target, cards: report.length, failing: failing.length, report }, null, 2));
} else {
  for (const r of report) {
    console.log(`${r.problems.length ? 'FAIL' : 'ok  '} ${r.file}`);
    for (const p of r.problems) console.log(`  [${p.kind}] ${p.where}: ${p.message}`);
  }
  console.log(`validate-cards: ${report.length} card(s), ${failing.length} with problems (target ${options.target})`);
}
process.exit(report.length === 0 ? 2 : failing.length > 0 ? 1 : 0);
