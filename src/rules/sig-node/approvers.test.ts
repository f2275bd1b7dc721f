import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { checkProposal } from '../../lint/engine.js';
import { loadFacts, loadProposal, walkRepository } from '../../load/index.js';
import { kubernetesProfile } from '../../profile/index.js';
import {
  corpusRepo,
  corpusRoot,
  lineOf,
  sigsFile,
  type TempRepo,
  tempRepo,
  withDisposed,
} from '../../testing/fixtures.js';
import { expectFindings, runRule } from '../../testing/rule-tester.js';
import { milestoneMinor, normalizeUser, sigNodeApproversRule as rule } from './approvers.js';

const BETA = 'keps/sig-node/4960-container-stop-signals';
const ALPHA = 'keps/sig-node/5999-h2c-container-probes';
const PAST_ALPHA_A = 'keps/sig-node/5607-hostnetwork-userns';
const PAST_ALPHA_B = 'keps/sig-node/5825-cri-pagination';

const withRepo = withDisposed;

test('sig-node/approvers: helpers normalise handles and read the minor number as upstream does', () => {
  assert.equal(normalizeUser('  @TallClair '), 'tallclair');
  assert.equal(normalizeUser('mrunalp'), 'mrunalp');
  assert.equal(milestoneMinor('v1.36'), 36);
  assert.equal(milestoneMinor('"v1.37"'), 37);
  assert.equal(milestoneMinor('1.36.2'), 36);
  assert.equal(milestoneMinor('0.0'), 0);
  assert.equal(milestoneMinor('v1'), 0);
  assert.equal(milestoneMinor(''), 0);
});

test('sig-node/approvers: valid — corpus SIG Node KEPs with tech leads, markers and OWNERS files', () => {
  withRepo(corpusRepo([BETA, ALPHA, PAST_ALPHA_A, PAST_ALPHA_B]), (repo) => {
    // The highest latest-milestone here is v1.37 (BETA, ALPHA): that is the default upcoming release.
    expectFindings(runRule(rule, repo), []);
  });
});

test('sig-node/approvers: invalid — the default release decides which alpha KEPs are active', () => {
  // Without a v1.37 KEP in the repo, the default release is v1.36 and both past-alpha KEPs are active.
  withRepo(corpusRepo([PAST_ALPHA_A, PAST_ALPHA_B]), (repo) => {
    const a = `${PAST_ALPHA_A}/kep.yaml`;
    const b = `${PAST_ALPHA_B}/kep.yaml`;
    expectFindings(runRule(rule, repo), [
      {
        file: a,
        line: lineOf(repo.read(a), '# sig-node-assigned-approver'),
        column: 5,
        message:
          /^alpha KEP targeting v1\.36 must not use the # sig-node-assigned-approver marker \(on "haircommander"\)/,
      },
      {
        file: b,
        line: lineOf(repo.read(b), '# sig-node-assigned-approver'),
        column: 5,
        message: /"sergeykanzhelev"/,
      },
    ]);
    expectFindings(runRule(rule, repo, { release: 'v1.37' }), []);
  });
});

test('sig-node/approvers: invalid — an actively alpha corpus KEP whose tech lead is replaced', () => {
  withRepo(corpusRepo([ALPHA]), (repo) => {
    const file = `${ALPHA}/kep.yaml`;
    repo.edit(file, '  - "@mrunalp"', '  - "@someone-else"');
    expectFindings(runRule(rule, repo), [
      {
        file,
        line: lineOf(repo.read(file), /^approvers:/),
        column: 1,
        message: /^alpha KEP targeting v1\.37 must list at least one sig-node-tech-leads member as approver$/,
      },
    ]);
  });
});

test('sig-node/approvers: invalid — a corpus beta KEP whose OWNERS file is deleted', () => {
  withRepo(corpusRepo([BETA]), (repo) => {
    const file = `${BETA}/kep.yaml`;
    repo.remove(`${BETA}/OWNERS`);
    const text = repo.read(file);
    expectFindings(runRule(rule, repo), [
      {
        file,
        line: lineOf(text, '# sig-node-assigned-reviewer'),
        column: 5,
        message: /assigned reviewer "mikebrow" needs an OWNERS file .*OWNERS not found/,
      },
      { file, line: lineOf(text, '# sig-node-assigned-approver'), column: 5, message: /assigned approver/ },
    ]);
  });
});

