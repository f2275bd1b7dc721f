// `kep lint --release vX.Y` end to end: the profile's gate rules become errors for the KEPs targeting it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Diagnostic } from '../../model/index.js';
import { corpusRepo, runKep } from '../../testing/fixtures.js';

const TARGETED = 'keps/sig-api-machinery/6178-concurrent-watch-object-decode'; // latest-milestone v1.37
const OTHER = 'keps/sig-node/4742-node-topology-downward-api'; // latest-milestone v1.35
const MINE = ['readme/missing-section', 'prr/questionnaire', 'readme/unresolved', 'readme/empty-section'];

function lint(root: string, extra: string[]): { status: number | null; found: string[] } {
  const run = runKep(['lint', '--repo', root, '--format', 'json', '--no-cache', ...extra]);
  assert.equal(run.stderr.match(/^\s+at /m), null, run.stderr);
  const diagnostics = JSON.parse(run.stdout) as Diagnostic[];
  const found = diagnostics
    .filter((d) => MINE.includes(d.rule))
    .map((d) => `${d.severity} ${d.rule} ${d.file.split('/')[2]}`)
    .sort();
  return { status: run.status, found };
}

test('kep lint --release: missing sections, unanswered PRR questions and unresolved blocks of the targeted KEPs become errors', () => {
  const repo = corpusRepo([TARGETED, OTHER]);
  try {
    const readme = `${TARGETED}/README.md`;
    repo.edit(readme, '## Drawbacks\n', '## Downsides\n');
    repo.edit(
      readme,
      '###### Will enabling / using this feature result in any new API calls?\n\nNo.\n',
      '###### Will enabling / using this feature result in any new API calls?\n\n<!-- later -->\n',
    );
    repo.edit(
      readme,
      '### Risks and Mitigations\n\n',
      '### Risks and Mitigations\n\n<<[UNRESOLVED pool size ]>>\n10?\n<<[/UNRESOLVED]>>\n\n',
    );
    repo.edit(readme, '### Non-Goals\n\nN/A\n', '### Non-Goals\n\n<!-- none yet -->\n');
    repo.edit(
      `${OTHER}/README.md`,
      '### Goals\n',
      '### Goals\n\n<<[UNRESOLVED naming ]>>\nWhich label?\n<<[/UNRESOLVED]>>\n',
    );

    const everyday = lint(repo.root, []);
    assert.equal(everyday.status, 0);
    assert.deepEqual(everyday.found, [
      'warning prr/questionnaire 6178-concurrent-watch-object-decode',
      'warning readme/empty-section 6178-concurrent-watch-object-decode',
      'warning readme/missing-section 6178-concurrent-watch-object-decode',
      'warning readme/unresolved 4742-node-topology-downward-api',
      'warning readme/unresolved 6178-concurrent-watch-object-decode',
    ]);

    const gate = lint(repo.root, ['--release', 'v1.37']);
    assert.equal(gate.status, 1);
    assert.deepEqual(gate.found, [
      'error prr/questionnaire 6178-concurrent-watch-object-decode',
      'error readme/missing-section 6178-concurrent-watch-object-decode',
      'error readme/unresolved 6178-concurrent-watch-object-decode',
      'warning readme/empty-section 6178-concurrent-watch-object-decode',
      'warning readme/unresolved 4742-node-topology-downward-api',
    ]);

    const otherRelease = lint(repo.root, ['--release', 'v1.35']);
    assert.equal(otherRelease.status, 1);
    assert.deepEqual(
      otherRelease.found.filter((line) => line.startsWith('error')),
      ['error readme/unresolved 4742-node-topology-downward-api'],
    );
  } finally {
    repo.dispose();
  }
});

test('kep lint --release compares milestones as versions: latest-milestone "1.35" is gated by v1.35', () => {
  const repo = corpusRepo([OTHER]);
  try {
    repo.edit(`${OTHER}/kep.yaml`, /^latest-milestone: .*$/m, 'latest-milestone: "1.35"');
    repo.edit(
      `${OTHER}/README.md`,
      '### Goals\n',
      '### Goals\n\n<<[UNRESOLVED naming ]>>\nWhich label?\n<<[/UNRESOLVED]>>\n',
    );
    const gate = lint(repo.root, ['--release', 'v1.35']);
    assert.equal(gate.status, 1);
    assert.deepEqual(
      gate.found.filter((line) => line.startsWith('error')),
      ['error readme/unresolved 4742-node-topology-downward-api'],
    );
  } finally {
    repo.dispose();
  }
});

test('kep lint --release gates the release rules too: the status, milestones and test plan of the targeted KEPs', () => {
  const repo = corpusRepo([TARGETED, OTHER]);
  try {
    repo.edit(`${TARGETED}/kep.yaml`, /^status: implementable$/m, 'status: provisional');
    repo.edit(`${TARGETED}/kep.yaml`, /^ {2}beta: "v1.31"$/m, '  beta: "v1.38"');
    repo.edit(`${OTHER}/kep.yaml`, /^status: \w+$/m, 'status: provisional');
    const release = (extra: string[]) => {
      const run = runKep(['lint', '--repo', repo.root, '--format', 'json', '--no-cache', ...extra]);
      return (JSON.parse(run.stdout) as Diagnostic[])
        .filter((d) => d.rule.startsWith('release/'))
        .map((d) => `${d.severity} ${d.rule} ${d.file.split('/')[2]}`)
        .sort();
    };
    // Without --release (or a release in the config) the newest latest-milestone is no gate: nothing.
    assert.deepEqual(release([]), []);
    repo.write('kep.config.json', '{ "release": "v1.37" }');
    assert.deepEqual(release([]), [
      'error release/stage-milestone 6178-concurrent-watch-object-decode',
      'error release/status 6178-concurrent-watch-object-decode',
      'warning release/code-freeze-status 6178-concurrent-watch-object-decode',
    ]);
    repo.remove('kep.config.json');
    assert.deepEqual(release(['--release', 'v1.37']), [
      'error release/stage-milestone 6178-concurrent-watch-object-decode',
      'error release/status 6178-concurrent-watch-object-decode',
      'warning release/code-freeze-status 6178-concurrent-watch-object-decode',
    ]);
    // Each release judges only the KEPs whose latest-milestone is that release.
    assert.deepEqual(release(['--release', 'v1.35']), [
      'error release/status 4742-node-topology-downward-api',
      'warning release/code-freeze-status 4742-node-topology-downward-api',
    ]);
  } finally {
    repo.dispose();
  }
});
