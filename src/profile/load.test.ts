import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import Ajv from 'ajv';
import { parse } from 'yaml';
import { corpusRoot, exampleRepo, examplesRoot, projectRoot, runKep } from '../testing/fixtures.js';
import { profileJsonSchema } from './format.js';
import { kubernetesProfile, profileNamed } from './index.js';
import { ProfileError, readProfileData } from './load.js';

const KUBERNETES_YAML = path.join(projectRoot, 'profiles/kubernetes.yaml');

function tempProfile(text: string): { file: string; dispose(): void } {
  const dir = mkdtempSync(path.join(tmpdir(), 'kepkit-profile-'));
  const file = path.join(dir, 'profile.yaml');
  writeFileSync(file, text);
  return { file, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

test('the built-in Kubernetes profile is its packaged file read through the public loader', () => {
  const compiled = JSON.parse(readFileSync(path.join(projectRoot, 'dist/profiles/kubernetes.json'), 'utf8'));
  const { source: _source, ...loaded } = readProfileData(KUBERNETES_YAML);
  assert.deepEqual(compiled, loaded);
  assert.equal(profileNamed('kubernetes'), kubernetesProfile);
  assert.equal(kubernetesProfile.source, KUBERNETES_YAML);
  assert.deepEqual(kubernetesProfile.metadata.statusMeanings.withdrawn, 'stopped');
});

test('the published JSON Schema of the profile format accepts the built-in profile and rejects a typo', () => {
  const validate = new Ajv.default({ strict: false }).compile(profileJsonSchema('7'));
  const data = parse(readFileSync(KUBERNETES_YAML, 'utf8')) as Record<string, unknown>;
  assert.ok(validate(data), JSON.stringify(validate.errors));
  assert.equal(validate({ ...data, layuot: {} }), false);
});

for (const bad of [
  {
    name: 'an unknown key',
    text: (base: string) =>
      base.replace('  metadataFile: kep.yaml', '  metadataFile: kep.yaml\n  metadataFiel: x'),
    message: /profile\.yaml:\d+:3: layout\.metadataFiel: unknown key "metadataFiel"/,
    line: 'metadataFiel: x',
  },
  {
    name: 'a wrong type',
    text: (base: string) => base.replace('  maxDepth: 5', '  maxDepth: five'),
    message: /profile\.yaml:\d+:13: toc\.maxDepth: expected number/,
    line: 'maxDepth: five',
  },
  {
    name: 'a meaning mapped to a field the schema lacks',
    text: (base: string) => base.replace(/^( +)title: title$/m, '$1title: heading'),
    message:
      /profile\.yaml:\d+:\d+: metadata\.keys\.title: names the field "heading", which metadata\.fields does not define/,
    line: 'title: heading',
  },
  {
    name: 'a YAML syntax error',
    text: (base: string) => base.replace('  skipDirs: [prod-readiness]', '  skipDirs: [prod-readiness'),
    message: /profile\.yaml:\d+:\d+: /,
    line: undefined,
  },
]) {
  test(`a profile with ${bad.name} is refused with file:line:column`, () => {
    const written = bad.text(readFileSync(KUBERNETES_YAML, 'utf8'));
    const profile = tempProfile(written);
    try {
      assert.throws(
        () => readProfileData(profile.file),
        (error) => {
          assert.ok(error instanceof ProfileError);
          assert.match(error.message, bad.message);
          if (bad.line) {
            const line = Number(/profile\.yaml:(\d+):/.exec(error.message)![1]);
            assert.ok(written.split('\n')[line - 1]!.includes(bad.line), `line ${line} of the profile`);
          }
          return true;
        },
      );
      const run = runKep(['lint', '--repo', corpusRoot, '--profile', profile.file]);
      assert.equal(run.status, 2);
      assert.match(run.stderr, bad.message);
      assert.doesNotMatch(run.stderr, /^\s+at /m);
    } finally {
      profile.dispose();
    }
  });
}

test('a profile that extends kubernetes writes only its changes', () => {
  const profile = tempProfile(
    'version: 1\nname: my-process\nextends: kubernetes\nmetadata:\n  statuses:\n    experimental: open\n    deferred: null\n  stages: [alpha, beta, stable]\n',
  );
  try {
    const data = readProfileData(profile.file);
    assert.equal(data.name, 'my-process');
    // Mappings merge key by key (null removes one), lists replace.
    assert.deepEqual(data.metadata.statuses, [
      'provisional',
      'implementable',
      'implemented',
      'rejected',
      'withdrawn',
      'replaced',
      'experimental',
    ]);
    assert.deepEqual(data.metadata.stages, ['alpha', 'beta', 'stable']);
    // Everything else is Kubernetes'.
    assert.deepEqual(data.layout, kubernetesProfile.layout);
    assert.deepEqual(data.metadata.fields, kubernetesProfile.metadata.fields);
  } finally {
    profile.dispose();
  }
});

test('a profile that extends itself is refused', () => {
  const profile = tempProfile('version: 1\nname: loop\nextends: ./profile.yaml\n');
  try {
    assert.throws(() => readProfileData(profile.file), /extends itself/);
  } finally {
    profile.dispose();
  }
});

test('--profile FILE with the Kubernetes profile file gives the built-in profile’s findings byte for byte', () => {
  const detected = runKep(['lint', '--no-cache', '--repo', corpusRoot, '--format', 'json']);
  const named = runKep([
    'lint',
    '--no-cache',
    '--repo',
    corpusRoot,
    '--format',
    'json',
    '--profile',
    KUBERNETES_YAML,
  ]);
  assert.equal(named.stdout, detected.stdout);
  assert.equal(named.status, detected.status);
  assert.match(
    detected.profileNotice ?? '',
    /^kep: using the kubernetes profile \(.* has keps\/NNNN-kep-template\/kep\.yaml\)/,
  );
  assert.equal(named.profileNotice, undefined, 'a named profile is not announced');
  const unknown = runKep(['query', '--repo', corpusRoot, '--profile', 'kubernets']);
  assert.equal(unknown.status, 2);
  assert.match(unknown.stderr, /--profile: unknown profile "kubernets" \(built in: kubernetes/);
});

test('a profile whose layout finds nothing in the repository is refused at the key’s line', () => {
  const profile = tempProfile(
    'version: 1\nname: mine\nextends: kubernetes\nlayout:\n  proposalsRoot: keps\n  metadataFile: proposal.yaml\n',
  );
  const missingRoot = tempProfile(
    'version: 1\nname: mine\nextends: kubernetes\nlayout:\n  proposalsRoot: proposals\n',
  );
  try {
    const none = runKep(['query', '--repo', corpusRoot, '--profile', profile.file]);
    assert.equal(none.status, 2);
    assert.match(none.stderr, /profile\.yaml:6:3: layout\.metadataFile: no proposal\.yaml under keps/);
    const root = runKep(['lint', '--repo', corpusRoot, '--profile', missingRoot.file]);
    assert.equal(root.status, 2);
    assert.match(root.stderr, /profile\.yaml:5:3: layout\.proposalsRoot: proposals does not exist in /);
  } finally {
    profile.dispose();
    missingRoot.dispose();
  }
});

test('groups listed in the profile replace the groups file', () => {
  const profile = tempProfile(
    'version: 1\nname: mine\nextends: kubernetes\ngroups:\n  names: [sig-node, sig-storage]\n',
  );
  try {
    const run = runKep([
      'lint',
      '--no-cache',
      '--format',
      'json',
      '--repo',
      examplesRoot,
      '--profile',
      profile.file,
    ]);
    const owning = (JSON.parse(run.stdout) as { rule: string; file: string; message: string }[]).filter(
      (d) => d.rule === 'metadata/owning-sig',
    );
    // The example repo's sig-network KEPs now name a group the profile does not list; no groups file is read.
    assert.ok(owning.length > 0 && owning.every((d) => d.file.startsWith('keps/sig-network/')), run.stdout);
    assert.doesNotMatch(run.stderr, /no groups file found/);
  } finally {
    profile.dispose();
  }
});

test('the approval file’s path and fields are profile data', () => {
  const repo = exampleRepo();
  const profile = tempProfile(
    "version: 1\nname: mine\nextends: kubernetes\nprr:\n  path: 'approvals/{number}.yaml'\n  numberField: number\n  approverField: approved-by\n",
  );
  try {
    // 5101's approval file, moved to the process's own place and written with its own field names.
    const written = repo.read('keps/prod-readiness/sig-node/5101.yaml');
    repo.remove('keps/prod-readiness/sig-node/5101.yaml');
    repo.write(
      'keps/prod-readiness/approvals/5101.yaml',
      written.replace('kep-number:', 'number:').replaceAll('approver:', 'approved-by:'),
    );
    const query = runKep([
      'query',
      '--repo',
      repo.root,
      '--profile',
      profile.file,
      '--id',
      '5101',
      '--fields',
      'kepNumber,prrApprovers',
      '--format',
      'json',
    ]);
    assert.equal(query.status, 0, query.stderr);
    const [kep] = JSON.parse(query.stdout) as { prrApprovers?: unknown }[];
    assert.deepEqual(kep?.prrApprovers, {
      alpha: '@kofi-mensah',
      beta: '@kofi-mensah',
      stable: '@yuki-arata',
    });
    const lint = runKep([
      'lint',
      '--no-cache',
      '--format',
      'json',
      '--repo',
      repo.root,
      '--profile',
      profile.file,
    ]);
    const about5101 = (JSON.parse(lint.stdout) as { rule: string; kep: number | null }[]).filter(
      (d) => d.kep === 5101 && d.rule.startsWith('prr/'),
    );
    assert.deepEqual(about5101, [], 'the approval is found and read in its new shape');
  } finally {
    repo.dispose();
    profile.dispose();
  }
});

test('a field written under one of its aliases is read as the field', () => {
  const repo = exampleRepo();
  const profile = tempProfile(
    'version: 1\nname: mine\nextends: kubernetes\nmetadata:\n  fields:\n    status: {type: text, aliases: [state]}\n',
  );
  const kep = 'keps/sig-node/5230-image-prefetch-hints';
  try {
    repo.edit(`${kep}/kep.yaml`, /^status: /m, 'state: ');
    const query = runKep([
      'query',
      '--repo',
      repo.root,
      '--profile',
      profile.file,
      '--id',
      '5230',
      '--format',
      'json',
    ]);
    assert.equal(query.status, 0, query.stderr);
    assert.equal((JSON.parse(query.stdout) as { status: string }[])[0]?.status, 'implementable');
    const lint = runKep([
      'lint',
      '--no-cache',
      '--format',
      'json',
      '--repo',
      repo.root,
      '--profile',
      profile.file,
      kep,
    ]);
    const rules = (JSON.parse(lint.stdout) as { rule: string }[]).map((d) => d.rule);
    assert.ok(!rules.includes('metadata/unknown-field') && !rules.includes('metadata/required'), lint.stdout);
    // Without the alias, the same file has an unknown field (which, as upstream, stops the required check).
    const plain = runKep([
      'lint',
      '--no-cache',
      '--format',
      'json',
      '--repo',
      repo.root,
      '--profile',
      'kubernetes',
      kep,
    ]);
    const plainRules = (JSON.parse(plain.stdout) as { rule: string }[]).map((d) => d.rule);
    assert.ok(plainRules.includes('metadata/unknown-field'), plain.stdout);
  } finally {
    repo.dispose();
    profile.dispose();
  }
});

test('groups may be the directories below the proposals root', () => {
  const profile = tempProfile(
    'version: 1\nname: mine\nextends: kubernetes\ngroups:\n  fromDirectories: true\n',
  );
  try {
    const run = runKep([
      'lint',
      '--no-cache',
      '--format',
      'json',
      '--repo',
      examplesRoot,
      '--profile',
      profile.file,
    ]);
    const groupFindings = (JSON.parse(run.stdout) as { rule: string; message: string }[]).filter(
      (d) => d.rule === 'metadata/owning-sig' || d.rule === 'metadata/participating-sig',
    );
    // The example's working group is no directory under keps/; its three SIGs are, and are never reported.
    assert.ok(
      groupFindings.some((d) => d.message.includes('"wg-data-retention" (not in keps)')),
      run.stdout,
    );
    for (const sig of ['sig-node', 'sig-storage', 'sig-network'])
      assert.ok(!groupFindings.some((d) => d.message.includes(`"${sig}"`)), JSON.stringify(groupFindings));
    assert.doesNotMatch(run.stderr, /no groups file found/);
  } finally {
    profile.dispose();
  }
});

test('editing a profile file rebuilds the query catalog that was built with it', () => {
  const profile = tempProfile(
    "version: 1\nname: mine\nextends: kubernetes\nlinks:\n  base: 'https://a.example/'\n",
  );
  const cache = mkdtempSync(path.join(tmpdir(), 'kepkit-profile-cache-'));
  try {
    const query = () =>
      runKep(
        [
          'query',
          '--repo',
          examplesRoot,
          '--profile',
          profile.file,
          '--id',
          '5101',
          '--fields',
          'link',
          '--format',
          'json',
        ],
        { env: { ...process.env, KEPKIT_CACHE_DIR: cache } },
      );
    assert.match(query().stdout, /https:\/\/a\.example\/keps\/sig-node\/5101/);
    writeFileSync(
      profile.file,
      "version: 1\nname: mine\nextends: kubernetes\nlinks:\n  base: 'https://b.example/'\n",
    );
    assert.match(query().stdout, /https:\/\/b\.example\/keps\/sig-node\/5101/);
  } finally {
    profile.dispose();
    rmSync(cache, { recursive: true, force: true });
  }
});
