// The hostile-input suite: what a stranger's pull request can put in a repository, run through every command
// that reads it. Each case must finish within 10 s and 300 MB of resident memory, exit 0, 1 or 2, print no
// stack trace, and change nothing outside the temp repository (its surroundings are hashed before and after).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { cliPath, examplesRoot, type TempRepo, tempRepo } from '../testing/fixtures.js';

const KEP = 'keps/sig-node/5355-container-restart-reasons';
const OTHER = 'keps/sig-storage/5290-csi-maintenance-windows';
const PRR = 'keps/prod-readiness/sig-node/5355.yaml';
const LIMIT_MS = 10_000;
const LIMIT_RSS_KB = 300 * 1024;
const STACK = /^\s+at .+:\d+:\d+\)?$/m;

/** Every command that reads a repository, as a stranger's pull request would meet them in CI. */
const COMMANDS: string[][] = [
  ['lint', '--no-cache'],
  ['lint', '--format', 'github'],
  ['lint', '--fix'],
  ['toc', '--check'],
  ['toc', '--write'],
  ['query', '--text', 'x'],
  ['index', '--format', 'kepkit'],
  ['release', 'v1.37'],
];

// Records the child's peak resident memory when it exits: Node reports no child's usage to its parent.
let preload: string;
before(() => {
  preload = path.join(mkdtempSync(path.join(tmpdir(), 'kepkit-rss-')), 'rss.cjs');
  writeFileSync(
    preload,
    `process.on('exit', () => { try { require('fs').writeFileSync(process.env.KEPKIT_RSS_FILE, String(process.resourceUsage().maxRSS)); } catch {} });\n`,
  );
});
after(() => rmSync(path.dirname(preload), { recursive: true, force: true }));

interface Sandbox {
  parent: string;
  repo: TempRepo;
  outside: string;
}

/** The example repo in `parent/repo`, beside `parent/outside` (files a link may point at), and git history. */
function sandbox(): Sandbox {
  const parent = mkdtempSync(path.join(tmpdir(), 'kepkit-hostile-'));
  const root = path.join(parent, 'repo');
  cpSync(examplesRoot, root, { recursive: true });
  const outside = path.join(parent, 'outside');
  mkdirSync(outside);
  writeFileSync(
    path.join(outside, 'secret.md'),
    '# SECRET-7d1e\n\n<!-- toc -->\n<!-- /toc -->\n\n## SECRET-7d1e\n',
  );
  writeFileSync(path.join(outside, 'secret.yaml'), 'title: SECRET-7d1e\nkep-number: "5355"\n');
  spawnSync('git', ['init', '-q'], { cwd: root });
  spawnSync('git', ['-c', 'user.email=t@e', '-c', 'user.name=t', 'add', '-A'], { cwd: root });
  spawnSync('git', ['-c', 'user.email=t@e', '-c', 'user.name=t', 'commit', '-qm', 'base'], { cwd: root });
  return { parent, repo: tempRepo(root), outside };
}

/** sha1 of every file under dir except the repo and the cache (path → hash, links by their text). */
function surroundings(parent: string): Map<string, string> {
  const hashes = new Map<string, string>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      const relative = path.relative(parent, full);
      if (relative === 'repo' || relative === 'cache') continue;
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile())
        hashes.set(relative, createHash('sha1').update(readFileSync(full)).digest('hex'));
      else hashes.set(relative, entry.isSymbolicLink() ? 'link' : 'special');
    }
  };
  walk(parent);
  return hashes;
}

interface Case {
  name: string;
  setup(box: Sandbox): void;
  /** Commit the change, so that `kep history` meets it in git too. */
  commit?: boolean;
}

const kepYaml = (box: Sandbox) => box.repo.read(`${KEP}/kep.yaml`);
const deep = (open: string, close: string, depth: number) => open.repeat(depth) + close.repeat(depth);

