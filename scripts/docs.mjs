// `npm run docs`: regenerate the rule table of README.md (between <!-- rules-table:start/end -->) from the
// rules' own data, after a build. src/rules/docs.test.ts fails when the README and the rules drift apart.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const readmePath = fileURLToPath(new URL('../README.md', import.meta.url));
const { allRules } = await import('../dist/rules/index.js');
const { missingDocs, withRulesTable } = await import('../dist/rules/docs.js');
const { writeFileAtomic } = await import('../dist/load/atomic-write.js');

const incomplete = allRules
  .map((rule) => [rule.id, missingDocs(rule)])
  .filter(([, missing]) => missing.length > 0);
for (const [id, missing] of incomplete) process.stderr.write(`docs: ${id} lacks ${missing.join(', ')}\n`);

const before = readFileSync(readmePath, 'utf8');
const after = withRulesTable(before, allRules);
if (after !== before) writeFileAtomic(readmePath, after);
process.stderr.write(
  `docs: README.md rule table ${after === before ? 'unchanged' : 'rewritten'} (${allRules.length} rules)\n`,
);
process.exitCode = incomplete.length > 0 ? 1 : 0;