test('sig-node/approvers: invalid — a corpus beta KEP that loses both its tech lead and its marker', () => {
  withRepo(corpusRepo([BETA]), (repo) => {
    const file = `${BETA}/kep.yaml`;
    repo.edit(file, "  - '@sergeykanzhelev' # sig-node-assigned-approver\n  - '@mrunalp'", "  - '@someone'");
    repo.remove(`${BETA}/OWNERS`);
    repo.write(`${BETA}/OWNERS`, 'reviewers:\n  - mikebrow\n');
    expectFindings(runRule(rule, repo), [
      {
        file,
        line: lineOf(repo.read(file), /^approvers:/),
        column: 1,
        message:
          /^beta KEP targeting v1\.37 must list a sig-node-tech-leads member or an approver marked # sig-node-assigned-approver$/,
      },
    ]);
  });
});

test('sig-node/approvers: the whole corpus has no violation by default or with v1.37, and exactly two with v1.36', () => {
  const layout = walkRepository(corpusRoot, kubernetesProfile);
  const facts = loadFacts(corpusRoot, layout, { profile: kubernetesProfile, groupsFile: sigsFile });
  // The default release is the highest latest-milestone: one sig-apps KEP already names v1.38.
  assert.equal(facts.release, 'v1.38');
  const proposals = layout.proposalDirs.map((dir) => loadProposal(facts, dir, { readme: 'skip' }));
  const violations = (release: string) =>
    proposals
      .filter((proposal) => !proposal.isTemplate)
      .flatMap((proposal) => checkProposal(proposal, { ...facts, release }, [rule])[rule.id] ?? [])
      .map((finding) => `${finding.file}:${finding.line}`);
  assert.deepEqual(violations(facts.release!), []);
  assert.deepEqual(violations('v1.37'), []);
  assert.deepEqual(violations('v1.36'), [`${PAST_ALPHA_A}/kep.yaml:16`, `${PAST_ALPHA_B}/kep.yaml:15`]);
});

// Upstream's fixtures (pkg/nodeapprovers/testdata), re-created: one repo, one KEP per case.
const ALIASES = `aliases:
  sig-node-tech-leads:
    - lead-one
    - lead-two
  prod-readiness-approvers:
    - prr-person
`;

function kep(number: number, body: string): string {
  return `title: Case ${number}\nkep-number: ${number}\nauthors:\n  - "@author"\nowning-sig: sig-node\n${body}`;
}

function fixtureRepo(kepFiles: Record<string, string>, aliases = ALIASES): TempRepo {
  const root = mkdtempSync(path.join(tmpdir(), 'kepkit-node-'));
  mkdirSync(path.join(root, '.git'));
  const repo = tempRepo(root);
  repo.write('OWNERS_ALIASES', aliases);
  for (const [file, text] of Object.entries(kepFiles)) repo.write(file, text);
  return repo;
}

test('sig-node/approvers: OWNERS matches the assignments — marked entries listed, case ignored', () => {
  const dir = 'keps/sig-node/1-matching';
  withRepo(
    fixtureRepo({
      [`${dir}/kep.yaml`]: kep(
        1,
        `status: implementable
reviewers:
  - "@plain-reviewer"
  - "@Helper" # sig-node-assigned-reviewer
approvers:
  - "@lead-one" # some-other-note
  - "@HELPER" # sig-node-assigned-approver
`,
      ),
      [`${dir}/OWNERS`]: 'reviewers:\n  - helper # sig-node-assigned-reviewer\napprovers:\n  - helper\n',
    }),
    (repo) => expectFindings(runRule(rule, repo), []),
  );
});