const CASES: Case[] = [
  {
    name: 'a README that links to /etc/passwd and a kep.yaml that links to /proc/self/environ',
    setup: ({ repo }) => {
      rmSync(repo.file(`${KEP}/README.md`));
      symlinkSync('/etc/passwd', repo.file(`${KEP}/README.md`));
      rmSync(repo.file(`${OTHER}/README.md`));
      symlinkSync('/proc/self/environ', repo.file(`${OTHER}/README.md`));
    },
  },
  {
    name: 'a README and a PRR file that link to a file beside the repository',
    setup: ({ repo, outside }) => {
      rmSync(repo.file(`${KEP}/README.md`));
      symlinkSync(path.join(outside, 'secret.md'), repo.file(`${KEP}/README.md`));
      rmSync(repo.file(PRR));
      symlinkSync('../../../../outside/secret.yaml', repo.file(PRR));
    },
  },
  {
    name: 'a kep.yaml that is /dev/zero, a README that is a named pipe, a kep.yaml that is a directory',
    setup: ({ repo }) => {
      rmSync(repo.file(`${KEP}/kep.yaml`));
      symlinkSync('/dev/zero', repo.file(`${KEP}/kep.yaml`));
      rmSync(repo.file(`${OTHER}/README.md`));
      spawnSync('mkfifo', [repo.file(`${OTHER}/README.md`)]);
      mkdirSync(repo.file('keps/sig-network/7001-dir-as-metadata/kep.yaml'), { recursive: true });
    },
  },
  {
    name: 'symbolic link loops and links to parent directories',
    setup: ({ repo }) => {
      symlinkSync('.', repo.file(`${KEP}/loop`));
      symlinkSync('../..', repo.file('keps/sig-node/up'));
      symlinkSync('self', repo.file('keps/sig-node/self'));
      symlinkSync('/', repo.file('keps/sig-storage/root'));
    },
  },
  {
    name: 'an owning-sig and kep-number that climb out of the PRR directory',
    setup: (box) =>
      box.repo.write(
        `${KEP}/kep.yaml`,
        kepYaml(box)
          .replace('owning-sig: sig-node', 'owning-sig: ../../../outside')
          .replace('kep-number: 5355', 'kep-number: secret'),
      ),
  },
  {
    name: 'see-also and README links to ../../../../etc/passwd',
    setup: (box) => {
      box.repo.write(
        `${KEP}/kep.yaml`,
        kepYaml(box).replace(
          'see-also:',
          'see-also:\n  - "keps/../../../../etc/passwd"\n  - "../../../../etc"',
        ),
      );
      box.repo.write(
        `${KEP}/README.md`,
        `${box.repo.read(`${KEP}/README.md`)}\n[a](../../../../../etc/passwd) [b](/../../etc/shadow) [c](%2e%2e/%2e%2e/%2e%2e/etc)\n`,
      );
    },
  },
  {
    name: 'a heading followed by 200,000 backticks (the TOC scan)',
    setup: ({ repo }) =>
      repo.write(
        `${KEP}/README.md`,
        `# KEP-5355: Title\n\n<!-- toc -->\n<!-- /toc -->\n\n## ${'`'.repeat(200_000)}\n`,
      ),
    commit: true,
  },
  {
    name: 'a README of 200,000 `[`, `*`, `<` and `_` runs and an unclosed HTML comment',
    setup: ({ repo }) =>
      repo.write(
        `${KEP}/README.md`,
        `# KEP-5355: T\n\n<!-- toc -->\n<!-- /toc -->\n\n## ${'['.repeat(50_000)}\n\n## ${'*_'.repeat(25_000)}\n\n## ${'<a '.repeat(20_000)}\n\n<!-- ${'x'.repeat(50_000)}\n`,
      ),
  },
  {
    name: 'a README of 100,000 headings and one 10,000 blockquotes deep',
    setup: ({ repo }) =>
      repo.write(
        `${KEP}/README.md`,
        `# KEP-5355: T\n\n<!-- toc -->\n<!-- /toc -->\n\n${'## h\n'.repeat(100_000)}\n${'>'.repeat(10_000)} deep\n${'- '.repeat(5_000)}list\n`,
      ),
  },
  {
    name: 'a README with 20,000 unterminated UNRESOLVED markers and a 2 MB line of pipes',
    setup: ({ repo }) =>
      repo.write(
        `${KEP}/README.md`,
        `# KEP-5355: T\n\n${'<<[UNRESOLVED x ]>>\n'.repeat(20_000)}\n${'|'.repeat(2_000_000)}\n`,
      ),
  },
  {
    name: 'a kep.yaml of 200,000 nested [ and one of 100,000 nested flow mappings',
    setup: ({ repo }) => {
      repo.write(`${KEP}/kep.yaml`, `title: x\nkep-number: 5355\nmetrics: ${deep('[', ']', 200_000)}\n`);
      repo.write(`${OTHER}/kep.yaml`, `title: ${'{b: '.repeat(100_000)}1${'}'.repeat(100_000)}\n`);
    },
    commit: true,
  },
  {
    name: 'a kep.yaml of nested block sequences (- - - …) and deep indentation',
    setup: ({ repo }) => {
      repo.write(`${KEP}/kep.yaml`, `title: x\nmetrics:\n${'- '.repeat(50_000)}x\n`);
      let nested = 'title: x\n';
      for (let level = 0; level < 600; level++) nested += `${' '.repeat(level)}k${level}:\n`;
      repo.write(`${OTHER}/kep.yaml`, nested);
    },
  },
  {
    name: 'a YAML alias bomb in kep.yaml and in the PRR file',
    setup: ({ repo }) => {
      const levels = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
      for (let level = 1; level <= 9; level++)
        levels.push(
          `a${level}: &a${level} [${Array(10)
            .fill(`*a${level - 1}`)
            .join(', ')}]`,
        );
      repo.write(`${KEP}/kep.yaml`, `${levels.join('\n')}\n`);
      repo.write(PRR, `${levels.join('\n')}\n`);
    },
  },
  {
    name: 'a kep.yaml with 20,000 unknown keys',
    setup: (box) => {
      const keys = Array.from({ length: 20_000 }, (_, index) => `unknown-${index}: value`).join('\n');
      box.repo.write(`${KEP}/kep.yaml`, `${kepYaml(box)}${keys}\n`);
    },
  },
  {
    name: 'a 6 MB kep.yaml and a 6 MB README',
    setup: ({ repo }) => {
      repo.write(`${KEP}/kep.yaml`, `title: x\n${'# padding\n'.repeat(600_000)}`);
      repo.write(`${OTHER}/README.md`, `# T\n${'lorem ipsum\n'.repeat(520_000)}`);
    },
    commit: true,
  },
  {
    name: 'tags and odd scalars: !!timestamp, !!binary, !!js/function, 1e999, a 100 KB key',
    setup: (box) =>
      box.repo.write(
        `${KEP}/kep.yaml`,
        kepYaml(box)
          .replace('kep-number: 5355', 'kep-number: !!timestamp 2001-12-14')
          .replace(
            'disable-supported: true',
            `disable-supported: !!binary aGVsbG8=\nx: !!js/function "() => 1"\ny: 1e999\n${'k'.repeat(100_000)}: v`,
          ),
      ),
  },
  {
    name: 'non-UTF-8 bytes, NUL bytes, a BOM with CRLF, lone CR line endings, an empty PRR file',
    setup: ({ repo }) => {
      repo.write(`${KEP}/README.md`, Buffer.from([0x23, 0x20, 0xff, 0xfe, 0x0a, 0x61]));
      repo.write(`${OTHER}/README.md`, Buffer.from('# T\n\0\0\0'));
      repo.write(
        'keps/sig-node/5101-pod-log-budgets/README.md',
        `\ufeff${repo.read('keps/sig-node/5101-pod-log-budgets/README.md').replace(/\n/g, '\r\n')}`,
      );
      repo.write(
        'keps/sig-node/5230-image-prefetch-hints/README.md',
        repo.read('keps/sig-node/5230-image-prefetch-hints/README.md').replace(/\n/g, '\r'),
      );
      repo.write(PRR, '');
    },
  },
  {
    name: 'directory names with a newline, ESC, #?%, a leading dash and spaces',
    setup: ({ repo }) => {
      for (const name of ['7002-new\nline', '7003-esc\u001b[31m', '7004-a#b?c%d', '-rf', '7005 spaced name'])
        cpSync(repo.file(KEP), repo.file(`keps/sig-node/${name}`), { recursive: true });
    },
    commit: true,
  },
  {
    name: 'a title with terminal escapes and a workflow command',
    setup: (box) =>
      box.repo.write(
        `${KEP}/kep.yaml`,
        kepYaml(box).replace(
          /^title: .*$/m,
          'title: "Evil\\e[31mRED\\e]0;pwned\\a\\r\\n::error file=injected.yaml,line=1::INJECTED"',
        ),
      ),
    commit: true,
  },
  {
    name: 'shared inputs replaced: the template and the TOC skip list link out, OWNERS_ALIASES is a pipe',
    setup: ({ repo }) => {
      rmSync(repo.file('keps/NNNN-kep-template/README.md'));
      symlinkSync('/etc/passwd', repo.file('keps/NNNN-kep-template/README.md'));
      rmSync(repo.file('hack/.notableofcontents'));
      symlinkSync('/dev/zero', repo.file('hack/.notableofcontents'));
      rmSync(repo.file('OWNERS_ALIASES'));
      spawnSync('mkfifo', [repo.file('OWNERS_ALIASES')]);
    },
  },
  {
    name: 'a kep.config.json nested 100,000 deep',
    setup: ({ repo }) => repo.write('kep.config.json', `{"rules": ${deep('[', ']', 100_000)}}`),
  },
  {
    name: 'read-only files and directories where --fix would write',
    setup: ({ repo }) => {
      chmodSync(repo.file(`${KEP}/README.md`), 0o444);
      chmodSync(repo.file('keps/sig-network/5318-dns-search-path-policy'), 0o555);
    },
  },
];

