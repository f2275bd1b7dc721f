// Which shards of a built site's full-text index a query is searched in, so that the merged shards answer as
// one index of every proposal would (see fulltext-pagefind.ts). Pagefind matches a query term with the indexed
// words that start with it; when an index has none, it matches the longest indexed word that the term starts
// with instead ("rootless" → "root"). Per shard, that turns a rare word into unrelated hits from every shard
// that lacks it. So, for each term: the shards with a word that starts with it; if no shard has one, the
// shards with the longest such prefix among all shards (what one index would match). Pure functions: the page
// fetches the word lists (`pagefind/words/<first character>.json`) and stems with the same algorithm as
// Pagefind (Snowball English).

/**
 * A query Pagefind runs as an exact phrase: no word is extended or shortened, every shard is searched.
 * @param {string} query
 */
export const isExactQuery = (query) => /^\s*".+"\s*$/.test(query);

/**
 * The query's terms as Pagefind makes them before stemming: lower case, punctuation dropped, split at spaces.
 * @param {string} query
 * @returns {string[]}
 */
export function pagefindTerms(query) {
  return query
    .toLowerCase()
    .replace(/[\p{Pd}\p{Pe}\p{Pf}\p{Pi}\p{Po}\p{Ps}]/gu, '')
    .split(/\s+/)
    .filter((term) => term !== '');
}

/**
 * The word list a word is in: its first character when a–z or 0–9, else `other`.
 * @param {string} word
 * @returns {string}
 */
export const wordListOf = (word) => (/^[a-z0-9]/.test(word) ? word[0] : 'other');

/**
 * Index of the first word ≥ `word` in the sorted `words`.
 * @param {string[]} words
 * @param {string} word
 */
function lowerBound(words, word) {
  let low = 0;
  let high = words.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (words[middle] < word) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** @param {string[]} words @param {string} word */
const hasWord = (words, word) => words[lowerBound(words, word)] === word;
/** @param {string[]} words @param {string} prefix */
const hasWordStartingWith = (words, prefix) => words[lowerBound(words, prefix)]?.startsWith(prefix) ?? false;

/**
 * The shards whose hits for one stemmed term are those of a single index: see the file's comment.
 * @param {string} stem
 * @param {Record<string, string[]>} wordsByShard
 * @returns {Set<string>}
 */
export function shardsForStem(stem, wordsByShard) {
  const shards = Object.keys(wordsByShard);
  const extending = shards.filter((shard) => hasWordStartingWith(wordsByShard[shard], stem));
  if (extending.length > 0) return new Set(extending);
  for (let length = stem.length - 1; length > 0; length--) {
    const prefix = stem.slice(0, length);
    const holding = shards.filter((shard) => hasWord(wordsByShard[shard], prefix));
    if (holding.length > 0) return new Set(holding);
  }
  return new Set();
}

/**
 * The shards to search for a query's stemmed terms (`wordLists`: list name → {shard → sorted words}): those
 * each term allows. `all` when every shard may answer.
 * @param {string[]} stems
 * @param {Map<string, Record<string, string[]>>} wordLists
 * @param {string[]} all
 * @returns {Set<string>}
 */
export function shardsForStems(stems, wordLists, all) {
  let allowed = new Set(all);
  for (const stem of stems) {
    if (stem === '') continue;
    const forStem = shardsForStem(stem, wordLists.get(wordListOf(stem)) ?? {});
    allowed = new Set([...allowed].filter((shard) => forStem.has(shard)));
  }
  return allowed;
}
