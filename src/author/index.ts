// Authoring: plans of edits (create, promote, set, migrate, init) as pure functions of a loaded repository
// and the user's inputs, linted before they are written, written through the one atomic helper.
export { checkPlan, type PlanCheck } from './check.js';
export {
  type CreateField,
  type CreateInput,
  flagOf,
  inputProblem,
  planCreate,
  proposalShape,
  requiredInputs,
} from './create.js';
export { AuthorError } from './errors.js';
export { type InitOptions, planInit } from './init.js';
export { planMigrations } from './migrate.js';
export { changes, type Plan, type PlannedFile, writePlan } from './plan.js';
export { type PromoteInput, planPromote } from './promote.js';
export { type Assignment, listValues, parseAssignment, planSet, type SetOptions } from './set.js';
export {
  type AuthorOptions,
  findProposal,
  openWorkspace,
  proposalKeys,
  type Workspace,
} from './workspace.js';
export { YamlEditError, YamlEditor } from './yaml-edit.js';
