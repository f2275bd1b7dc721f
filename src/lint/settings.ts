import type { ProcessProfile, Severity } from '../model/index.js';
import type { Rule } from '../rules/index.js';

/** How a rule is configured: off, or reported at a severity. `warn` is accepted for `warning`. */
export type RuleSetting = 'off' | 'warn' | 'warning' | 'error';

export interface SeverityOptions {
  /** Rule id, group (`readme`, `readme/*`) or `*` → setting. More specific keys win. */
  rules?: Record<string, RuleSetting>;
  /** Turn every warning into an error. */
  strict?: boolean;
}

export function isRuleSetting(value: unknown): value is RuleSetting {
  return value === 'off' || value === 'warn' || value === 'warning' || value === 'error';
}

/** The severity a rule reports at, or null when it is off. */
export function effectiveSeverity(
  rule: Rule,
  // The process's own severities (its profile's `severities`) rank below the config's settings.
  options: SeverityOptions & { profile?: Pick<ProcessProfile, 'severities'> },
): Severity | null {
  const group = rule.id.split('/')[0]!;
  const lookup = (settings: Record<string, RuleSetting>): RuleSetting | undefined =>
    settings[rule.id] ?? settings[`${group}/*`] ?? settings[group] ?? settings['*'];
  const setting = lookup(options.rules ?? {}) ?? lookup(options.profile?.severities ?? {});
  let severity: Severity | null =
    setting === undefined
      ? rule.severity
      : setting === 'off'
        ? null
        : setting === 'error'
          ? 'error'
          : 'warning';
  if (severity === 'warning' && options.strict) severity = 'error';
  return severity;
}
