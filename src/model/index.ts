export * from './diagnostic.js';
export * from './document.js';
export * from './escape.js';
export * from './milestone.js';
export * from './profile.js';
export * from './proposal.js';
export * from './repository.js';
export * from './source.js';
