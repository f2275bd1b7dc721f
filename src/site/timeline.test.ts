// The stage timeline read from a proposal's git history: each stage and status change with the milestone it
// stood at after its commit (the milestone of that stage, else the latest milestone).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { HistoryEvent, KepHistory } from '../query/history/history.js';
import { timelineEntries } from './timeline.js';

const event = (
  commit: string,
  date: string,
  field: string,
  from: string | null,
  to: string | null,
): HistoryEvent => ({
  commit,
  date,
  field,
  from,
  to,
});

function history(events: HistoryEvent[]): KepHistory {
  return {
    kep: 1,
    proposalId: '1',
    path: 'keps/sig-x/1-x',
    paths: ['keps/sig-x/1-x'],
    removed: false,
    title: 'x',
    current: { number: '1', title: 'x', status: null, stage: null, latestMilestone: null, milestones: {} },
    events,
  };
}

test('timelineEntries: stage changes carry their stage’s milestone from the same commit, status the latest', () => {
  const entries = timelineEntries(
    history([
      event('a1', '2021-01-02T10:00:00+01:00', 'status', null, 'provisional'),
      event('a2', '2021-03-01T10:00:00Z', 'status', 'provisional', 'implementable'),
      // The stage is written before its milestone in the same commit: the milestone still counts.
      event('a2', '2021-03-01T10:00:00Z', 'stage', null, 'alpha'),
      event('a2', '2021-03-01T10:00:00Z', 'milestone.alpha', null, 'v1.21'),
      event('a2', '2021-03-01T10:00:00Z', 'latest-milestone', null, 'v1.21'),
      event('a3', '2021-09-01T10:00:00Z', 'latest-milestone', 'v1.21', 'v1.23'),
      // No milestone.beta: the latest milestone stands in.
      event('a4', '2021-10-01T10:00:00Z', 'stage', 'alpha', 'beta'),
      event('a5', '2022-01-01T10:00:00Z', 'stage', 'beta', null),
    ]),
  );
  assert.deepEqual(
    entries.map((e) => [e.commit, e.field, e.from, e.to, e.milestone]),
    [
      ['a1', 'status', null, 'provisional', null],
      ['a2', 'status', 'provisional', 'implementable', 'v1.21'],
      ['a2', 'stage', null, 'alpha', 'v1.21'],
      ['a4', 'stage', 'alpha', 'beta', 'v1.23'],
      ['a5', 'stage', 'beta', null, 'v1.23'],
    ],
  );
});

test('timelineEntries: a history with only milestone changes has no entry', () => {
  assert.deepEqual(
    timelineEntries(history([event('b1', '2021-01-01T00:00:00Z', 'latest-milestone', null, 'v1.20')])),
    [],
  );
});
