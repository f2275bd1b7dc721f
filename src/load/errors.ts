/** A failure to load an input the run cannot do without (a bad config, an unreadable groups file): file and reason. */
export class LoadError extends Error {}
