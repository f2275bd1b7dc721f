import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import { openshiftRoot, type TempRepo, tempRepo, withDisposed } from './fixtures.js';
import {
  basicRegExp,
  goUrlScheme,
  type OracleFinding,
  openshiftOracle,
  requiredHeadings,
} from './openshift-oracle.js';

// Every fact about the corpus below was checked by reading the file (and cross-checked against the
// real grep loop and a Go build of the metadata checks at the corpus commit).
describe('openshift oracle on the corpus', () => {
  const result = openshiftOracle(openshiftRoot);
  const whats = (file: string, check: OracleFinding['check']) =>
    (result.get(file) ?? assert.fail(`${file} was not linted`))
      .filter((f) => f.check === check)
      .map((f) => f.what);

  test('lints the 605 enhancement files: every .md under enhancements/ but the one ignored', () => {
    assert.equal(result.size, 605);
    assert.ok(!result.has('enhancements/authentication/direct-oidc-study/study-oidc-in-openshift.md'));
    assert.ok(result.has('enhancements/update/update-blocker-lifecycle/README.md'), 'READMEs are linted too');
    assert.ok(![...result.keys()].some((file) => !file.startsWith('enhancements/')));
  });

  test('counts: 546 files with findings, 7494 template and 836 metadata findings', () => {
    const all = [...result.values()].flat();
    assert.equal([...result.values()].filter((findings) => findings.length > 0).length, 546);
    assert.equal(all.filter((f) => f.check === 'template').length, 7494);
    assert.equal(all.filter((f) => f.check === 'metadata').length, 836);
  });

  test('the template requires its 26 non-optional headings of level 2 and deeper', () => {
    const headings = requiredHeadings(openshiftTemplate());
    assert.equal(headings.length, 26);
    assert.equal(headings[0], '## Summary');
    assert.ok(headings.includes('#### OpenShift Kubernetes Engine'));
    assert.ok(!headings.some((h) => h.includes('Open Questions') || h.includes('Infrastructure Needed')));
  });

  test('arbiter-clusters.md lacks only the OpenShift Kubernetes Engine heading', () => {
    assert.deepEqual(result.get('enhancements/arbiter-clusters.md'), [
      {
        check: 'template',
        what: '#### OpenShift Kubernetes Engine',
        message: 'missing the required heading "#### OpenShift Kubernetes Engine"',
      },
    ]);
  });

  test('os-images-streams.md: a title that is not its file name', () => {
    const file = 'enhancements/machine-config/os-images-streams.md';
    assert.deepEqual(whats(file, 'template'), ['#### OpenShift Kubernetes Engine']);
    assert.deepEqual(
      result.get(file)?.filter((f) => f.check === 'metadata'),
      [
        {
          check: 'metadata',
          what: 'title',
          message: `title "machine-config-os-images-streams" differs from the file's base name "os-images-streams"`,
        },
      ],
    );
  });

  test('aws-placement-groups.md: tracking-link TBD, and headings one level off do not count', () => {
    const file = 'enhancements/machine-api/aws-placement-groups.md';
    // It has "### Test Plan", "## Drawbacks" and "#### Dev Preview -> Tech Preview": wrong levels.
    assert.deepEqual(whats(file, 'template'), [
      '### Workflow Description',
      '### Topology Considerations',
      '#### Hypershift / Hosted Control Planes',
      '#### Standalone Clusters',
      '#### Single-node Deployments or MicroShift',
      '#### OpenShift Kubernetes Engine',
      '### Drawbacks',
      '## Test Plan',
      '## Graduation Criteria',
      '### Dev Preview -> Tech Preview',
      '### Tech Preview -> GA',
      '### Removing a deprecated feature',
      '## Upgrade / Downgrade Strategy',
      '## Version Skew Strategy',
      '## Operational Aspects of API Extensions',
      '## Support Procedures',
    ]);
    assert.deepEqual(
      result.get(file)?.filter((f) => f.check === 'metadata'),
      [
        { check: 'metadata', what: 'tracking-link', message: 'tracking-link holds TBD' },
        { check: 'metadata', what: 'tracking-link', message: 'tracking-link holds no URL' },
      ],
    );
  });

  test('azurestack.md: no "# " title line, no tracking-link, no api-approvers; "[optional]" suffix still matches', () => {
    const file = 'enhancements/installer/azurestack.md';
    const template = whats(file, 'template');
    assert.equal(template.at(-1), 'title');
    assert.equal(template.length, 18);
    // "### Implementation Details/Notes/Constraints [optional]" starts with the required heading.
    assert.ok(!template.includes('### Implementation Details/Notes/Constraints'));
    assert.deepEqual(whats(file, 'metadata'), ['tracking-link', 'api-approvers']);
  });

  test('mco-kargs-day1-support.md: "status: **provisional**" is a YAML error to yaml.v3, and nothing else is checked', () => {
    const file = 'enhancements/machine-config/mco-kargs-day1-support.md';
    const metadata = result.get(file)?.filter((f) => f.check === 'metadata') ?? [];
    assert.equal(metadata.length, 1);
    assert.equal(metadata[0]?.what, 'front-matter');
    assert.match(metadata[0]?.message ?? '', /alias/);
  });

  test('csi-cloning.md: a curly closing quote leaves the front matter unreadable', () => {
    const file = 'enhancements/storage/csi-cloning.md';
    assert.deepEqual(whats(file, 'metadata'), ['front-matter']);
    assert.equal(whats(file, 'template').length, 17);
  });

  test('operator-bundle.md has no front matter at all', () => {
    assert.deepEqual(whats('enhancements/olm/operator-bundle.md', 'metadata'), ['front-matter']);
  });

  test('files that pass both checks', () => {
    for (const file of [
      'enhancements/network/no_overlay_mode.md',
      'enhancements/ingress/gateway-api-without-olm.md',
      'enhancements/hypershift/azure-private-topology.md',
    ]) {
      assert.deepEqual(result.get(file), [], file);
    }
  });
});

