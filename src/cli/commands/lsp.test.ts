import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { kubernetesProfile } from '../../profile/index.js';
import { corpusRepo, openshiftRepo, runKep, type TempRepo } from '../../testing/fixtures.js';
import { fileUri, type LspClient, type LspRange, startLsp } from '../../testing/lsp-client.js';

const KEP = 'keps/sig-node/2033-kubelet-in-userns-aka-rootless';
const KEP_YAML = `${KEP}/kep.yaml`;
const README = `${KEP}/README.md`;
const PRR = 'keps/prod-readiness/sig-node/2033.yaml';

/** A temp repo of a few corpus KEPs with the shared inputs, and a server on it. */
async function withServer(dirs: string[], body: (repo: TempRepo, client: LspClient) => Promise<void>) {
  const repo = corpusRepo(dirs);
  const cacheDir = mkdtempSync(path.join(tmpdir(), 'kepkit-lsp-cache-'));
  const client = await startLsp(['--repo', repo.root], fileUri(repo.root), { KEPKIT_CACHE_DIR: cacheDir });
  try {
    await body(repo, client);
  } finally {
    await client.dispose();
    repo.dispose();
    rmSync(cacheDir, { recursive: true, force: true });
  }
}

/** Apply LSP text edits (with ranges in the text's own lines) to a text. */
function applyLspEdits(text: string, edits: { range: LspRange; newText: string }[]): string {
  const starts = [0];
  for (let at = 0; at < text.length; at++) {
    if (text[at] === '\r' && text[at + 1] === '\n') at++;
    if (text[at] === '\n' || text[at] === '\r') starts.push(at + 1);
  }
  const offset = (p: { line: number; character: number }) => starts[p.line]! + p.character;
  const sorted = [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start));
  let result = text;
  for (const edit of sorted)
    result = result.slice(0, offset(edit.range.start)) + edit.newText + result.slice(offset(edit.range.end));
  return result;
}

test('reports a status typo in an unsaved kep.yaml at the value, and clears it once fixed', async () => {
  await withServer([KEP], async (repo, client) => {
    const uri = fileUri(repo.file(KEP_YAML));
    const text = repo.read(KEP_YAML);
    const first = client.nextPublication(uri);
    client.open(uri, text);
    const opened = await first;
    assert.equal(
      opened.diagnostics.filter((d) => d.code === 'metadata/status').length,
      0,
      'the corpus KEP has no status finding',
    );

    const typo = text.replace('status: implementable', 'status: implementd');
    assert.notEqual(typo, text);
    const reported = client.nextPublication(uri, (p) =>
      p.diagnostics.some((d) => d.code === 'metadata/status'),
    );
    client.change(uri, typo);
    const publication = await reported;
    const status = publication.diagnostics.find((d) => d.code === 'metadata/status')!;
    const line = typo.split('\n').findIndex((l) => l.startsWith('status: '));
    assert.deepEqual(status.range, {
      start: { line, character: 'status: '.length },
      end: { line, character: 'status: implementd'.length },
    });
    assert.equal(status.source, 'kep');
    assert.equal(status.severity, 2, 'metadata/status is a warning');
    assert.match(status.message, /invalid status "implementd"/);
    assert.match(status.codeDescription!.href, /^https:\/\/.+#rules$/);
    // The file on disk is untouched: the finding came from the buffer.
    assert.equal(repo.read(KEP_YAML), text);

    const cleared = client.nextPublication(
      uri,
      (p) => !p.diagnostics.some((d) => d.code === 'metadata/status'),
    );
    client.change(uri, text);
    await cleared;
  });
});

test('a status change in kep.yaml republishes the findings of its README, and they clear when it is undone', async () => {
  await withServer([KEP], async (repo, client) => {
    const yamlUri = fileUri(repo.file(KEP_YAML));
    const readmeUri = fileUri(repo.file(README));
    const text = repo.read(KEP_YAML);
    const readmeOpened = client.nextPublication(readmeUri);
    client.open(readmeUri, repo.read(README));
    const before = await readmeOpened;
    const yamlOpened = client.nextPublication(yamlUri);
    client.open(yamlUri, text);
    await yamlOpened;
    // Withdrawn without a reason in the README's header? The rule set decides; what matters is that the README
    // is republished for a kep.yaml change with exactly what `kep lint` says of the saved files.
    const changed = text.replace('status: implementable', 'status: implemented');
    const republished = client.nextPublication(readmeUri);
    client.change(yamlUri, changed);
    const after = await republished;
    repo.write(KEP_YAML, changed);
    const lint = runKep(['lint', '--repo', repo.root, '--format', 'json', '--no-cache', KEP]);
    const expected = (JSON.parse(lint.stdout) as { file: string; rule: string; line: number }[])
      .filter((d) => d.file === README)
      .map((d) => `${d.rule}@${d.line}`)
      .sort();
    assert.deepEqual(after.diagnostics.map((d) => `${d.code}@${d.range.start.line + 1}`).sort(), expected);
    assert.notDeepEqual(
      after.diagnostics.map((d) => d.code).sort(),
      before.diagnostics.map((d) => d.code).sort(),
      'implemented asks more of the README than implementable',
    );
    repo.write(KEP_YAML, text);
    const back = client.nextPublication(readmeUri);
    client.change(yamlUri, text);
    assert.deepEqual((await back).diagnostics, before.diagnostics);
  });
});

test('the quick fix of a stale table of contents gives the text kep toc --write writes', async () => {
  await withServer([KEP], async (repo, client) => {
    const uri = fileUri(repo.file(README));
    const stale = repo.read(README).replace('## Summary', '## Summary of the change');
    assert.ok(stale.includes('## Summary of the change'));
    repo.write(README, stale);
    const reported = client.nextPublication(uri, (p) => p.diagnostics.some((d) => d.code === 'readme/toc'));
    client.open(uri, stale);
    const toc = (await reported).diagnostics.find((d) => d.code === 'readme/toc')!;
    const actions = (await client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: toc.range,
      context: { diagnostics: [toc] },
    })) as {
      title: string;
      kind: string;
      edit: { changes: Record<string, { range: LspRange; newText: string }[]> };
    }[];
    const action = actions.find((a) => a.title.includes('readme/toc'));
    assert.ok(action, `a code action for readme/toc among ${JSON.stringify(actions.map((a) => a.title))}`);
    assert.equal(action.kind, 'quickfix');
    const fixed = applyLspEdits(stale, action.edit.changes[uri]!);
    assert.notEqual(fixed, stale);

    const run = runKep(['toc', '--write', '--repo', repo.root, repo.file(README)]);
    assert.equal(run.status, 0, run.stderr);
    assert.equal(fixed, repo.read(README), 'byte for byte what kep toc --write wrote');
    assert.ok(fixed.includes('[Summary of the change](#summary-of-the-change)'));
  });
});

