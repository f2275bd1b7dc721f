// Inline suppressions: the directives found in a proposal's files (kept with its cached result, since they are
// part of the text the cache is keyed by) applied to its diagnostics after severities, and the directives that
// hide nothing or name no rule reported in turn.
import { arrayOf, isNumber, isString, shape } from '../load/cache.js';
import type { Diagnostic, SuppressedDiagnostic, SuppressionDirective } from '../model/index.js';
import { unknownRuleRule } from '../rules/lint/unknown-rule.js';
import { unusedSuppressionRule } from '../rules/lint/unused-suppression.js';
import type { Rule } from '../rules/types.js';
import { effectiveSeverity, type SeverityOptions } from './settings.js';
import type { CheckedProposal, ProposalResult } from './types.js';

const KINDS = new Set<unknown>(['disable', 'enable', 'disable-line', 'disable-next-line']);

const isDirectiveList = arrayOf(
  shape<SuppressionDirective>({
    file: isString,
    line: isNumber,
    column: isNumber,
    kind: (value): value is SuppressionDirective['kind'] => KINDS.has(value),
    rules: arrayOf(isString),
  }),
);

/** A result's directives, when it has any of the shape this build writes (a cached one may not). */
export function directivesOf(result: ProposalResult): SuppressionDirective[] | undefined {
  const directives = (result as CheckedProposal).directives as unknown;
  return directives !== undefined && isDirectiveList(directives) ? directives : undefined;
}

/** Whether a result carries directives that are not of this build's shape (its cache entry is not used). */
export function hasBadDirectives(result: ProposalResult): boolean {
  const directives = (result as CheckedProposal).directives as unknown;
  return directives !== undefined && !isDirectiveList(directives);
}

/** `readme/*` and `readme` name the same group. */
function normalise(ref: string): string {
  return ref.endsWith('/*') ? ref.slice(0, -2) : ref;
}

/** Whether a rule reference (an id, a group, `group/*`, `*`) covers a rule id, as `--rule` keys do. */
export function refCovers(ref: string, ruleId: string): boolean {
  const key = normalise(ref);
  return key === '*' || key === ruleId || key === ruleId.slice(0, ruleId.indexOf('/'));
}

/** One rule reference of one directive, over the lines it covers. */
interface Scope {
  directive: SuppressionDirective;
  ref: string;
  from: number;
  to: number;
  used: boolean;
}

export interface InlineOutcome {
  kept: Diagnostic[];
  suppressed: SuppressedDiagnostic[];
  /** `lint/unused-suppression` and `lint/unknown-rule` findings at the directives. */
  reports: Diagnostic[];
}

/**
 * Apply one proposal's directives to its diagnostics. A range runs from its `kep-disable` line to the
 * `kep-enable` that names the same reference (or names none), else to the end of the file.
 */
export function applyDirectives(
  diagnostics: readonly Diagnostic[],
  directives: readonly SuppressionDirective[],
  rules: readonly Rule[],
  options: SeverityOptions,
  kep: number | null,
): InlineOutcome {
  const known = new Set<string>(['*']);
  for (const rule of rules) {
    known.add(rule.id);
    known.add(rule.id.slice(0, rule.id.indexOf('/')));
  }
  // A reference whose every rule is off this run hides nothing now, but may well be needed: never "unused".
  const enabled = (ref: string) =>
    rules.some((rule) => refCovers(ref, rule.id) && effectiveSeverity(rule, options) !== null);
  const reports: Diagnostic[] = [];
  const report = (rule: Rule, directive: SuppressionDirective, message: string) => {
    const severity = effectiveSeverity(rule, options);
    if (severity !== null)
      reports.push({
        rule: rule.id,
        severity,
        file: directive.file,
        line: directive.line,
        column: directive.column,
        message,
        kep,
      });
  };

  const scopes: Scope[] = [];
  const open = new Map<string, Scope[]>();
  let currentFile = '';
  for (const directive of directives) {
    if (directive.file !== currentFile) {
      open.clear();
      currentFile = directive.file;
    }
    const refs: string[] = [];
    for (const ref of directive.rules.length > 0 ? directive.rules : ['*']) {
      if (known.has(normalise(ref))) refs.push(ref);
      else
        report(
          unknownRuleRule,
          directive,
          `kep-${directive.kind} names "${ref}", which is no rule or group (see kep rules)`,
        );
    }
    if (directive.kind === 'enable') {
      const closing = directive.rules.length > 0 ? refs.map(normalise) : [...open.keys()];
      const ended = closing.filter((key) => {
        const ranges = open.get(key);
        for (const scope of ranges ?? []) scope.to = directive.line;
        open.delete(key);
        return ranges !== undefined;
      });
      if (ended.length === 0 && (directive.rules.length === 0 || refs.length > 0))
        report(
          unusedSuppressionRule,
          directive,
          directive.rules.length > 0
            ? `kep-enable ${refs.join(', ')}: no kep-disable of it is open here`
            : 'kep-enable: no kep-disable is open here',
        );
      continue;
    }
    for (const ref of refs) {
      const line = directive.kind === 'disable-next-line' ? directive.line + 1 : directive.line;
      const scope: Scope = {
        directive,
        ref,
        from: line,
        to: directive.kind === 'disable' ? Number.POSITIVE_INFINITY : line,
        used: false,
      };
      scopes.push(scope);
      if (directive.kind === 'disable') {
        const key = normalise(ref);
        open.set(key, [...(open.get(key) ?? []), scope]);
      }
    }
  }

  const kept: Diagnostic[] = [];
  const suppressed: SuppressedDiagnostic[] = [];
  for (const diagnostic of diagnostics) {
    let hidden = false;
    for (const scope of scopes) {
      if (
        scope.directive.file === diagnostic.file &&
        scope.from <= diagnostic.line &&
        diagnostic.line <= scope.to &&
        refCovers(scope.ref, diagnostic.rule)
      ) {
        scope.used = true;
        hidden = true;
      }
    }
    if (hidden) suppressed.push({ ...diagnostic, suppression: 'inSource' });
    else kept.push(diagnostic);
  }

  const unusedByDirective = new Map<SuppressionDirective, string[]>();
  for (const scope of scopes) {
    if (scope.used || !enabled(scope.ref)) continue;
    unusedByDirective.set(scope.directive, [...(unusedByDirective.get(scope.directive) ?? []), scope.ref]);
  }
  for (const [directive, refs] of unusedByDirective) {
    const what = directive.rules.length > 0 ? ` ${refs.join(', ')}` : '';
    const where =
      directive.kind === 'disable'
        ? 'in its range'
        : directive.kind === 'disable-next-line'
          ? 'on the next line'
          : 'on its line';
    report(
      unusedSuppressionRule,
      directive,
      `kep-${directive.kind}${what} suppresses nothing ${where}; remove it`,
    );
  }
  return { kept, suppressed, reports };
}