const TEMPLATE = [
  '---',
  'title: neat',
  '---',
  '# Neat',
  '## Summary',
  '### Goals',
  '## Open Questions [optional]',
  '#### Dev Preview -> Tech Preview',
  '',
].join('\n');

const GOOD_METADATA = [
  'title: good',
  'authors: ["@a"]',
  'reviewers: ["@b"]',
  'approvers: ["@c"]',
  'api-approvers: [None]',
  'tracking-link: [https://issues.example/browse/X-1]',
];

const BODY = ['# Good', '## Summary', '### Goals', '#### Dev Preview -> Tech Preview', ''];

function document(metadata: string[], body: string[] = BODY): string {
  return ['---', ...metadata, '---', ...body].join('\n');
}

function withRepo(body: (repo: TempRepo) => void): void {
  const root = mkdtempSync(path.join(tmpdir(), 'kepkit-openshift-'));
  mkdirSync(path.join(root, 'enhancements'));
  withDisposed(tempRepo(root), (repo) => {
    repo.write('guidelines/enhancement_template.md', TEMPLATE);
    body(repo);
  });
}

describe('openshift oracle on small repos', () => {
  test('a file with every required heading and good metadata has no findings', () => {
    withRepo((repo) => {
      repo.write('enhancements/good.md', document(GOOD_METADATA));
      assert.deepEqual(openshiftOracle(repo.root), new Map([['enhancements/good.md', []]]));
    });
  });

  test('a file missing one required heading gets exactly one finding naming it', () => {
    withRepo((repo) => {
      repo.write('enhancements/good.md', document(GOOD_METADATA, ['# Good', '## Summary', '### Goals']));
      assert.deepEqual(openshiftOracle(repo.root).get('enhancements/good.md'), [
        {
          check: 'template',
          what: '#### Dev Preview -> Tech Preview',
          message: 'missing the required heading "#### Dev Preview -> Tech Preview"',
        },
      ]);
    });
  });

  test('headings match as case-sensitive line prefixes, anywhere in the file; optional ones are not required', () => {
    withRepo((repo) => {
      const body = [
        '# Good',
        '## Summary of it all',
        '```',
        '### Goals',
        '```',
        '#### dev preview -> tech preview',
      ];
      repo.write('enhancements/good.md', document(GOOD_METADATA, body));
      assert.deepEqual(
        openshiftOracle(repo.root)
          .get('enhancements/good.md')
          ?.map((f) => f.what),
        ['#### Dev Preview -> Tech Preview'],
      );
    });
  });

  test('no line starting with "# " is a missing title; a YAML comment line counts as one', () => {
    withRepo((repo) => {
      repo.write('enhancements/good.md', document(GOOD_METADATA, BODY.slice(1)));
      repo.write('enhancements/commented.md', document(['# a comment', ...GOOD_METADATA], BODY.slice(1)));
      const result = openshiftOracle(repo.root);
      assert.deepEqual(result.get('enhancements/good.md'), [
        { check: 'template', what: 'title', message: 'missing a title (a line starting with "# ")' },
      ]);
      // grep reads every line: the comment inside the front matter is the "title" here.
      assert.deepEqual(
        result.get('enhancements/commented.md')?.map((f) => `${f.check} ${f.what}`),
        ['metadata title'],
      );
    });
  });

  test('a tracking-link list holding TBD is a finding, and so is the lack of any URL', () => {
    withRepo((repo) => {
      const metadata = GOOD_METADATA.map((line) =>
        line.startsWith('tracking-link') ? 'tracking-link: [TBD]' : line,
      );
      repo.write('enhancements/good.md', document(metadata));
      assert.deepEqual(openshiftOracle(repo.root).get('enhancements/good.md'), [
        { check: 'metadata', what: 'tracking-link', message: 'tracking-link holds TBD' },
        { check: 'metadata', what: 'tracking-link', message: 'tracking-link holds no URL' },
      ]);
    });
  });

  test('a bare `tracking-link: TBD` (a string, not a list) leaves the metadata unreadable', () => {
    withRepo((repo) => {
      const metadata = GOOD_METADATA.map((line) =>
        line.startsWith('tracking-link') ? 'tracking-link: TBD' : line,
      );
      repo.write('enhancements/good.md', document(metadata));
      const findings = openshiftOracle(repo.root).get('enhancements/good.md') ?? [];
      assert.equal(findings.length, 1);
      assert.equal(findings[0]?.what, 'front-matter');
      assert.match(findings[0]?.message ?? '', /tracking-link: a single value where a list is wanted/);
    });
  });

  test('people fields: TBD and empty strings are findings, null items are dropped, any other text passes', () => {
    withRepo((repo) => {
      const metadata = [
        'title: good',
        'authors: [TBD, "@a"]',
        'reviewers:',
        '  -',
        '  - ~',
        'approvers: [""]',
        'api-approvers: [tbd]',
        'tracking-link: [https://x.example]',
      ];
      repo.write('enhancements/good.md', document(metadata));
      assert.deepEqual(
        openshiftOracle(repo.root)
          .get('enhancements/good.md')
          ?.map((f) => f.message),
        [
          'authors holds TBD',
          'reviewers names nobody',
          'approvers holds an empty string',
          'approvers names nobody',
        ],
      );
    });
  });

  test('the title must equal the file name without .md; the metadata is the text between the first two ---', () => {
    withRepo((repo) => {
      repo.write('enhancements/other-name.md', document(GOOD_METADATA));
      repo.write('enhancements/none.md', ['# None', '', 'text'].join('\n'));
      const result = openshiftOracle(repo.root);
      assert.deepEqual(result.get('enhancements/other-name.md'), [
        {
          check: 'metadata',
          what: 'title',
          message: `title "good" differs from the file's base name "other-name"`,
        },
      ]);
      assert.deepEqual(
        result
          .get('enhancements/none.md')
          ?.filter((f) => f.check === 'metadata')
          .map((f) => f.what),
        ['front-matter'],
      );
    });
  });

  test('an ignored file has no findings: it is not linted at all', () => {
    withRepo((repo) => {
      repo.write('enhancements/bad.md', 'nothing here');
      repo.write(
        'enhancements/kept.md',
        document(GOOD_METADATA.map((l) => l.replace('title: good', 'title: kept'))),
      );
      repo.write('hack/lint-ignores', 'enhancements/bad.md\n');
      assert.deepEqual([...openshiftOracle(repo.root).keys()], ['enhancements/kept.md']);
    });
  });

  test('an ignore entry that is part of a longer path, or a glob, drops those paths too', () => {
    withRepo((repo) => {
      repo.write('enhancements/a/x.md', 'x');
      repo.write('enhancements/a/x.md.md', 'x');
      repo.write('enhancements/b/y.md', 'y');
      repo.write('enhancements/c/z.md', 'z');
      repo.write('hack/lint-ignores', 'enhancements/a/x.md enhancements/b/*.md\n');
      assert.deepEqual([...openshiftOracle(repo.root).keys()], ['enhancements/c/z.md']);
    });
  });
});

