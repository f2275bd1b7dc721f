/**
 * Remember the value computed for the last key only. The engine runs every rule on one proposal before
 * the next, so derived data of the current README is all a cache needs to hold; a WeakMap over every
 * README measured slower than recomputing (its entries cost the garbage collector on every pass).
 */
export function lastOf<K extends object, V>(compute: (key: K) => V): (key: K) => V {
  let lastKey: K | undefined;
  let lastValue: V | undefined;
  return (key) => {
    if (key !== lastKey) {
      lastValue = compute(key);
      lastKey = key;
    }
    return lastValue as V;
  };
}
