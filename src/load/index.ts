export { CONFIG_FILE, type KepConfig, loadConfig } from './config.js';
export { LoadError } from './facts.js';
export { hashBytes, MAX_FILE_BYTES, readSource } from './files.js';
export { parseMarkdown } from './markdown.js';
export { loadProposal, numberFromDirName, type ProposalLoadOptions } from './proposal.js';
export { type LoadOptions, latestRelease, loadFacts, loadRepository } from './repository.js';
export { type RepositoryLayout, walkRepository } from './walk.js';
export { parseYaml } from './yaml.js';
