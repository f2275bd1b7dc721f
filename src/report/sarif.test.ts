import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Diagnostic } from '../model/index.js';
import { allRules } from '../rules/index.js';
import { sarifValidator } from '../testing/sarif-schema.js';
import { formatSarif } from './sarif.js';

const diagnostics: Diagnostic[] = [
  {
    rule: 'metadata/status',
    severity: 'warning',
    file: 'keps/sig-node/2033 rootless/kep.yaml',
    line: 6,
    column: 9,
    message: 'invalid status "implementd"',
    kep: 2033,
  },
  {
    rule: 'prr/approver',
    severity: 'error',
    file: 'keps/prod-readiness/sig-node/2033.yaml',
    line: 5,
    column: 13,
    endLine: 5,
    endColumn: 22,
    message: '"@x" is not a PRR approver',
    kep: 2033,
  },
];

test('sarif: a SARIF 2.1.0 log that validates against the schema', () => {
  const log = JSON.parse(formatSarif(diagnostics, allRules, '1.2.3'));
  const validate = sarifValidator();
  assert.deepEqual(validate(log), []);
  assert.equal(log.version, '2.1.0');
  // The validator does reject what code scanning would: a line 0 and a result without a message.
  const broken = structuredClone(log);
  broken.runs[0].results[0].locations[0].physicalLocation.region.startLine = 0;
  delete broken.runs[0].results[1].message;
  assert.equal(validate(broken).length >= 2, true);
  assert.equal(log.runs.length, 1);
  assert.equal(log.runs[0].tool.driver.name, 'kepkit');
  assert.equal(log.runs[0].tool.driver.version, '1.2.3');
});

test('sarif: results reference the driver rules, with levels and repo-relative, encoded URIs', () => {
  const log = JSON.parse(formatSarif(diagnostics, allRules, '1.2.3'));
  const { rules } = log.runs[0].tool.driver;
  assert.deepEqual(
    rules.map((rule: { id: string }) => rule.id),
    ['metadata/status', 'prr/approver'],
  );
  assert.equal(rules[1].defaultConfiguration.level, 'error');
  assert.match(rules[1].shortDescription.text, /PRR approval file/);
  const [warning, error] = log.runs[0].results;
  assert.equal(warning.ruleId, 'metadata/status');
  assert.equal(warning.ruleIndex, 0);
  assert.equal(warning.level, 'warning');
  assert.equal(
    warning.locations[0].physicalLocation.artifactLocation.uri,
    'keps/sig-node/2033%20rootless/kep.yaml',
  );
  assert.deepEqual(warning.locations[0].physicalLocation.region, { startLine: 6, startColumn: 9 });
  assert.equal(error.ruleIndex, 1);
  assert.equal(error.level, 'error');
  assert.deepEqual(error.locations[0].physicalLocation.region, {
    startLine: 5,
    startColumn: 13,
    endLine: 5,
    endColumn: 22,
  });
});

test('sarif: an empty run still validates', () => {
  const log = JSON.parse(formatSarif([], allRules, '0.1.0'));
  assert.deepEqual(sarifValidator()(log), []);
  assert.deepEqual(log.runs[0].results, []);
  assert.deepEqual(log.runs[0].tool.driver.rules, []);
});

test('sarif: each path segment is percent-encoded (`#`, `?`, `%` too), and the uri decodes back to the path', () => {
  const files = [
    'keps/sig-node/1871-a#b?c%d/kep.yaml',
    'keps/sig-node/2033 rootless/kep.yaml',
    'keps/sig-x/a:b/[c]/kep.yaml',
    'keps/sig-x/line\nbreak/café.md',
  ];
  const log = JSON.parse(
    formatSarif(
      files.map((file) => ({ ...diagnostics[0]!, file })),
      allRules,
      '1.2.3',
    ),
  );
  const uris: string[] = log.runs[0].results.map(
    (result: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) =>
      result.locations[0]!.physicalLocation.artifactLocation.uri,
  );
  assert.equal(uris[0], 'keps/sig-node/1871-a%23b%3Fc%25d/kep.yaml');
  for (const [index, uri] of uris.entries()) {
    assert.doesNotMatch(uri, /[#?\s]/);
    // A relative reference resolves below the base with its path intact: no fragment, no query.
    const resolved = new URL(uri, 'file:///repo/');
    assert.equal(resolved.hash, '');
    assert.equal(resolved.search, '');
    assert.equal(decodeURIComponent(resolved.pathname), `/repo/${files[index]}`);
    assert.equal(decodeURIComponent(uri), files[index]);
  }
  assert.deepEqual(sarifValidator()(log), []);
});

test('sarif: suppressed findings are results with their suppression kind, in order with the others; it validates', () => {
  const log = JSON.parse(
    formatSarif([diagnostics[1]!], allRules, '1.2.3', [
      { ...diagnostics[0]!, suppression: 'inSource' },
      { ...diagnostics[1]!, line: 9, suppression: 'external' },
    ]),
  );
  assert.deepEqual(sarifValidator()(log), []);
  const results = log.runs[0].results;
  assert.deepEqual(
    results.map((r: { ruleId: string; suppressions?: unknown }) => [r.ruleId, r.suppressions]),
    [
      ['prr/approver', undefined],
      ['prr/approver', [{ kind: 'external' }]],
      ['metadata/status', [{ kind: 'inSource' }]],
    ],
  );
  // A rule only a suppressed finding has is still a driver rule its result points at.
  assert.equal(log.runs[0].tool.driver.rules[results[2].ruleIndex].id, 'metadata/status');
  // A suppression kind outside SARIF's list would not validate: the schema checks it.
  results[1].suppressions[0].kind = 'ignored';
  assert.notDeepEqual(sarifValidator()(log), []);
});