describe('openshift oracle helpers', () => {
  test('basic regular expressions: . and * are special, parentheses and + are not', () => {
    assert.ok(basicRegExp('^## A.c')?.test('## Abc'));
    assert.ok(
      basicRegExp('^## Alternatives (Not Implemented)')?.test('## Alternatives (Not Implemented) and more'),
    );
    assert.ok(!basicRegExp('^## a+b')?.test('## aab'));
    assert.ok(basicRegExp('^## a+b')?.test('## a+b'));
    assert.equal(basicRegExp('^## [unclosed'), undefined);
  });

  test('tracking-link URLs as Go net/url.Parse sees them', () => {
    assert.deepEqual(goUrlScheme('https://issues.redhat.com/browse/OCPBUGS-1'), { scheme: 'https' });
    assert.deepEqual(goUrlScheme('JIRA: OCP-1'), { scheme: 'jira' }, 'an opaque URL is accepted');
    assert.deepEqual(goUrlScheme('none'), { scheme: '' });
    assert.equal(goUrlScheme('//host/path').scheme, '');
    for (const bad of [
      ':x',
      '1:x',
      'http://a b/',
      'http://h:8x/',
      'http://[::1/',
      'http://x/%zz',
      'http://x/#%zz',
    ]) {
      assert.notEqual(goUrlScheme(bad).error, undefined, bad);
    }
  });
});

function openshiftTemplate(): string {
  return readFileSync(path.join(openshiftRoot, 'guidelines/enhancement_template.md'), 'utf8');
}