test('garbage buffers get a finding or nothing, and the server answers the next request', async () => {
  await withServer([KEP], async (repo, client) => {
    const alive = async () => {
      const hover = await client.connection.sendRequest('textDocument/hover', {
        textDocument: { uri: fileUri(repo.file(KEP_YAML)) },
        position: { line: 0, character: 1 },
      });
      assert.equal(client.child.exitCode, null, `still running; stderr: ${client.stderr()}`);
      return hover;
    };
    // A binary buffer (NUL bytes, invalid sequences as the client decoded them).
    const yamlUri = fileUri(repo.file(KEP_YAML));
    const binary = client.nextPublication(yamlUri);
    client.open(yamlUri, `\u0000\u0001\ufffd\ufffdELF\u0000${'\u0000'.repeat(1000)}`);
    const encoding = (await binary).diagnostics.find((d) => d.code === 'io/encoding');
    assert.ok(encoding, 'a binary kep.yaml is an io/encoding finding, as on disk');
    await alive();

    // Over 5 MB: not parsed, one io/too-large finding, as a file that size.
    const readmeUri = fileUri(repo.file(README));
    const huge = client.nextPublication(
      readmeUri,
      (p) => p.diagnostics.some((d) => d.code === 'io/too-large'),
      60_000,
    );
    client.open(readmeUri, `# Big\n\n${'lorem ipsum dolor sit amet '.repeat(230_000)}\n`);
    await huge;
    await alive();
    const completions = await client.connection.sendRequest('textDocument/completion', {
      textDocument: { uri: readmeUri },
      position: { line: 2, character: 3 },
    });
    assert.deepEqual(completions, []);

    // Outside any repository: nothing, and no crash.
    const outside = mkdtempSync(path.join(tmpdir(), 'kepkit-outside-'));
    try {
      const uri = fileUri(path.join(outside, 'kep.yaml'));
      const nothing = client.nextPublication(uri);
      client.open(uri, 'status: implementd\n');
      assert.deepEqual((await nothing).diagnostics, []);
      const hover = await client.connection.sendRequest('textDocument/hover', {
        textDocument: { uri },
        position: { line: 0, character: 1 },
      });
      assert.equal(hover, null);
      // Inside the repository but outside the proposals root: nothing either.
      const rootFile = fileUri(repo.file('notes/kep.yaml'));
      const rootNothing = client.nextPublication(rootFile);
      client.open(rootFile, 'status: implementd\n');
      assert.deepEqual((await rootNothing).diagnostics, []);
      // A document that is no file at all.
      client.open('untitled:Untitled-1', '\u0000');
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
    await alive();

    // A request cancelled mid-way is answered or cancelled, and the next one still is.
    const pending = client.connection.sendRequest('textDocument/completion', {
      textDocument: { uri: yamlUri },
      position: { line: 0, character: 0 },
    });
    await client.connection.sendNotification('$/cancelRequest', { id: 1 });
    await pending.catch(() => undefined);
    await alive();
  });
});

test('a client that disconnects mid-request ends the server without a crash', async () => {
  const repo = corpusRepo([KEP]);
  const cacheDir = mkdtempSync(path.join(tmpdir(), 'kepkit-lsp-cache-'));
  try {
    const client = await startLsp(['--repo', repo.root], fileUri(repo.root), { KEPKIT_CACHE_DIR: cacheDir });
    const uri = fileUri(repo.file(KEP_YAML));
    const opened = client.nextPublication(uri);
    client.open(uri, repo.read(KEP_YAML));
    await opened;
    // Half a request, then the stream closes.
    client.child.stdin!.end(
      'Content-Length: 400\r\n\r\n{"jsonrpc":"2.0","id":99,"method":"textDocument/completion","params":{"textDo',
    );
    const exit = await client.exited;
    assert.ok(exit.code === 0 || exit.code === 1, `exit ${exit.code} (1: no shutdown first, as LSP says)`);
    assert.doesNotMatch(client.stderr(), /at .+\.js:\d+|unexpected error/, 'no stack trace');
    client.connection.dispose();
  } finally {
    repo.dispose();
    rmSync(cacheDir, { recursive: true, force: true });
  }
});

test('an approval file gets its findings, from the buffer and from its kep.yaml', async () => {
  await withServer([KEP], async (repo, client) => {
    const uri = fileUri(repo.file(PRR));
    const text = repo.read(PRR);
    const opened = client.nextPublication(uri);
    client.open(uri, text);
    assert.deepEqual((await opened).diagnostics, [], 'the corpus approval is clean');
    const stranger = text.replace('"@soltysh"', '"@nobody-at-all"');
    assert.notEqual(stranger, text);
    const reported = client.nextPublication(uri, (p) => p.diagnostics.some((d) => d.code === 'prr/approver'));
    client.change(uri, stranger);
    const approver = (await reported).diagnostics.find((d) => d.code === 'prr/approver')!;
    assert.equal(approver.range.start.line, 4, 'at the beta approver');
    assert.equal(approver.severity, 1, 'an error');
    const cleared = client.nextPublication(uri, (p) => p.diagnostics.length === 0);
    client.change(uri, text);
    await cleared;
  });
});

test('completion offers statuses, stages, groups, handles and milestones; hover says what a field means', async () => {
  await withServer([KEP], async (repo, client) => {
    const uri = fileUri(repo.file(KEP_YAML));
    const text = repo.read(KEP_YAML);
    client.open(uri, text);
    const lines = text.split('\n');
    const lineOf = (prefix: string) => lines.findIndex((line) => line.startsWith(prefix));
    const labels = async (line: number, character: number, target = uri) => {
      const items = (await client.connection.sendRequest('textDocument/completion', {
        textDocument: { uri: target },
        position: { line, character },
      })) as { label: string; textEdit: { newText: string; range: LspRange } }[];
      return items;
    };
    const status = await labels(lineOf('status: '), 'status: impl'.length);
    assert.deepEqual(
      status.map((item) => item.label),
      kubernetesProfile.metadata.statuses,
    );
    assert.ok(status.map((item) => item.label).includes('implementable'));
    // The completion replaces the whole value written so far.
    const line = lineOf('status: ');
    assert.deepEqual(status[0]!.textEdit.range, {
      start: { line, character: 'status: '.length },
      end: { line, character: lines[line]!.length },
    });
    assert.deepEqual(
      (await labels(lineOf('stage: '), 'stage: '.length)).map((item) => item.label),
      kubernetesProfile.metadata.stages,
    );
    const groups = (await labels(lineOf('owning-sig: '), 'owning-sig: '.length)).map((item) => item.label);
    assert.ok(groups.includes('sig-node') && groups.includes('sig-auth'), 'groups from sigs.yaml');
    const reviewer = lineOf('  - "@derekwaynecarr"');
    const handles = await labels(reviewer, '  - '.length);
    assert.ok(
      handles.some((item) => item.label === '@dchen1107' && item.textEdit.newText === '"@dchen1107"'),
      'a handle from OWNERS_ALIASES, quoted for YAML',
    );
    const milestones = (await labels(lineOf('latest-milestone: '), 'latest-milestone: '.length)).map(
      (item) => item.label,
    );
    assert.ok(
      milestones.includes('v1.37') && milestones.includes('v1.38'),
      `near the release: ${milestones}`,
    );
    const alpha = lines.findIndex((l) => l.startsWith('  alpha: '));
    assert.ok((await labels(alpha, '  alpha: '.length)).some((item) => item.label === 'v1.37'));

    const prrUri = fileUri(repo.file(PRR));
    client.open(prrUri, repo.read(PRR));
    const approvers = (await labels(2, '  approver: '.length, prrUri)).map((item) => item.label);
    assert.ok(approvers.includes('@deads2k') && approvers.includes('@johnbelamaric'), `${approvers}`);
    assert.ok(!approvers.includes('@dchen1107'), 'only PRR approvers in an approval file');

    const hover = (await client.connection.sendRequest('textDocument/hover', {
      textDocument: { uri },
      position: { line: lineOf('status: '), character: 2 },
    })) as { contents: { value: string } };
    assert.match(hover.contents.value, /\*\*status\*\*: Where the proposal stands/);
    assert.match(hover.contents.value, /`implementable`/);
  });
});

test('a one-file layout: front matter findings from the buffer are those kep lint reports once it is saved', async () => {
  const file = 'enhancements/agent-installer/agent-based-installer.md';
  const repo = openshiftRepo([file]);
  const cacheDir = mkdtempSync(path.join(tmpdir(), 'kepkit-lsp-cache-'));
  const client = await startLsp(['--repo', repo.root], fileUri(repo.root), { KEPKIT_CACHE_DIR: cacheDir });
  try {
    const uri = fileUri(repo.file(file));
    const text = repo.read(file);
    const opened = client.nextPublication(uri);
    client.open(uri, text);
    await opened;
    const edited = text.replace(
      'last-updated: 2022-03-14\n',
      'last-updated: 2022-03-14\nstatus: implementd\n',
    );
    assert.notEqual(edited, text);
    const reported = client.nextPublication(uri, (p) =>
      p.diagnostics.some((d) => d.code === 'metadata/status'),
    );
    client.change(uri, edited);
    const publication = await reported;
    const line = edited.split('\n').indexOf('status: implementd');
    const status = publication.diagnostics.find((d) => d.code === 'metadata/status')!;
    assert.deepEqual(status.range.start, { line, character: 'status: '.length });

    repo.write(file, edited);
    const lint = runKep(['lint', '--repo', repo.root, '--format', 'json', '--no-cache', file]);
    const expected = (
      JSON.parse(lint.stdout) as { file: string; rule: string; line: number; column: number }[]
    )
      .filter((d) => d.file === file)
      .map((d) => `${d.rule}@${d.line}:${d.column}`)
      .sort();
    assert.ok(expected.length > 1);
    assert.deepEqual(
      publication.diagnostics
        .map((d) => `${d.code}@${d.range.start.line + 1}:${d.range.start.character + 1}`)
        .sort(),
      expected,
    );
    const items = (await client.connection.sendRequest('textDocument/completion', {
      textDocument: { uri },
      position: { line, character: 'status: '.length },
    })) as { label: string }[];
    assert.ok(
      items.some((item) => item.label === 'informational'),
      'the openshift profile’s statuses',
    );
    const inMarkdown = await client.connection.sendRequest('textDocument/completion', {
      textDocument: { uri },
      position: { line: edited.split('\n').indexOf('# Agent-based Installer'), character: 2 },
    });
    assert.deepEqual(inMarkdown, [], 'nothing to complete past the front matter');
  } finally {
    await client.dispose();
    repo.dispose();
    rmSync(cacheDir, { recursive: true, force: true });
  }
});

test('kep lsp without --stdio is a usage error', () => {
  const run = runKep(['lsp']);
  assert.equal(run.status, 2);
  assert.match(run.stderr, /--stdio/);
});