test('sig-node/approvers: OWNERS mismatches point at the kep.yaml item and at the OWNERS entry', () => {
  const reviewerDir = 'keps/sig-node/2-wrong-reviewer';
  const approverDir = 'keps/sig-node/3-wrong-approver';
  const extraDir = 'keps/sig-node/4-extra-owner';
  const unmarkedDir = 'keps/sig-node/5-unmarked';
  withRepo(
    fixtureRepo({
      [`${reviewerDir}/kep.yaml`]: kep(
        2,
        'reviewers:\n  - "@stranger" # sig-node-assigned-reviewer\napprovers:\n  - "@helper" # sig-node-assigned-approver\n',
      ),
      [`${reviewerDir}/OWNERS`]: 'reviewers:\n  - helper\napprovers:\n  - helper\n',
      [`${approverDir}/kep.yaml`]: kep(
        3,
        'reviewers:\n  - "@helper" # sig-node-assigned-reviewer\napprovers:\n  - "@stranger" # sig-node-assigned-approver\n',
      ),
      [`${approverDir}/OWNERS`]: 'reviewers:\n  - helper\napprovers:\n  - helper\n',
      [`${extraDir}/kep.yaml`]: kep(
        4,
        'reviewers:\n  - "@helper" # sig-node-assigned-reviewer\napprovers:\n  - "@lead-one" # sig-node-assigned-approver\n',
      ),
      [`${extraDir}/OWNERS`]:
        'reviewers:\n  - helper\n  - bystander\napprovers:\n  - lead-one\n  - lead-two\n',
      // A comment on the line below an item is no marker.
      [`${unmarkedDir}/kep.yaml`]: kep(
        5,
        'reviewers:\n  - "@helper"\n  # sig-node-assigned-reviewer\napprovers:\n  - "@lead-one"\n',
      ),
      [`${unmarkedDir}/OWNERS`]: 'reviewers:\n  - helper\n',
    }),
    (repo) => {
      const kepLine = (dir: string, needle: string) => lineOf(repo.read(`${dir}/kep.yaml`), needle);
      const ownersLine = (dir: string, needle: string) => lineOf(repo.read(`${dir}/OWNERS`), needle);
      expectFindings(runRule(rule, repo), [
        {
          file: `${reviewerDir}/kep.yaml`,
          line: kepLine(reviewerDir, '@stranger'),
          column: 5,
          message: /assigned reviewer "stranger" is not listed under reviewers in .*2-wrong-reviewer\/OWNERS/,
        },
        {
          file: `${reviewerDir}/OWNERS`,
          line: 2,
          column: 5,
          message: /reviewer "helper" is listed in OWNERS but not marked # sig-node-assigned-reviewer/,
        },
        {
          file: `${approverDir}/kep.yaml`,
          line: kepLine(approverDir, '@stranger'),
          column: 5,
          message: /assigned approver "stranger" is not listed under approvers/,
        },
        {
          file: `${approverDir}/OWNERS`,
          line: ownersLine(approverDir, 'approvers:') + 1,
          column: 5,
          message: /approver "helper" is listed in OWNERS but not marked # sig-node-assigned-approver/,
        },
        {
          file: `${extraDir}/OWNERS`,
          line: ownersLine(extraDir, 'bystander'),
          column: 5,
          message: /reviewer "bystander"/,
        },
        {
          file: `${extraDir}/OWNERS`,
          line: ownersLine(extraDir, 'lead-two'),
          column: 5,
          message: /"lead-two"/,
        },
        { file: `${unmarkedDir}/OWNERS`, line: 2, column: 5, message: /reviewer "helper"/ },
      ]);
    },
  );
});

test('sig-node/approvers: the OWNERS check applies to every group, and a broken OWNERS is reported', () => {
  const apps = 'keps/sig-apps/6-apps';
  const broken = 'keps/sig-node/7-broken-owners';
  withRepo(
    fixtureRepo({
      [`${apps}/kep.yaml`]: kep(6, 'approvers:\n  - "@someone" # sig-node-assigned-approver\n'),
      [`${broken}/kep.yaml`]: kep(7, 'approvers:\n  - "@lead-one"\n'),
      [`${broken}/OWNERS`]: 'approvers: lead-one\n',
    }),
    (repo) =>
      expectFindings(runRule(rule, repo), [
        { file: `${apps}/kep.yaml`, line: 7, column: 5, message: /OWNERS not found/ },
        { file: `${broken}/OWNERS`, line: 1, message: /"approvers" must be a list of names/ },
      ]),
  );
});

