// Forge links: remote and repository URLs of every form git writes, as web pages with no credential; the
// branch and sub-directory read from git's own files of a real repository; only http(s) ever linked.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { commitUrl, type Forge, fileUrl, findForge, originUrl, readGitLocation, webUrlOf } from './forge.js';

const WEB_URLS: [string, string | undefined][] = [
  ['https://github.com/kubernetes/enhancements', 'https://github.com/kubernetes/enhancements'],
  ['https://github.com/kubernetes/enhancements.git', 'https://github.com/kubernetes/enhancements'],
  ['https://github.com/kubernetes/enhancements/', 'https://github.com/kubernetes/enhancements'],
  ['git@github.com:kubernetes/enhancements.git', 'https://github.com/kubernetes/enhancements'],
  ['github.com:kubernetes/enhancements', 'https://github.com/kubernetes/enhancements'],
  ['ssh://git@github.com/kubernetes/enhancements.git', 'https://github.com/kubernetes/enhancements'],
  ['ssh://git@gitlab.com:2222/group/sub/project.git', 'https://gitlab.com/group/sub/project'],
  ['git://github.com/o/r.git', 'https://github.com/o/r'],
  // A token in the remote never reaches a page.
  ['https://x-access-token:ghp_secret@github.com/o/r.git', 'https://github.com/o/r'],
  ['http://git.intranet.example/team/repo', 'http://git.intranet.example/team/repo'],
  ['javascript:alert(1)//github.com/o/r', undefined],
  ['file:///srv/git/repo.git', undefined],
  ['/srv/git/repo.git', undefined],
  ['../other', undefined],
  ['https://github.com/o', undefined],
  ['https://github.com/o/r?x=1', undefined],
  ['https://github.com/o/../r', undefined],
  ['https://github.com/o/r"><script>', undefined],
  ['C:\\repos\\r', undefined],
];

for (const [remote, expected] of WEB_URLS) {
  test(`webUrlOf(${JSON.stringify(remote)}) is ${expected ?? 'nothing'}`, () => {
    assert.equal(webUrlOf(remote)?.web, expected);
  });
}

const FORGES: [Forge, string, string][] = [
  [
    { kind: 'github', web: 'https://github.com/o/r', branch: 'master', prefix: '' },
    'https://github.com/o/r/blob/master/keps/sig-node/2033-x/README.md',
    'https://github.com/o/r/commit/abc',
  ],
  [
    { kind: 'gitlab', web: 'https://gitlab.com/g/s/r', branch: 'main', prefix: 'docs/' },
    'https://gitlab.com/g/s/r/-/blob/main/docs/keps/sig-node/2033-x/README.md',
    'https://gitlab.com/g/s/r/-/commit/abc',
  ],
  [
    { kind: 'bitbucket', web: 'https://bitbucket.org/o/r', branch: 'release/1.0', prefix: '' },
    'https://bitbucket.org/o/r/src/release/1.0/keps/sig-node/2033-x/README.md',
    'https://bitbucket.org/o/r/commits/abc',
  ],
  [
    { kind: 'gitea', web: 'https://codeberg.org/o/r', branch: 'main', prefix: '' },
    'https://codeberg.org/o/r/src/branch/main/keps/sig-node/2033-x/README.md',
    'https://codeberg.org/o/r/commit/abc',
  ],
];

for (const [forge, file, commit] of FORGES) {
  test(`fileUrl and commitUrl on ${forge.kind}`, () => {
    assert.equal(fileUrl(forge, 'keps/sig-node/2033-x/README.md'), file);
    assert.equal(commitUrl(forge, 'abc'), commit);
  });
}

test('fileUrl encodes each path segment of a hostile file name', () => {
  const forge: Forge = { kind: 'github', web: 'https://github.com/o/r', branch: 'main', prefix: '' };
  assert.equal(
    fileUrl(forge, 'keps/a b/"><x>#?.md'),
    'https://github.com/o/r/blob/main/keps/a%20b/%22%3E%3Cx%3E%23%3F.md',
  );
});

test('originUrl reads [remote "origin"] and no other remote', () => {
  const config =
    '[core]\n\tbare = false\n[remote "upstream"]\n\turl = git@github.com:up/r.git\n[remote "origin"]\n\turl = https://github.com/me/r.git\n\tfetch = +refs/heads/*:refs/remotes/origin/*\n';
  assert.equal(originUrl(config), 'https://github.com/me/r.git');
  assert.equal(originUrl('[remote "upstream"]\n\turl = x\n'), undefined);
});

function git(cwd: string, ...args: string[]): void {
  const run = spawnSync('git', args, { cwd, encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
}

test('findForge reads the origin remote, HEAD’s branch and the sub-directory from a real git repository', () => {
  const top = mkdtempSync(path.join(tmpdir(), 'kepkit-forge-'));
  try {
    git(top, 'init', '--quiet', '--initial-branch', 'trunk');
    git(top, 'remote', 'add', 'origin', 'git@github.com:acme/monorepo.git');
    const root = path.join(top, 'docs/proposals');
    mkdirSync(root, { recursive: true });
    assert.deepEqual(readGitLocation(root), {
      remote: 'git@github.com:acme/monorepo.git',
      branch: 'trunk',
      prefix: 'docs/proposals/',
    });
    const forge = findForge(root)!;
    assert.equal(
      fileUrl(forge, 'keps/x/README.md'),
      'https://github.com/acme/monorepo/blob/trunk/docs/proposals/keps/x/README.md',
    );
    // The config wins over the remote, on any host, and its branch over HEAD's.
    const configured = findForge(root, {
      repository: 'https://forge.example/acme/mirror',
      branch: 'stable',
    })!;
    assert.equal(
      fileUrl(configured, 'a.md'),
      'https://forge.example/acme/mirror/blob/stable/docs/proposals/a.md',
    );
    // A remote on a host whose URL forms are unknown is not linked; a detached HEAD links the default branch.
    git(top, 'remote', 'set-url', 'origin', 'https://forge.example/acme/monorepo.git');
    assert.equal(findForge(root), undefined);
    git(top, 'remote', 'set-url', 'origin', 'https://gitlab.com/acme/monorepo.git');
    writeFileSync(path.join(top, '.git/HEAD'), `${'a'.repeat(40)}\n`);
    assert.equal(
      fileUrl(findForge(root)!, 'a.md'),
      'https://gitlab.com/acme/monorepo/-/blob/HEAD/docs/proposals/a.md',
    );
    // A branch name that would climb out of the URL path is not used.
    assert.equal(findForge(root, { branch: '../../evil' })!.branch, 'HEAD');
    assert.equal(
      findForge(root, { repository: 'javascript:alert(1)' })?.web,
      'https://gitlab.com/acme/monorepo',
    );
  } finally {
    rmSync(top, { recursive: true, force: true });
  }
});

test('findForge finds nothing outside a git repository without a configured repository', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'kepkit-forge-none-'));
  try {
    // tmpdir itself is in no repository on CI; when it is, the answer must still be an http(s) URL or nothing.
    const forge = findForge(dir);
    if (forge) assert.match(forge.web, /^https?:\/\//);
    assert.equal(findForge(dir, { repository: 'https://github.com/o/r' })!.web, 'https://github.com/o/r');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