for (const hostile of CASES) {
  test(`hostile input: ${hostile.name}`, () => {
    const box = sandbox();
    try {
      hostile.setup(box);
      if (hostile.commit) {
        spawnSync('git', ['-c', 'user.email=t@e', '-c', 'user.name=t', 'add', '-A'], { cwd: box.repo.root });
        spawnSync('git', ['-c', 'user.email=t@e', '-c', 'user.name=t', 'commit', '-qm', 'hostile'], {
          cwd: box.repo.root,
        });
      }
      const commands = hostile.commit ? [...COMMANDS, ['history']] : COMMANDS;
      const beforeRun = surroundings(box.parent);
      for (const args of commands) {
        const rssFile = path.join(box.parent, 'rss');
        const started = Date.now();
        const run = spawnSync(
          process.execPath,
          ['--require', preload, cliPath, ...args, '--repo', box.repo.root],
          {
            encoding: 'utf8',
            timeout: LIMIT_MS,
            maxBuffer: 512 * 1024 * 1024,
            env: {
              ...process.env,
              KEPKIT_CACHE_DIR: path.join(box.parent, 'cache'),
              KEPKIT_RSS_FILE: rssFile,
            },
          },
        );
        const elapsed = Date.now() - started;
        const what = `kep ${args.join(' ')}`;
        assert.ok(
          run.error === undefined && run.signal === null,
          `${what}: killed after ${elapsed} ms (${run.error?.message ?? run.signal})`,
        );
        assert.ok(
          [0, 1, 2].includes(run.status ?? -1),
          `${what}: exit ${run.status}\n${run.stderr.slice(0, 2000)}`,
        );
        assert.doesNotMatch(run.stderr, STACK, `${what} printed a stack trace`);
        assert.doesNotMatch(
          run.stderr,
          /unexpected error|internal error/,
          `${what}: ${run.stderr.slice(0, 2000)}`,
        );
        assert.doesNotMatch(run.stdout, /internal error in rule/, `${what}: a rule threw`);
        assert.ok(
          !/SECRET-7d1e|root:x:0:0/.test(run.stdout + run.stderr),
          `${what} printed a file from outside the repo`,
        );
        const rss = existsSync(rssFile) ? Number(readFileSync(rssFile, 'utf8')) : Number.NaN;
        assert.ok(rss < LIMIT_RSS_KB, `${what}: peak RSS ${Math.round(rss / 1024)} MB`);
        rmSync(rssFile, { force: true });
      }
      assert.deepEqual(surroundings(box.parent), beforeRun, 'nothing outside the repository changed');
    } finally {
      spawnSync('chmod', ['-R', 'u+rwX', box.parent]);
      rmSync(box.parent, { recursive: true, force: true });
    }
  });
}
