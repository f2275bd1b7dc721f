export { formatGithub } from './github.js';
export { formatJson } from './json.js';
export { formatSarif, type SarifRuleInfo } from './sarif.js';
export { formatStylish, summaryLine } from './stylish.js';
