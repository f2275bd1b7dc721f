export * from './diagnostic.js';
export * from './document.js';
export * from './proposal.js';
export * from './profile.js';
export * from './repository.js';
export * from './source.js';
export * from './milestone.js';
