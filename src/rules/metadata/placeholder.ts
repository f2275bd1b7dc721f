import { type Finding, MILESTONE_FORMAT, type YamlDocument } from '../../model/index.js';
import { atMetadataValue, rawMetadata } from '../findings.js';
import type { Rule } from '../types.js';

/** A metadata path without its list indexes: `authors`, `feature-gates.name`. */
const fieldOf = (path: readonly (string | number)[]) =>
  path.filter((part) => typeof part === 'string').join('.');

/** Every text value of a YAML tree with its path. */
function forEachText(
  value: unknown,
  path: (string | number)[],
  visit: (path: (string | number)[], text: string) => void,
): void {
  if (typeof value === 'string') visit(path, value);
  else if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) forEachText(item, [...path, index], visit);
  } else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) forEachText(item, [...path, key], visit);
  }
}

const placeholderSets = new WeakMap<YamlDocument, Map<string, Set<string>>>();

/** The template's values by field: what a proposal still holds if nobody filled that field in. */
function templateValues(doc: YamlDocument): Map<string, Set<string>> {
  let values = placeholderSets.get(doc);
  if (!values) {
    const byField = new Map<string, Set<string>>();
    forEachText(doc.data, [], (path, text) => {
      const field = fieldOf(path);
      if (text.trim() === '') return;
      if (!byField.has(field)) byField.set(field, new Set());
      byField.get(field)!.add(text.trim());
    });
    values = byField;
    placeholderSets.set(doc, values);
  }
  return values;
}

export const placeholderRule: Rule = {
  id: 'metadata/placeholder',
  description:
    'a metadata value left as the template’s own kep.yaml has it (`@jane.doe`, `KEP Template`, `MyFeature`, `TBD`, `yyyy-mm-dd`)',
  rationale:
    'A kep.yaml copied from the template and not filled in names people who do not exist (`@jane.doe`), groups that are examples (`sig-xyz`) and a feature gate called MyFeature; tools then route reviews, PRR and release tracking to nobody. The placeholders are read from the repository’s own template metadata, field by field, so a template change is followed without a code change. A template value that is also a real one (a well-formed milestone such as v1.19, a status or stage of the process, true or false, and the fields the profile lists in `rules.metadata/placeholder.ignore`) is not a placeholder.',
  severity: 'warning',
  docs: {
    appliesTo:
      'the metadata file of every proposal (not the templates themselves), when the profile names a template metadata file that the repository has; silent otherwise',
    profileKeys: [
      'templateMetadata',
      'metadata.statuses',
      'metadata.stages',
      'rules.metadata/placeholder.ignore',
    ],
    bad: {
      kind: 'metadata',
      text: 'title: KEP Template\nauthors:\n  - "@jane.doe"\nfeature-gates:\n  - name: MyFeature',
    },
    good: {
      kind: 'metadata',
      text: 'title: Pod resize\nauthors:\n  - "@vinaykul"\nfeature-gates:\n  - name: InPlacePodVerticalScaling',
    },
  },
  check(proposal, facts) {
    const template = facts.templateMetadata;
    const data = rawMetadata(proposal);
    if (!template?.data || !data) return [];
    const values = templateValues(template);
    const { statuses, stages } = facts.profile.metadata;
    const ignored = new Set(
      (facts.profile.ruleOptions['metadata/placeholder']?.ignore as string[] | undefined) ?? [],
    );
    const findings: Finding[] = [];
    forEachText(data, [], (path, text) => {
      const value = text.trim();
      const field = fieldOf(path);
      if (!values.get(field)?.has(value) || ignored.has(field)) return;
      if (MILESTONE_FORMAT.test(value) || value === 'true' || value === 'false') return;
      if (statuses.includes(value) || stages.includes(value)) return;
      findings.push(
        atMetadataValue(proposal, path, `"${field}" keeps the template’s placeholder "${value}"`),
      );
    });
    return findings;
  },
};
