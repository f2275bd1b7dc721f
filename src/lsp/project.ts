// The repository as the language server sees it: walked and its facts loaded once (again when files are saved
// or change on disk), and each proposal linted as `kep lint` lints it, with the editor's unsaved buffers read
// in place of the files (load's `planned` texts, as authoring checks a plan) and the same finishing: severities,
// inline suppressions, the repository-level rules for its paths, the baseline.
import path from 'node:path';
import { applyBaseline, type BaselineCounts, baselineScope } from '../lint/baseline.js';
import { finish } from '../lint/finish.js';
import { profileFingerprint } from '../lint/inputs.js';
import { checkOne } from '../lint/run.js';
import { effectiveSeverity } from '../lint/settings.js';
import {
  type TemplateHistorySource,
  type TemplateMode,
  templateHistoryFor,
  withTexts,
} from '../lint/template-history.js';
import type { LintOptions } from '../lint/types.js';
import { cacheDirFor } from '../load/cache.js';
import { isInside, readSource, realRoot } from '../load/files.js';
import { loadFacts, loadProposal, type RepositoryLayout, walkRepository } from '../load/index.js';
import { metadataPathOf, nameNumberOf } from '../load/layout.js';
import type { Diagnostic, RepositoryFacts } from '../model/index.js';
import { allRules } from '../rules/registry.js';
import type { Rule } from '../rules/types.js';

export interface ProjectOptions {
  /** The repository root (absolute). */
  root: string;
  /** The lint's options: profile, inputs, rule settings, release (as `kep lint` resolves them). */
  lint: LintOptions;
  /** The baseline's counts (`kep-baseline.json`), applied as `kep lint` applies them. */
  baseline?: BaselineCounts;
}

/** What `kep lsp` resolves: the project's options, and which template README rules judge by (as `kep lint`). */
export interface ProjectSetup extends ProjectOptions {
  template?: TemplateMode;
  templateSource?: () => Promise<TemplateHistorySource>;
}

/**
 * The options with the template history filled in (`--template history`, the default, reads git once, through
 * the same cache as `kep lint`), and the notices to show (a shallow clone, git missing).
 */
export async function withTemplateHistory(
  setup: ProjectSetup,
): Promise<{ options: ProjectOptions; notices: string[] }> {
  const { template, templateSource, ...options } = setup;
  const { root, lint } = options;
  const found = await templateHistoryFor(root, lint.profile, profileFingerprint(lint.profile), {
    mode: template ?? 'history',
    source: templateSource,
    cacheDir: cacheDirFor(root),
  });
  const notices = found.notice ? [found.notice] : [];
  if (!found.history || !templateSource) return { options, notices };
  const read = await withTexts(root, found.history, Object.keys(found.history.proposals), templateSource);
  if (read.notice) notices.push(read.notice);
  return { options: { ...options, lint: { ...lint, templateHistory: read.history } }, notices };
}

/** What a repo-relative path is to the process. */
export type Ownership =
  | { kind: 'proposal'; dir: string }
  /** Under the proposals root (or the repository) but no proposal's: only repository-level rules apply. */
  | { kind: 'repository' };

export class Project {
  readonly root: string;
  readonly options: ProjectOptions;
  layout!: RepositoryLayout;
  facts!: RepositoryFacts;
  private proposals!: Set<string>;
  private byNumber: Map<number, string[]> | undefined;
  private readonly rules: readonly Rule[];

  constructor(options: ProjectOptions) {
    this.root = options.root;
    this.options = options;
    this.rules = allRules.filter((rule) => effectiveSeverity(rule, options.lint) !== null);
    this.reload();
  }

  /** Walk the repository and load its facts again (groups, approvers, template, file list). */
  reload(): void {
    this.layout = walkRepository(this.root, this.options.lint.profile);
    this.facts = loadFacts(this.root, this.layout, this.options.lint);
    this.proposals = new Set(this.layout.proposalDirs);
    this.byNumber = undefined;
  }

