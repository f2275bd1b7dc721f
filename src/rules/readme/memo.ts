import type { MarkdownDocument } from '../../model/index.js';

/**
 * Remember what `compute` derives from a README on the document itself, so that the rules of one proposal
 * share it and it goes when the proposal does. A cache beside the documents would keep the last README alive
 * past its proposal (a one-slot cache) or cost the garbage collector on every pass (a WeakMap): both
 * measured slower on the corpus, the first because the retained README is copied by every young-generation
 * collection until it is promoted.
 */
export function perDocument<V>(compute: (doc: MarkdownDocument) => V): (doc: MarkdownDocument) => V {
  const slot = Symbol('derived');
  return (doc) => {
    const holder = doc as unknown as Record<symbol, V | undefined>;
    let value = holder[slot];
    if (value === undefined) {
      value = compute(doc);
      holder[slot] = value;
    }
    return value;
  };
}
