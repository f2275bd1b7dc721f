import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { projectRoot } from '../testing/fixtures.js';
import { missingDocs, RULES_TABLE_END, RULES_TABLE_START, rulesTable, withRulesTable } from './docs.js';
import { allRules } from './index.js';
import type { Rule } from './types.js';

const readme = () => readFileSync(path.join(projectRoot, 'README.md'), 'utf8');

test('rule docs: every rule has its description, rationale, what it applies to, profile keys and a bad and a good example', () => {
  const incomplete = allRules
    .map((rule) => ({ id: rule.id, missing: missingDocs(rule) }))
    .filter((rule) => rule.missing.length > 0)
    .map((rule) => `${rule.id} lacks ${rule.missing.join(', ')} (see RuleDocs in src/rules/types.ts)`);
  assert.deepEqual(incomplete, []);
});

test('rule docs: missingDocs names each field a rule lacks', () => {
  const bare: Rule = { id: 'x/y', description: 'd', rationale: 'r', severity: 'warning' };
  assert.deepEqual(missingDocs(bare), ['docs.appliesTo', 'docs.profileKeys', 'docs.bad', 'docs.good']);
  const partial: Rule = {
    ...bare,
    docs: {
      appliesTo: 'a',
      profileKeys: [],
      bad: { kind: 'README', text: 'x' },
      good: { kind: 'README', text: ' ' },
    },
  };
  assert.deepEqual(missingDocs(partial), ['docs.good']);
});

test('rule docs: the README’s rule table is what `npm run docs` writes from the rules', () => {
  const text = readme();
  assert.ok(
    text.includes(RULES_TABLE_START) && text.includes(RULES_TABLE_END),
    'README.md lacks the markers',
  );
  const written = text.slice(
    text.indexOf(RULES_TABLE_START) + RULES_TABLE_START.length,
    text.indexOf(RULES_TABLE_END),
  );
  assert.equal(
    written.trim(),
    rulesTable(allRules),
    'README.md’s rule table has drifted: run `npm run docs`',
  );
  assert.equal(withRulesTable(text, allRules), text);
});

test('rule docs: the table lists every rule once, errors first, with upstream, fixable and a | escaped', () => {
  const table = rulesTable(allRules).split('\n').slice(2);
  assert.equal(table.length, allRules.length);
  const severities = table.map((row) => row.split(' | ')[1]);
  assert.equal(severities.indexOf('warning'), severities.lastIndexOf('error') + 1);
  assert.match(table.find((row) => row.startsWith('| `readme/toc`'))!, /\| ✔ \| .* \(fixable\) \|$/);
  const piped: Rule = { id: 'x/y', description: 'stage alpha|beta', rationale: '', severity: 'warning' };
  assert.match(rulesTable([piped]), /alpha\\\|beta/);
  assert.throws(() => withRulesTable('no markers', allRules), /rules-table:start/);
});
