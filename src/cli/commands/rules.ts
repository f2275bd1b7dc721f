import { Command, Option } from 'commander';
import { allRules, type Rule, type RuleExample } from '../../rules/index.js';

interface RulesFlags {
  json?: boolean;
  format: 'text' | 'json';
}

/** A rule as `kep rules --format json` gives it: the original keys first, then the docs (each always present). */
function ruleRow(rule: Rule) {
  return {
    id: rule.id,
    severity: rule.severity,
    description: rule.description,
    rationale: rule.rationale,
    upstream: rule.upstream === true,
    fixable: rule.fixable === true,
    appliesTo: rule.docs?.appliesTo ?? null,
    profileKeys: rule.docs?.profileKeys ?? [],
    examples: { bad: rule.docs?.bad ?? null, good: rule.docs?.good ?? null },
  };
}

const indent = (text: string, by: string) =>
  text
    .split('\n')
    .map((line) => `${by}${line}`)
    .join('\n');

function example(label: string, shown: RuleExample | undefined): string {
  return shown ? `  ${label} (${shown.kind}):\n${indent(shown.text, '    ')}\n` : '';
}

/** One rule's page, as Ruff prints one: what it reports, why, where, the profile keys, the fix, examples. */
function rulePage(rule: Rule): string {
  const docs = rule.docs;
  const flags = [rule.upstream ? 'upstream CI checks the same' : '', rule.fixable ? 'fixable' : '']
    .filter(Boolean)
    .join(', ');
  return [
    `${rule.id} (${rule.severity}${flags ? `; ${flags}` : ''})\n\n`,
    `  What it reports: ${rule.description}\n\n`,
    `  Why: ${rule.rationale}\n\n`,
    docs ? `  Applies to: ${docs.appliesTo}\n\n` : '',
    docs ? `  Profile keys: ${docs.profileKeys.length > 0 ? docs.profileKeys.join(', ') : 'none'}\n\n` : '',
    `  Fix: ${rule.fixable ? 'kep lint --fix applies it' : 'none; the finding says what to change'}\n\n`,
    example('Bad', docs?.bad),
    docs?.bad ? '\n' : '',
    example('Good', docs?.good),
    docs?.good ? '\n' : '',
  ].join('');
}

export function rulesCommand(): Command {
  const command = new Command('rules')
    .description('list every rule with its id, default severity and description')
    .argument(
      '[id]',
      'explain one rule (or a group: metadata, readme/…): what it checks, why, where, examples',
    )
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .option('--json', 'the same as --format json')
    .action((id: string | undefined, flags: RulesFlags) => {
      const rules = id ? allRules.filter((rule) => rule.id === id || rule.id.startsWith(`${id}/`)) : allRules;
      if (rules.length === 0) {
        process.stderr.write(`kep: unknown rule "${id}" (kep rules lists them)\n`);
        process.exitCode = 2;
        return;
      }
      if (flags.json || flags.format === 'json') {
        process.stdout.write(`${JSON.stringify(rules.map(ruleRow), null, 2)}\n`);
        return;
      }
      if (id) {
        process.stdout.write(rules.map(rulePage).join('\n'));
        return;
      }
      const width = Math.max(...rules.map((rule) => rule.id.length));
      for (const rule of rules) {
        const tags = [rule.upstream ? 'upstream' : '', rule.fixable ? 'fixable' : '']
          .filter(Boolean)
          .join(', ');
        process.stdout.write(
          `${rule.id.padEnd(width)}  ${rule.severity.padEnd(7)}  ${rule.description}${tags ? ` [${tags}]` : ''}\n`,
        );
      }
    });
  command.addHelpText(
    'after',
    `
Each rule's page (kep rules ID) says what it reports, why it matters, what it applies to, the profile keys
it reads, whether kep lint --fix fixes it, and a bad and a good example. --format json gives the same for
every rule: [{id, severity, description, rationale, upstream, fixable, appliesTo, profileKeys,
examples: {bad: {kind, text}, good: {kind, text}}}].

Exit codes: 0 success, 2 unknown rule or usage error.

Examples:
  kep rules                                  # every rule: id, default severity, description
  kep rules readme/unresolved                # one rule's page
  kep rules metadata                         # the pages of a group
  kep rules --format json | jq -r '.[] | select(.fixable) | .id'
  kep lint --rule metadata/placeholder=error # then run one as an error`,
  );
  return command;
}
