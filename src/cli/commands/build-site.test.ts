import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import {
  exampleRepo,
  lineOf,
  openshiftRepo,
  runKep,
  SKELETON,
  skeletonRepo,
  withDisposed,
} from '../../testing/fixtures.js';

function withOut<T>(body: (out: string) => T): T {
  const out = mkdtempSync(path.join(tmpdir(), 'kepkit-site-'));
  try {
    return body(out);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

test('build-site on the example repo writes a page per proposal with its title and findings', () =>
  withDisposed(exampleRepo(), (repo) =>
    withOut((out) => {
      const run = runKep(['build-site', '--repo', repo.root, '--out', out, '--base-url', '/enhancements']);
      assert.equal(run.status, 0, run.stderr);
      const lint = JSON.parse(runKep(['lint', '--repo', repo.root, '--format', 'json']).stdout) as {
        kep: number | null;
        rule: string;
        message: string;
      }[];
      const index = readFileSync(path.join(out, 'index.html'), 'utf8');
      assert.match(index, /href="\/enhancements\/site\.css"/);
      assert.ok(existsSync(path.join(out, 'site.css')));
      const query = JSON.parse(runKep(['query', '--repo', repo.root, '--format', 'json']).stdout) as {
        kepNumber: string;
        title: string;
      }[];
      assert.ok(query.length > 5);
      for (const kep of query) {
        const page = readFileSync(
          path.join(out, 'keps', String(Number(kep.kepNumber)), 'index.html'),
          'utf8',
        );
        assert.ok(page.includes(`<h1>${kep.title}</h1>`), `${kep.kepNumber}: title`);
        assert.ok(
          index.includes(`href="/enhancements/keps/${Number(kep.kepNumber)}/"`),
          `${kep.kepNumber}: listed`,
        );
        for (const finding of lint.filter((d) => d.kep === Number(kep.kepNumber)))
          assert.ok(
            page.includes(`<span class="muted">${finding.rule}</span>`),
            `${kep.kepNumber}: ${finding.rule}`,
          );
      }
      assert.ok(existsSync(path.join(out, 'release', 'v1.37', 'index.html')));
      assert.match(
        readFileSync(path.join(out, 'release', 'v1.37', 'index.html'), 'utf8'),
        /<h1>Release v1\.37<\/h1>/,
      );
      // The only scripts are the site's own files (search, list filters), none inline.
      assert.deepEqual(
        [...index.matchAll(/<script[^>]*>/g)].map((m) => m[0]),
        [
          '<script type="module" src="/enhancements/assets/search.js">',
          '<script type="module" src="/enhancements/assets/list.js">',
        ],
      );
      const api = JSON.parse(readFileSync(path.join(out, 'api', 'proposals.json'), 'utf8')) as {
        proposals: { url: string }[];
      };
      assert.equal(api.proposals.length, query.length);
      assert.ok(api.proposals.every((p) => p.url.startsWith('/enhancements/keps/')));
    }),
  ));

test('build-site neutralises hostile README text', () =>
  withDisposed(skeletonRepo(), (repo) =>
    withOut((out) => {
      repo.edit(
        SKELETON.readme,
        /$/,
        '\n<script>alert("pwned")</script>\n\n<img src="x.png" onerror="alert(2)">\n\n[click](javascript:alert(3))\n',
      );
      repo.edit(
        SKELETON.metadata,
        'title: Example feature',
        'title: "Example <b onmouseover=alert(4)>feature</b>"',
      );
      const run = runKep(['build-site', '--repo', repo.root, '--out', out]);
      assert.equal(run.status, 0, run.stderr);
      const page = readFileSync(path.join(out, 'keps', '1234', 'index.html'), 'utf8');
      assert.deepEqual(
        [...page.matchAll(/<script[^>]*>/gi)].map((m) => m[0]),
        ['<script type="module" src="/assets/search.js">'],
      );
      assert.doesNotMatch(page, /onerror=/i);
      assert.doesNotMatch(page, /href="?javascript:/i);
      assert.doesNotMatch(page, /<b onmouseover/i);
      assert.match(page, /Example &lt;b onmouseover=alert\(4\)&gt;feature&lt;\/b&gt;/);
    }),
  ));

test('build-site refuses an --out inside the proposals root', () =>
  withDisposed(exampleRepo(), (repo) => {
    const run = runKep(['build-site', '--repo', repo.root, '--out', path.join(repo.root, 'keps', 'site')]);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /inside the proposals root/);
    assert.equal(existsSync(path.join(repo.root, 'keps', 'site')), false);
  }));

test('build-site links a README finding to its note, placed right after the block of its line, which is marked', () =>
  withDisposed(skeletonRepo(), (repo) =>
    withOut((out) => {
      repo.edit(SKELETON.readme, /$/, '\n<<[UNRESOLVED who decides? ]>>\nStill open.\n<<[/UNRESOLVED]>>\n');
      const line = lineOf(repo.read(SKELETON.readme), '<<[UNRESOLVED');
      const run = runKep(['build-site', '--repo', repo.root, '--out', out]);
      assert.equal(run.status, 0, run.stderr);
      const page = readFileSync(path.join(out, 'keps', '1234', 'index.html'), 'utf8');
      const finding = new RegExp(
        `<a href="#(finding-\\d+)">${SKELETON.readme}:${line}:\\d+</a>[^<]*<span class="muted">readme/unresolved</span>`,
      );
      const note = finding.exec(page)?.[1];
      assert.ok(note, 'the finding links to its note');
      // The note follows the block that holds the line (a block starting at or before it), which is marked.
      const placed = new RegExp(
        `<(\\w+) id="L(\\d+)" class="has-finding">[\\s\\S]*?</\\1>\\n<div class="finding-note [a-z]+-note" id="${note}"`,
      ).exec(page);
      assert.ok(placed, 'the note follows a marked block');
      assert.ok(Number(placed[2]) <= line);
    }),
  ));

test('build-site on an OpenShift repo writes a page per enhancement file', () => {
  const files = [
    'enhancements/authentication/allow-users-to-manage-their-own-tokens.md',
    'enhancements/arbiter-clusters.md',
  ];
  return withDisposed(openshiftRepo(files), (repo) =>
    withOut((out) => {
      const run = runKep(['build-site', '--repo', repo.root, '--out', out]);
      assert.equal(run.status, 0, run.stderr);
      const index = readFileSync(path.join(out, 'index.html'), 'utf8');
      assert.match(index, /2 proposals \(openshift process\)/);
      const links = [...index.matchAll(/href="\/(keps\/[^"]+)"/g)].map((match) => match[1]!);
      assert.equal(links.length, 2);
      for (const link of links) {
        const page = readFileSync(
          path.join(out, ...link.split('/').map(decodeURIComponent), 'index.html'),
          'utf8',
        );
        assert.match(page, /<article class="readme"/);
      }
    }),
  );
});

test('build-site refuses a relative --base-url', () =>
  withDisposed(exampleRepo(), (repo) =>
    withOut((out) => {
      const run = runKep(['build-site', '--repo', repo.root, '--out', out, '--base-url', 'enhancements']);
      assert.equal(run.status, 2);
      assert.match(run.stderr, /--base-url enhancements: expected a path/);
    }),
  ));

test('build-site copies the images a README links beside its page, never through a link out of the repo', () =>
  withDisposed(skeletonRepo(), (repo) =>
    withOut((out) => {
      const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
      repo.write(`${SKELETON.dir}/design.png`, png);
      symlinkSync('/etc/hostname', repo.file(`${SKELETON.dir}/leak.png`));
      repo.edit(SKELETON.readme, /$/, '\n![design](design.png)\n');
      const run = runKep(['build-site', '--repo', repo.root, '--out', out]);
      assert.equal(run.status, 0, run.stderr);
      assert.deepEqual(readFileSync(path.join(out, 'keps', '1234', 'design.png')), png);
      assert.equal(existsSync(path.join(out, 'keps', '1234', 'leak.png')), false);
      assert.match(
        readFileSync(path.join(out, 'keps', '1234', 'index.html'), 'utf8'),
        /<img src="design\.png" alt="design"/,
      );
    }),
  ));

test('build-site links see-also entries to their proposal pages and to http(s) URLs, and shows the rest as text', () =>
  withDisposed(skeletonRepo(), (repo) =>
    withOut((out) => {
      repo.edit(
        SKELETON.metadata,
        /^owning-sig: sig-node$/m,
        'owning-sig: sig-node\nsee-also:\n  - "/keps/sig-node/1234-example-feature"\n  - "https://example.com/design - the design"\n  - "javascript:alert(1)"',
      );
      const run = runKep(['build-site', '--repo', repo.root, '--out', out]);
      assert.equal(run.status, 0, run.stderr);
      const page = readFileSync(path.join(out, 'keps', '1234', 'index.html'), 'utf8');
      assert.match(page, /<a href="\/keps\/1234\/">\/keps\/sig-node\/1234-example-feature<\/a>/);
      assert.match(
        page,
        /<a href="https:\/\/example\.com\/design" rel="nofollow">https:\/\/example\.com\/design - the design<\/a>/,
      );
      assert.match(page, /, javascript:alert\(1\)<\/dd>/);
      assert.doesNotMatch(page, /href="javascript:/);
    }),
  ));