  /** The repo-relative path (with `/`) of an absolute path, or undefined when it is outside the repository. */
  repoPath(absolute: string): string | undefined {
    const resolved = path.resolve(absolute);
    for (const base of new Set([path.resolve(this.root), realRoot(this.root)])) {
      if (!isInside(base, resolved) || resolved === base) continue;
      return path.relative(base, resolved).split(path.sep).join('/');
    }
    return undefined;
  }

  /**
   * Which proposal a file belongs to: the proposal whose directory (or, in a one-file layout, whose file) holds
   * it, the proposal whose approval file it is (as its metadata, buffers included, names that file), or a new
   * proposal whose metadata file exists only in a buffer.
   */
  ownerOf(file: string, planned: ReadonlyMap<string, string>): Ownership {
    for (let cut = file.length; cut > 0; cut = file.lastIndexOf('/', cut - 1)) {
      const key = file.slice(0, cut);
      if (this.proposals.has(key)) return { kind: 'proposal', dir: key };
    }
    const { layout } = this.options.lint.profile;
    if (layout.prrDir && file.startsWith(`${layout.prrDir}/`)) {
      const number = Number(/(\d+)[^/]*$/.exec(file)?.[1] ?? Number.NaN);
      for (const dir of this.numbered().get(number) ?? []) {
        const proposal = loadProposal(this.facts, dir, { planned, readme: 'skip' });
        if (proposal.prrPath === file) return { kind: 'proposal', dir };
      }
      return { kind: 'repository' };
    }
    // A metadata file not on disk yet (a proposal being written): its directory is a proposal.
    if (layout.kind !== 'file' && file.startsWith(`${layout.proposalsRoot}/`)) {
      const dir = file.slice(0, file.lastIndexOf('/'));
      if (file === metadataPathOf(layout, dir) && planned.has(file)) return { kind: 'proposal', dir };
    }
    return { kind: 'repository' };
  }

  /** Proposals by the number in their names (for finding the owner of an approval file). */
  private numbered(): Map<number, string[]> {
    if (this.byNumber) return this.byNumber;
    const { layout } = this.options.lint.profile;
    this.byNumber = new Map();
    for (const dir of this.layout.proposalDirs) {
      let number = nameNumberOf(layout, dir);
      if (number === null && layout.number.from === 'field') number = this.fieldNumber(dir);
      if (number === null) continue;
      this.byNumber.set(number, [...(this.byNumber.get(number) ?? []), dir]);
    }
    return this.byNumber;
  }

  private fieldNumber(dir: string): number | null {
    const read = readSource(this.root, metadataPathOf(this.options.lint.profile.layout, dir));
    if (!read.ok) return null;
    const key = this.options.lint.profile.metadata.keys.number;
    const match = new RegExp(`^${key}:\\s*["']?(\\d+)`, 'm').exec(read.file.text);
    return match ? Number(match[1]) : null;
  }

  /**
   * The findings `kep lint` would report for a proposal if the buffers were saved (all of its files), or, for
   * a file that is no proposal's, the repository-level findings about it.
   */
  diagnose(owner: Ownership, file: string, planned: ReadonlyMap<string, string>): Diagnostic[] {
    const { lint } = this.options;
    if (owner.kind === 'repository') {
      const result = finish(this.layout, this.facts, [], { ...lint, paths: [file] });
      return this.withBaseline(result, [file]);
    }
    const { dir } = owner;
    if (this.layout.lintIgnored?.has(dir)) return [];
    let facts = this.facts;
    if (!this.proposals.has(dir)) {
      // A proposal only a buffer holds: known to the rules as authoring makes a new one known.
      const files = [...planned.keys()].filter((key) => key.startsWith(`${dir}/`));
      facts = {
        ...facts,
        files: new Set([...facts.files, ...files]),
        proposalDirs: new Set([...facts.proposalDirs, dir]),
      };
    }
    const { result } = checkOne(facts, dir, this.rules, { planned });
    return this.withBaseline(finish(this.layout, facts, [result], { ...lint, paths: [dir] }), [dir]);
  }

  private withBaseline(result: ReturnType<typeof finish>, paths: string[]): Diagnostic[] {
    const { baseline } = this.options;
    if (!baseline) return result.diagnostics;
    return applyBaseline(result, baseline, baselineScope({ ...this.options.lint, paths })).result.diagnostics;
  }
}
