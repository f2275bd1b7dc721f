// kepkit's `--profile openshift` lint against the oracle of OpenShift's own lint jobs (src/testing/openshift-oracle.ts),
// file by file: the same files with findings, the same missing headings, the same metadata problems. Every
// difference is a known, listed one (README: "OpenShift: differences from its lint").
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Diagnostic } from '../model/index.js';
import { openshiftRoot, runKep } from '../testing/fixtures.js';
import { openshiftOracle } from '../testing/openshift-oracle.js';

/** Rules for checks OpenShift's CI does not make (the profile adds them as warnings): left out of the comparison. */
const BEYOND_ORACLE = new Set(['metadata/status', 'metadata/date-format', 'metadata/see-also-exists']);

/** What a kepkit finding stands for in the oracle's terms: the missing heading line, `title`, a field, or `front-matter`. */
function oracleTerm(diagnostic: Diagnostic): string {
  if (diagnostic.rule === 'readme/missing-section')
    return /missing section "([^"]+)"/.exec(diagnostic.message)![1]!;
  if (diagnostic.rule === 'readme/title') return 'title';
  if (diagnostic.rule === 'metadata/parse' || diagnostic.rule === 'metadata/type') return 'front-matter';
  if (diagnostic.rule === 'metadata/non-empty' || diagnostic.rule === 'metadata/url')
    return `meta:${/^"([^"]+)"|in "([^"]+)"/.exec(diagnostic.message)?.slice(1).find(Boolean)}`;
  if (diagnostic.rule === 'metadata/title-matches-file' || diagnostic.rule === 'metadata/required')
    return 'meta:title';
  return `meta:${diagnostic.rule}`;
}

/** The fields OpenShift's metadata-lint decodes; a wrong type elsewhere (see-also as text) is kepkit's own check. */
const DECODED = ['title', 'authors', 'reviewers', 'approvers', 'api-approvers', 'tracking-link'];
const isUndecodedType = (d: Diagnostic) =>
  d.rule === 'metadata/type' && !DECODED.includes(/^"([^".]+)/.exec(d.message)?.[1] ?? '');

const lint = () => {
  const run = runKep([
    'lint',
    '--no-cache',
    '--profile',
    'openshift',
    '--repo',
    openshiftRoot,
    '--format',
    'json',
  ]);
  assert.equal(run.status, 0, run.stderr);
  return JSON.parse(run.stdout) as Diagnostic[];
};

test('openshift: kep lint on the corpus reports warnings only, and every file the oracle faults', () => {
  const diagnostics = lint();
  assert.equal(diagnostics.filter((d) => d.severity === 'error').length, 0);
  const oracle = openshiftOracle(openshiftRoot);
  const ours = new Map<string, Set<string>>();
  for (const d of diagnostics) {
    if (BEYOND_ORACLE.has(d.rule) || isUndecodedType(d)) continue;
    const terms = ours.get(d.file) ?? new Set<string>();
    ours.set(d.file, terms);
    terms.add(oracleTerm(d));
  }
  const differences: string[] = [];
  for (const [file, findings] of oracle) {
    const theirs = new Set(
      findings.map((f) =>
        f.check === 'template' ? f.what : f.what === 'front-matter' ? f.what : `meta:${f.what}`,
      ),
    );
    const mine = ours.get(file) ?? new Set<string>();
    for (const term of theirs) if (!mine.has(term)) differences.push(`${file}: oracle only: ${term}`);
    for (const term of mine) if (!theirs.has(term)) differences.push(`${file}: kepkit only: ${term}`);
  }
  for (const file of ours.keys())
    if (!oracle.has(file)) differences.push(`${file}: not linted by the oracle`);
  assert.deepEqual(differences.sort(), KNOWN_DIFFERENCES.sort());
});

/** The known differences, each explained in the README's table. */
const KNOWN_DIFFERENCES: string[] = [
  // `status: **provisional**|…` (the template's old status line): yaml.v3 reads `*` as an unknown alias and
  // rejects the front matter; kepkit's reader takes the plain text, reads the front matter and checks its fields.
  ...['mco-kargs-day1-support', 'ignition-spec-dual-support'].flatMap((name) => [
    `enhancements/machine-config/${name}.md: oracle only: front-matter`,
    `enhancements/machine-config/${name}.md: kepkit only: meta:api-approvers`,
    `enhancements/machine-config/${name}.md: kepkit only: meta:title`,
    `enhancements/machine-config/${name}.md: kepkit only: meta:tracking-link`,
  ]),
  'enhancements/machine-config/ignition-spec-dual-support.md: kepkit only: meta:approvers',
  // A blank first line before `---`: OpenShift splits the text on `---` anywhere and reads it; kepkit takes
  // front matter only from line 1 (as GitHub renders it), so the file has none (metadata/parse).
  'enhancements/microshift/microshift-coredns-hosts.md: kepkit only: front-matter',
  'enhancements/multi-arch/dynamic-imagestream-importmode-setting.md: kepkit only: front-matter',
  'enhancements/olm/olmv1-webhook-support.md: kepkit only: front-matter',
];
