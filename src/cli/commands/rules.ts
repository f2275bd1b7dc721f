import { Command } from 'commander';
import { allRules } from '../../rules/index.js';

export function rulesCommand(): Command {
  return new Command('rules')
    .description('list every rule with its id, default severity and description')
    .argument('[id]', 'explain one rule: what it checks and why')
    .option('--json', 'print the rules as JSON')
    .action((id: string | undefined, flags: { json?: boolean }) => {
      const rules = id ? allRules.filter((rule) => rule.id === id || rule.id.startsWith(`${id}/`)) : allRules;
      if (rules.length === 0) {
        process.stderr.write(`kep: unknown rule "${id}"\n`);
        process.exitCode = 2;
        return;
      }
      if (flags.json) {
        const rows = rules.map(({ id, severity, description, rationale, upstream, fixable }) => ({
          id,
          severity,
          description,
          rationale,
          upstream: upstream === true,
          fixable: fixable === true,
        }));
        process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
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
        if (id) process.stdout.write(`\n  Why: ${rule.rationale}\n\n`);
      }
    });
}
