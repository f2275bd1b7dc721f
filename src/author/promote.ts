// `kep promote N --stage S`: stage, latest-milestone, milestone.<stage>, status (implementable when it was
// provisional) and last-updated where the file has one; nothing else. The stage's PRR approver is added to
// the approval file, which is made when there is none.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { metadataPathOf } from '../load/layout.js';
import { prrPathOf } from '../load/paths.js';
import { MILESTONE_FORMAT } from '../model/index.js';
import { AuthorError } from './errors.js';
import { editing, metadataText } from './fields.js';
import { changedFile, newFile, type Plan, type PlannedFile } from './plan.js';
import { findProposal, readForEdit, type Workspace } from './workspace.js';
import { YamlEditError, YamlEditor } from './yaml-edit.js';

export interface PromoteInput {
  stage: string;
  /** The release of the move (default: the repository's current release). */
  release?: string;
  prrApprover?: string;
  /** Allow a move back (beta → alpha) and values outside the profile's vocabulary. */
  force?: boolean;
}

export function planPromote(ws: Workspace, ref: string, input: PromoteInput): Plan {
  const { profile } = ws.options;
  const { keys, stages, stageOrder, statuses } = profile.metadata;
  if (!keys.stage)
    throw new AuthorError(
      `the ${profile.name} profile has no stage field (metadata.keys.stage); nothing to promote`,
    );
  if (!stages.includes(input.stage))
    throw new AuthorError(
      `--stage ${input.stage}: not a stage of the ${profile.name} profile (${stages.join(', ')})`,
    );
  const release = input.release ?? ws.facts.release;
  if (keys.latestMilestone && release === undefined)
    throw new AuthorError('no current release found in the repository: pass --release vX.Y');
  if (release !== undefined && !MILESTONE_FORMAT.test(release))
    throw new AuthorError(`--release ${release}: not a milestone (vMAJOR.MINOR, e.g. v1.37)`);
  if (input.prrApprover && !/^@?[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?$/.test(input.prrApprover))
    throw new AuthorError(`--prr-approver ${input.prrApprover}: not a GitHub handle (@name)`);

  const key = findProposal(ws, ref);
  const file = metadataPathOf(profile.layout, key);
  const read = readForEdit(ws, file);
  const metadata = metadataText(ws, key, read.text);
  const { editor } = metadata;
  const current = editor.get([keys.stage]);
  const from = typeof current === 'string' ? stageOrder.indexOf(current) : -1;
  const to = stageOrder.indexOf(input.stage);
  if (!input.force && from !== -1 && to !== -1 && to < from)
    throw new AuthorError(
      `${file}: ${keys.stage} is ${current}; ${input.stage} would be a move back (--force does it anyway)`,
    );
  editing(file, () => {
    editor.setScalar([keys.stage], input.stage);
    if (keys.latestMilestone && release) editor.setScalar([keys.latestMilestone], release);
    if (keys.milestones && release) editor.setScalar([keys.milestones, input.stage], release);
    if (keys.status && editor.get([keys.status]) === 'provisional' && statuses.includes('implementable'))
      editor.setScalar([keys.status], 'implementable');
    if (keys.lastUpdated && editor.has([keys.lastUpdated])) editor.setScalar([keys.lastUpdated], ws.today);
  });
  const files: PlannedFile[] = [changedFile(file, read, metadata.result())];
  const metadataFiles = [file];
  if (input.prrApprover) {
    const prr = prrFile(ws, editor, input.stage, input.prrApprover);
    files.push(prr);
    metadataFiles.push(prr.path);
  }
  return { proposal: key, files, metadataFiles };
}

/** The approval file with the stage's approver: added to the file there is, or a new file. */
function prrFile(ws: Workspace, metadata: YamlEditor, stage: string, approver: string): PlannedFile {
  const { profile } = ws.options;
  if (!profile.prr || !profile.layout.prrDir)
    throw new AuthorError(
      `the ${profile.name} profile has no PRR approval files; --prr-approver does not apply`,
    );
  const numberField = profile.prr.numberField ?? 'kep-number';
  const approverField = profile.prr.approverField ?? 'approver';
  const group = metadata.get([profile.metadata.keys.owningGroup]);
  const number = metadata.get([profile.metadata.keys.number]);
  const prrPath = prrPathOf(
    profile.layout,
    group,
    typeof number === 'number' ? String(number) : number,
    profile.prr.path,
  );
  if (!prrPath)
    throw new AuthorError('the proposal has no plain owning group and number; no PRR file can be named');
  const handle = approver.startsWith('@') ? approver : `@${approver}`;
  if (!existsSync(path.join(ws.root, prrPath)))
    return newFile(
      prrPath,
      `${numberField}: ${String(number)}\n${stage}:\n  ${approverField}: "${handle}"\n`,
    );
  const read = readForEdit(ws, prrPath);
  try {
    const editor = new YamlEditor(read.text);
    editor.setScalar([stage, approverField], handle);
    return changedFile(prrPath, read, editor.apply());
  } catch (error) {
    if (error instanceof YamlEditError) throw new AuthorError(`${prrPath}:${error.message}; not edited`);
    throw error;
  }
}
