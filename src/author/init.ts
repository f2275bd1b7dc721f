// `kep init`: a new enhancements repository for a profile — the config file naming the profile, the
// template, the groups file, and an example proposal written by `kep create`'s own plan — so that a project
// can adopt the process from nothing. Built in a scratch directory, returned as new files to write.
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ProcessProfile } from '../model/index.js';
import { planCreate } from './create.js';
import { AuthorError } from './errors.js';
import { newFile, type PlannedFile } from './plan.js';
import { openWorkspace } from './workspace.js';

/** Templates kepkit ships for built-in profiles: profiles/templates/<name>/, files named as in a repository. */
const SHIPPED = fileURLToPath(new URL('../../profiles/templates/', import.meta.url));

export interface InitOptions {
  /** How kep.config.json names the profile: a built-in's name, or a profile file's path. */
  profileRef: string;
  today?: string;
}

/** The files of a new repository for the profile (none of which may exist yet in `root`). */
export function planInit(root: string, profile: ProcessProfile, options: InitOptions): PlannedFile[] {
  const files = new Map<string, string>();
  files.set('kep.config.json', `${JSON.stringify({ profile: options.profileRef }, null, 2)}\n`);
  for (const [file, text] of templateFiles(profile)) files.set(file, text);
  const group = 'sig-example';
  if (!profile.groups.names && !profile.groups.fromDirectories && profile.groups.candidates[0]) {
    const candidate = profile.groups.candidates.find((file) => !file.startsWith('..'));
    if (candidate) files.set(candidate, `# The groups that own proposals.\nsigs:\n  - dir: ${group}\n`);
  }
  if (profile.toc) files.set(profile.toc.skipListFile, '');
  if (profile.layout.lintIgnoreFile) files.set(profile.layout.lintIgnoreFile, '');
  for (const file of files.keys())
    if (existsSync(path.join(root, file)))
      throw new AuthorError(`${file} already exists in ${root}; not initialised`);

  // The example proposal is planned on the skeleton as `kep create` would plan it.
  const scratch = mkdtempSync(path.join(tmpdir(), 'kepkit-init-'));
  try {
    for (const [file, text] of files) {
      mkdirSync(path.dirname(path.join(scratch, file)), { recursive: true });
      writeFileSync(path.join(scratch, file), text);
    }
    mkdirSync(path.join(scratch, profile.layout.proposalsRoot), { recursive: true });
    const ws = openWorkspace(scratch, { profile, ...(options.today ? { today: options.today } : {}) });
    const groupDir = profile.groups.names?.[0] ?? group;
    const plan = planCreate(ws, {
      number: '1',
      name: 'example-proposal',
      group: groupDir,
      title: 'Example proposal',
      authors: ['@your-handle'],
      approvers: ['@your-handle'],
      release: 'v1.0',
    });
    for (const file of plan.files) files.set(file.path, file.after);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  return [...files].map(([file, text]) => newFile(file, text));
}

/** The template: the one kepkit ships for the profile, else a plain one made from the profile's fields. */
function templateFiles(profile: ProcessProfile): [string, string][] {
  const shipped = path.join(SHIPPED, profile.name);
  const { layout } = profile;
  const templateDir = path.posix.dirname(profile.template);
  if (existsSync(shipped) && layout.kind === 'directory') {
    return readdirSync(shipped).map((file) => [
      `${templateDir}/${file}`,
      readFileSync(path.join(shipped, file), 'utf8'),
    ]);
  }
  const { keys } = profile.metadata;
  const front = Object.entries(profile.metadata.fields)
    .filter(([, spec]) => spec.type === 'text' || spec.type === 'list')
    .filter(([name]) => Object.values(keys).includes(name))
    .map(([name, spec]) => (spec.type === 'list' ? `${name}: []` : `${name}: TBD`))
    .join('\n');
  const body = '# Title\n\n## Summary\n\n## Motivation\n\n## Proposal\n\n## Alternatives\n';
  if (layout.kind === 'file') return [[profile.template, `---\n${front}\n---\n\n${body}`]];
  // A directory layout names its template's text; the metadata file beside it is the example to copy.
  return [
    [profile.template, body],
    [`${templateDir}/${layout.metadataFile}`, `${front}\n`],
  ];
}
