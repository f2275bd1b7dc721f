import type { MarkdownDocument } from '../../model/index.js';

/**
 * Remember what `compute` derives from a README in the document's own `derived` slot, so that the rules of
 * one proposal share it and it goes when the proposal does. A cache beside the documents would keep the last
 * README alive past its proposal (a one-slot cache) or cost the garbage collector on every pass (a WeakMap);
 * properties added to the document would give documents different shapes and deoptimise the rules.
 */
export function perDocument<V>(compute: (doc: MarkdownDocument) => V): (doc: MarkdownDocument) => V {
  const slot = Symbol('derived');
  return (doc) => {
    let value = doc.derived.get(slot) as V | undefined;
    if (value === undefined) {
      value = compute(doc);
      doc.derived.set(slot, value);
    }
    return value;
  };
}
