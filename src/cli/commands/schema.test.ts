import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import Ajv from 'ajv';
import Ajv2020 from 'ajv/dist/2020.js';
import { parse } from 'yaml';
import { checkProposal } from '../../lint/engine.js';
import { withFileFacts } from '../../load/paths.js';
import { loadProposal } from '../../load/proposal.js';
import { walkRepository } from '../../load/walk.js';
import { kubernetesProfile } from '../../profile/index.js';
import { ruleById } from '../../rules/index.js';
import { corpusRoot, runKep } from '../../testing/fixtures.js';

function schemaFor(draft: '7' | '2020-12'): Record<string, unknown> {
  const run = runKep(['schema', '--repo', corpusRoot, '--draft', draft]);
  assert.equal(run.status, 0, run.stderr);
  return JSON.parse(run.stdout) as Record<string, unknown>;
}

test('kep schema validates every corpus kep.yaml that kepkit finds no unknown field or wrong type in', () => {
  const schemas = {
    '7': new Ajv.default({ allErrors: true, strict: false }).compile(schemaFor('7')),
    '2020-12': new Ajv2020.default({ allErrors: true, strict: false }).compile(schemaFor('2020-12')),
  };
  const layout = walkRepository(corpusRoot, kubernetesProfile);
  const facts = withFileFacts({
    root: corpusRoot,
    profile: kubernetesProfile,
    files: layout.files,
    proposalDirs: new Set(layout.proposalDirs),
    notices: [],
  });
  const rules = [
    ruleById('metadata/unknown-field')!,
    ruleById('metadata/type')!,
    ruleById('metadata/parse')!,
  ];
  let clean = 0;
  let flagged = 0;
  for (const dir of layout.proposalDirs) {
    const file = `${dir}/kep.yaml`;
    const findings = checkProposal(loadProposal(facts, dir, { readme: 'skip' }), facts, rules);
    // As an editor reads it: YAML 1.2 core types (2033 is a number, true a boolean).
    let data: unknown;
    try {
      data = parse(readFileSync(path.join(corpusRoot, file), 'utf8'));
    } catch {
      assert.ok(findings['metadata/parse'], `${file} does not parse, yet kepkit reports no parse error`);
      continue;
    }
    for (const [draft, validate] of Object.entries(schemas)) {
      const valid = validate(data);
      if (Object.keys(findings).length === 0) {
        assert.ok(valid, `${file} (draft ${draft}): ${JSON.stringify(validate.errors)}`);
      } else {
        // The schema derives from the same zod schema, so it rejects what kepkit rejects.
        assert.ok(!valid, `${file} (draft ${draft}) is valid, yet kepkit reports ${Object.keys(findings)}`);
      }
    }
    if (Object.keys(findings).length === 0) clean++;
    else flagged++;
  }
  // Upstream CI decodes the corpus strictly, so nearly every file is clean; the shapes kepkit rejects are
  // checked one by one in the next test.
  assert.ok(clean > 600, `${clean} clean files, ${flagged} flagged`);
});

test('kep schema rejects an unknown field and a wrong shape, and only hints at statuses', () => {
  const schema = schemaFor('2020-12');
  const validate = new Ajv2020.default({ strict: false }).compile(schema);
  const base = {
    title: 'A title',
    'kep-number': 1234,
    authors: ['@a'],
    'owning-sig': 'sig-node',
    approvers: [],
    status: 'implementable',
    stage: 'alpha',
    'latest-milestone': 'v1.34',
    milestone: { alpha: 'v1.34' },
    'disable-supported': true,
  };
  assert.ok(validate(base), JSON.stringify(validate.errors));
  assert.ok(!validate({ ...base, colour: 'blue' }), 'unknown field accepted');
  assert.ok(
    !validate({ ...base, milestone: { alpha: 'v1.34', gamma: 'v1.35' } }),
    'unknown stage key accepted',
  );
  assert.ok(!validate({ ...base, authors: '@a' }), 'a value where a list belongs accepted');
  assert.ok(!validate({ ...base, 'disable-supported': 'maybe' }), 'a non-boolean accepted');
  const { title: _title, ...untitled } = base;
  assert.ok(!validate(untitled), 'a missing required field accepted');
  // A status outside the list is kep lint's to report (metadata/status), with a position and a reason.
  assert.ok(validate({ ...base, status: 'implemented (alpha)' }));
  const properties = schema.properties as Record<string, Record<string, unknown>>;
  assert.deepEqual(properties.status!.examples, kubernetesProfile.metadata.statuses);
  assert.deepEqual(properties.stage!.examples, kubernetesProfile.metadata.stages);
  assert.ok((properties['owning-sig']!.examples as string[]).includes('sig-node'));
  assert.match(String(properties.title!.description), /title/);
  assert.equal(schema.$schema, 'https://json-schema.org/draft/2020-12/schema');
});

test('kep schema outside any repository prints the built-in profile schema (the editors ship it)', () => {
  const empty = mkdtempSync(path.join(tmpdir(), 'kepkit-no-repo-'));
  try {
    const run = runKep(['schema'], { cwd: empty });
    assert.equal(run.status, 0, run.stderr);
    const schema = JSON.parse(run.stdout) as { title: string; properties: Record<string, unknown> };
    assert.match(schema.title, /kubernetes profile/);
    assert.ok('status' in schema.properties);
  } finally {
    rmSync(empty, { recursive: true, force: true });
  }
});