test('sig-node/approvers: tech-lead rules by stage, with v1.37 as the upcoming release', () => {
  const cases: Record<string, string> = {
    // valid
    'alpha-lead': 'stage: alpha\nlatest-milestone: "v1.37"\napprovers:\n  - "@lead-one"\n  - "@other"\n',
    'beta-lead': 'stage: beta\nlatest-milestone: "v1.37"\napprovers:\n  - "@Lead-Two"\n  - "@other"\n',
    'beta-marked':
      'stage: beta\nlatest-milestone: "v1.37"\napprovers:\n  - "@helper" # sig-node-assigned-approver\n',
    'alpha-past-marked':
      'stage: alpha\nlatest-milestone: "v1.36"\napprovers:\n  - "@helper" # sig-node-assigned-approver\n',
    'withdrawn-none': 'status: withdrawn\nstage: beta\nlatest-milestone: "v1.37"\napprovers:\n  - "@other"\n',
    'before-policy': 'stage: beta\nlatest-milestone: "v1.35"\napprovers:\n  - "@other"\n',
    'legacy-milestone': 'stage: beta\nlatest-milestone: "0.0"\napprovers:\n  - "@other"\n',
    // invalid
    'alpha-no-lead': 'stage: alpha\nlatest-milestone: "v1.37"\napprovers:\n  - "@other"\n',
    'alpha-alias': 'stage: alpha\nlatest-milestone: "v1.37"\napprovers:\n  - "@sig-node-tech-leads"\n',
    'alpha-marked':
      'stage: alpha\nlatest-milestone: "v1.37"\napprovers:\n  - "@lead-one"\n  - "@helper" # sig-node-assigned-approver\n',
    'beta-alias':
      'stage: beta\nlatest-milestone: "v1.37"\napprovers:\n  - "@sig-node-tech-leads"\n  - "@other"\n',
    'beta-neither': 'stage: beta\nlatest-milestone: "v1.37"\napprovers:\n  - "@other"\n',
    'no-stage': 'latest-milestone: "v1.37"\napprovers:\n  - "@other"\n',
    'no-approvers': 'stage: beta\nlatest-milestone: "v1.37"\n',
    'alpha-past-neither': 'stage: alpha\nlatest-milestone: "v1.36"\napprovers:\n  - "@other"\n',
    'alpha-later-no-lead': 'stage: alpha\nlatest-milestone: "v1.38"\napprovers:\n  - "@other"\n',
  };
  const files: Record<string, string> = {};
  Object.entries(cases).forEach(([name, body], index) => {
    const dir = `keps/sig-node/${100 + index}-${name}`;
    files[`${dir}/kep.yaml`] = kep(100 + index, body);
    if (body.includes('# sig-node-assigned-approver')) files[`${dir}/OWNERS`] = 'approvers:\n  - helper\n';
  });
  withRepo(fixtureRepo(files), (repo) => {
    const at = (name: string, needle: string | RegExp) => {
      const index = Object.keys(cases).indexOf(name);
      const file = `keps/sig-node/${100 + index}-${name}/kep.yaml`;
      return { file, line: lineOf(repo.read(file), needle) };
    };
    // Each message says what the KEP is judged as: its stage, and its latest-milestone against v1.37.
    const alphaNoLead =
      /^alpha KEP targeting v1\.37 must list at least one sig-node-tech-leads member as approver$/;
    const neither = (what: string) =>
      new RegExp(
        `^${what} must list a sig-node-tech-leads member or an approver marked # sig-node-assigned-approver$`,
      );
    expectFindings(runRule(rule, repo, { release: 'v1.37' }), [
      { ...at('alpha-no-lead', /^approvers:/), column: 1, message: alphaNoLead },
      { ...at('alpha-alias', /^approvers:/), column: 1, message: alphaNoLead },
      {
        ...at('alpha-marked', '@helper'),
        column: 5,
        message: /^alpha KEP targeting v1\.37 must not use the # sig-node-assigned-approver marker/,
      },
      { ...at('beta-alias', /^approvers:/), column: 1, message: neither('beta KEP targeting v1\\.37') },
      { ...at('beta-neither', /^approvers:/), column: 1, message: neither('beta KEP targeting v1\\.37') },
      {
        ...at('no-stage', /^approvers:/),
        column: 1,
        message: neither('KEP without a stage targeting v1\\.37'),
      },
      {
        ...at('alpha-past-neither', /^approvers:/),
        column: 1,
        message: neither('alpha KEP of v1\\.36, before the upcoming release v1\\.37,'),
      },
      {
        ...at('alpha-later-no-lead', /^approvers:/),
        column: 1,
        message:
          /^alpha KEP targeting v1\.38 \(after the upcoming release v1\.37\) must list at least one sig-node-tech-leads member as approver$/,
      },
      { ...at('no-approvers', /^title:/), column: 1, message: /^no approvers listed$/ },
    ]);
  });
});

test('sig-node/approvers: the tech-lead rule covers only the SIG Node directory and needs the alias', () => {
  const body = 'stage: beta\nlatest-milestone: "v1.37"\napprovers:\n  - "@other"\n';
  withRepo(
    fixtureRepo(
      {
        'keps/sig-apps/8-elsewhere/kep.yaml': kep(8, body),
        'keps/sig-node/9-no-alias/kep.yaml': kep(9, body),
      },
      'aliases:\n  prod-readiness-approvers:\n    - prr-person\n',
    ),
    (repo) =>
      expectFindings(runRule(rule, repo, { release: 'v1.37' }), [
        {
          file: 'keps/sig-node/9-no-alias/kep.yaml',
          line: 8,
          message: /alias "sig-node-tech-leads" is missing in OWNERS_ALIASES/,
        },
      ]),
  );
});
