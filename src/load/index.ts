export { hashBytes, MAX_FILE_BYTES, readSource } from './files.js';
export { LoadError } from './facts.js';
export { parseMarkdown } from './markdown.js';
export { loadProposal, numberFromDirName } from './proposal.js';
export { latestRelease, type LoadOptions, loadFacts, loadRepository } from './repository.js';
export { walkRepository, type RepositoryLayout } from './walk.js';
export { parseYaml } from './yaml.js';
export { CONFIG_FILE, type KepConfig, loadConfig } from './config.js';
