import type { Rule } from '../types.js';

export const missingReadmeRule: Rule = {
  id: 'layout/missing-readme',
  description: 'a proposal directory has kep.yaml but no README.md',
  rationale: 'The README is the proposal itself; metadata without it describes nothing reviewers can read.',
  severity: 'warning',
  check(proposal, facts) {
    if (proposal.readme || proposal.problems.some((problem) => problem.path === proposal.readmePath))
      return [];
    if (!proposal.metadataFile) return [];
    return [
      {
        file: proposal.metadataFile.file.path,
        line: 1,
        column: 1,
        message: `no ${facts.profile.layout.readmeFile} beside ${facts.profile.layout.metadataFile}`,
      },
    ];
  },
};
