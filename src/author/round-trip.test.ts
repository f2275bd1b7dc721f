// The corpus-wide round trips, in-process through the core (654 processes would cost minutes).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { diffLines } from 'diff';
import { loadProposal } from '../load/proposal.js';
import { profileNamed } from '../profile/index.js';
import { corpusRoot } from '../testing/fixtures.js';
import { checkPlan } from './check.js';
import { openWorkspace, planMigrations, planPromote, planSet, proposalKeys } from './index.js';

const profile = profileNamed('kubernetes')!;
const ws = openWorkspace(corpusRoot, { profile, today: '2030-01-02' });

test('kep set N status=<its own status> changes no byte of any corpus KEP', () => {
  let checked = 0;
  for (const key of proposalKeys(ws)) {
    const status = loadProposal(ws.facts, key, { readme: 'skip' }).metadata.status;
    if (typeof status !== 'string') continue;
    const plan = planSet(ws, key.slice('keps/'.length), [{ field: 'status', op: '=', value: status }], {
      force: true,
    });
    assert.equal(plan.files[0]!.after, plan.files[0]!.before, key);
    checked++;
  }
  assert.ok(checked > 600, `only ${checked} KEPs checked`);
});

/** The lines a diff removes and adds, without their changes in between. */
function changedLines(before: string, after: string): { removed: string[]; added: string[] } {
  const removed: string[] = [];
  const added: string[] = [];
  for (const part of diffLines(before, after)) {
    const lines = part.value.split('\n').filter((line, i, all) => i < all.length - 1 || line !== '');
    if (part.removed) removed.push(...lines);
    if (part.added) added.push(...lines);
  }
  return { removed, added };
}

test('kep promote on fifty corpus KEPs changes only stage, milestones, status and last-updated lines', () => {
  const candidates = proposalKeys(ws).filter((key) => {
    const { metadata } = loadProposal(ws.facts, key, { readme: 'skip' });
    return metadata.stage === 'alpha' && typeof metadata.number === 'string';
  });
  const keys = candidates
    .filter((_key, index) => index % Math.max(1, Math.floor(candidates.length / 50)) === 0)
    .slice(0, 50);
  assert.equal(keys.length, 50);
  const allowed = /^\s*(stage|latest-milestone|milestone|beta|status|last-updated):/;
  for (const key of keys) {
    const plan = planPromote(ws, key.slice('keps/'.length), { stage: 'beta', release: 'v1.40' });
    const file = plan.files[0]!;
    const { removed, added } = changedLines(file.before!, file.after);
    for (const line of [...removed, ...added]) assert.match(line, allowed, `${key}: ${line}`);
    assert.ok(
      added.some((line) => /\bbeta: ["']?v1\.40/.test(line)),
      `${key}: no milestone.beta`,
    );
    assert.ok(
      added.some((line) => /^stage: ["']?beta/.test(line)),
      `${key}: stage not set`,
    );
    // Only the lines named changed: everything else, comments and quoting included, is byte for byte.
    assert.equal(
      file.before!.split('\n').length + (added.length - removed.length),
      file.after.split('\n').length,
    );
  }
});

test('kep migrate --all on the corpus keeps every existing line in order and leaves no readme/missing-section', () => {
  const plans = planMigrations(ws, []);
  assert.ok(plans.length > 20, `only ${plans.length} READMEs migrated`);
  for (const plan of plans) {
    const file = plan.files[0]!;
    const after = file.after.split('\n');
    let at = 0;
    for (const line of file.before!.split('\n')) {
      while (at < after.length && after[at] !== line) at++;
      assert.ok(at < after.length, `${file.path}: "${line}" lost or moved`);
      at++;
    }
    const check = checkPlan(ws, plan);
    assert.deepEqual(
      check.after.filter((d) => d.rule === 'readme/missing-section').map((d) => d.message),
      [],
      file.path,
    );
  }
});
