// The feed without git history (the last-updated dates stand in), no feed without a site URL, and the URL's
// checks: the example repository has no history (its .git is empty).
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, test } from 'node:test';
import { parse } from 'yaml';
import { exampleRepo, runKep, type TempRepo } from '../testing/fixtures.js';
import { elements, parseXml } from '../testing/xml.js';

let repo: TempRepo;
let out: string;
beforeEach(() => {
  repo = exampleRepo();
  out = mkdtempSync(path.join(tmpdir(), 'kepkit-feed-'));
});
afterEach(() => {
  repo.dispose();
  rmSync(out, { recursive: true, force: true });
});

/** Every kep.yaml of the example repo: its directory's number and its last-updated, read directly. */
function lastUpdated(): { number: string; date: string }[] {
  const found: { number: string; date: string }[] = [];
  const keps = path.join(repo.root, 'keps');
  for (const group of readdirSync(keps, { withFileTypes: true })) {
    if (!group.isDirectory() || group.name === 'prod-readiness') continue;
    for (const dir of readdirSync(path.join(keps, group.name))) {
      const file = path.join(keps, group.name, dir, 'kep.yaml');
      if (!existsSync(file)) continue;
      const yaml = parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
      if (yaml['last-updated'])
        found.push({ number: String(Number(yaml['kep-number'])), date: String(yaml['last-updated']) });
    }
  }
  return found;
}

test('without history the feed lists the proposals by last-updated, newest first, with absolute links', () => {
  const built = runKep([
    'build-site',
    '--repo',
    repo.root,
    '--out',
    out,
    '--site-url',
    'https://example.org/site',
  ]);
  assert.equal(built.status, 0, built.stderr);
  const feed = parseXml(readFileSync(path.join(out, 'feed.xml'), 'utf8')).documentElement!;
  const entries = elements(feed, 'entry').map((entry) => ({
    link: elements(entry, 'link')[0]!.getAttribute('href'),
    updated: elements(entry, 'updated')[0]!.textContent,
  }));
  const expected = lastUpdated()
    .sort((a, b) => b.date.localeCompare(a.date) || Number(a.number) - Number(b.number))
    .slice(0, 50);
  assert.ok(expected.length > 3);
  assert.deepEqual(
    entries.map((entry) => [entry.updated, entry.link]),
    expected.map(({ number, date }) => [`${date}T00:00:00Z`, `https://example.org/site/keps/${number}/`]),
  );
  // The site URL's path became the base of every link, and of the stylesheet.
  assert.match(readFileSync(path.join(out, 'index.html'), 'utf8'), /href="\/site\/site\.css"/);
});

test('without a site URL there is no feed, and a notice says how to get one; the config’s site.url gives one', () => {
  const built = runKep(['build-site', '--repo', repo.root, '--out', out]);
  assert.equal(built.status, 0, built.stderr);
  assert.equal(existsSync(path.join(out, 'feed.xml')), false);
  assert.match(
    built.stderr,
    /no feed\.xml .*"site": \{"url": "https:\/\/…\/"\} in kep\.config\.json or pass --site-url/,
  );
  assert.doesNotMatch(readFileSync(path.join(out, 'index.html'), 'utf8'), /application\/atom\+xml/);
  assert.match(readFileSync(path.join(out, 'index/index.html'), 'utf8'), /No Atom feed/);

  writeFileSync(
    path.join(repo.root, 'kep.config.json'),
    JSON.stringify({ site: { url: 'https://example.org/' } }),
  );
  const configured = runKep(['build-site', '--repo', repo.root, '--out', out]);
  assert.equal(configured.status, 0, configured.stderr);
  assert.match(
    readFileSync(path.join(out, 'feed.xml'), 'utf8'),
    /<link rel="self" type="application\/atom\+xml" href="https:\/\/example\.org\/feed\.xml"\/>/,
  );
});

test('a site URL that is not an absolute http(s) URL is a usage error (exit 2), from the flag or the config', () => {
  const flag = runKep(['build-site', '--repo', repo.root, '--out', out, '--site-url', 'example.org/"><x']);
  assert.equal(flag.status, 2);
  assert.match(flag.stderr, /--site-url example\.org\/"><x: expected an absolute http\(s\) URL/);
  writeFileSync(
    path.join(repo.root, 'kep.config.json'),
    JSON.stringify({ site: { url: 'javascript:alert(1)' } }),
  );
  const config = runKep(['build-site', '--repo', repo.root, '--out', out]);
  assert.equal(config.status, 2);
  assert.match(config.stderr, /kep\.config\.json: "site\.url": expected an absolute http\(s\) URL/);
  assert.doesNotMatch(config.stderr, /^\s+at /m);
});
