// The search box of every page, as it runs in the browser. On first focus it loads MiniSearch (served beside
// this file) and api/list.json, and from then on ranks titles and metadata at each keystroke; the full text
// comes from `kep serve`'s api/search when the page names that endpoint, else from the built site's Pagefind
// index. Repository text is only ever put in text nodes: matches are <mark> elements made here, never HTML.
// Timings are recorded as performance measures `kep-search:metadata` and `kep-search:fulltext`.

const meta = (name) => document.querySelector(`meta[name="${name}"]`)?.getAttribute('content') ?? undefined;
const base = meta('kep-site-base') ?? '/';
const endpoint = meta('kep-search-endpoint');
const MAX_QUERY_LENGTH = 200;
const METADATA_HITS = 8;
const FULLTEXT_HITS = 10;
const FULLTEXT_DELAY_MS = 120;

const words = (text) => text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];

let metadataIndex;
/** MiniSearch over every proposal's title, number, groups, people, status and stage (loaded once). */
function loadMetadataIndex() {
  metadataIndex ??= (async () => {
    const [{ default: MiniSearch }, response] = await Promise.all([
      import('./minisearch.js'),
      fetch(`${base}api/list.json`),
    ]);
    if (!response.ok) throw new Error(`api/list.json: ${response.status}`);
    const { proposals } = await response.json();
    const index = new MiniSearch({
      fields: ['number', 'title', 'groups', 'people', 'state'],
      idField: 'key',
      tokenize: words,
      extractField: (document, field) => {
        switch (field) {
          case 'number':
            return document.number === null ? document.id : String(document.number);
          case 'groups':
            return [document.owningGroup, ...document.participatingGroups].join(' ');
          case 'people':
            return [...document.authors, ...document.approvers, ...document.prrApprovers].join(' ');
          case 'state':
            return [document.status, document.stage, document.latestMilestone].join(' ');
          default:
            return document[field];
        }
      },
      searchOptions: {
        boost: { number: 5, title: 3, groups: 1.5, people: 1.5 },
        prefix: true,
        fuzzy: (term) => (term.length >= 5 ? 0.2 : false),
        combineWith: 'AND',
      },
    });
    // A duplicated id is two rows of the list: key them by position.
    index.addAll(proposals.map((document, key) => ({ ...document, key })));
    return { index, proposals };
  })();
  return metadataIndex;
}

let pagefind;
/**
 * The built site's Pagefind: `pagefind/shards.json` below the base lists its shards (one index each, the first
 * holding Pagefind's script) and the filter that names a record's shard; the other shards are merged into the
 * first. Null when the site has no proposals.
 */
function loadPagefind() {
  pagefind ??= (async () => {
    const response = await fetch(`${base}pagefind/shards.json`);
    if (!response.ok) throw new Error(`pagefind/shards.json: ${response.status}`);
    const { shards, filter } = await response.json();
    if (!Array.isArray(shards) || !shards.every((shard) => /^\d{2}-of-\d{2}$/.test(shard)))
      throw new Error('pagefind/shards.json: not a list of shards');
    if (shards.length === 0) return null;
    const [first, ...others] = shards;
    const module = await import(`${base}pagefind/${first}/pagefind.js`);
    await module.init();
    await Promise.all(others.map((shard) => module.mergeIndex(`${base}pagefind/${shard}/`)));
    return { module, shards, filter: String(filter) };
  })();
  return pagefind;
}

const wordLists = new Map();
/** `pagefind/words/<name>.json`: each shard's indexed words of one first character (loaded once each). */
function loadWordList(name) {
  let list = wordLists.get(name);
  if (!list) {
    list = fetch(`${base}pagefind/words/${name}.json`).then(async (response) => {
      if (response.status === 404) return {};
      if (!response.ok) throw new Error(`pagefind/words/${name}.json: ${response.status}`);
      return (await response.json()).shards ?? {};
    });
    wordLists.set(name, list);
  }
  return list;
}

/** The scripts that choose the shards a query is searched in (see pagefind-shards.js), loaded once. */
const loadShardChoice = () =>
  Promise.all([import('./pagefind-shards.js'), import('./porter2.js')]).then(([choice, { stem }]) => ({
    ...choice,
    stem,
  }));
let shardChoice;

/** While the query is typed: the index chunks its words need, fetched before the (delayed) search asks. */
async function preloadPagefind(query) {
  const loaded = await loadPagefind();
  if (loaded !== null) await loaded.module.preload(query);
}

/** Pagefind's search over the shards that answer `query` as one index would (see pagefind-shards.js). */
async function searchPagefind(query) {
  const loaded = await loadPagefind();
  if (loaded === null) return [];
  const { module, shards, filter } = loaded;
  if (shards.length === 1) return (await module.search(query)).results;
  shardChoice ??= loadShardChoice();
  const { isExactQuery, pagefindTerms, shardsForStems, stem, wordListOf } = await shardChoice;
  if (isExactQuery(query)) return (await module.search(query)).results;
  const stems = pagefindTerms(query).map((term) => stem(term));
  const names = [...new Set(stems.filter((word) => word !== '').map(wordListOf))];
  const lists = new Map(await Promise.all(names.map(async (name) => [name, await loadWordList(name)])));
  const allowed = shardsForStems(stems, lists, shards);
  if (allowed.size === 0) return [];
  const options = allowed.size === shards.length ? {} : { filters: { [filter]: { any: [...allowed] } } };
  return (await module.search(query, options)).results;
}

let fullTextCalls = 0;
/** Full-text hits: [{id, title, url, excerpt, highlights: [[start, end]…]}], best first. */
async function searchFullText(query, proposals) {
  const started = performance.now();
  const first = fullTextCalls++ === 0;
  let hits;
  if (endpoint) {
    const response = await fetch(`${endpoint}?q=${encodeURIComponent(query)}`);
    if (!response.ok) throw new Error(`search: ${response.status}`);
    hits = (await response.json()).results.slice(0, FULLTEXT_HITS);
  } else {
    const results = await searchPagefind(query);
    const urls = new Map(proposals.map((document) => [document.id, document.url]));
    const data = await Promise.all(results.slice(0, FULLTEXT_HITS).map((result) => result.data()));
    hits = data.map((page) => ({
      id: page.meta.id,
      title: page.meta.title,
      url: urls.get(page.meta.id) ?? page.url,
      ...fromMarkedExcerpt(page.excerpt),
    }));
  }
  performance.measure('kep-search:fulltext', { start: started, detail: { query, first } });
  return hits;
}

const ENTITIES = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", '#39': "'", '#x27': "'" };
const decodeEntities = (text) =>
  text.replace(/&(amp|lt|gt|quot|apos|#39|#x27);/g, (_, name) => ENTITIES[name]);

/** Pagefind's excerpt (escaped text with <mark> around matches) as plain text and offsets: no HTML kept. */
function fromMarkedExcerpt(excerpt) {
  let text = '';
  const highlights = [];
  let open;
  for (const part of String(excerpt ?? '').split(/(<\/?mark>)/)) {
    if (part === '<mark>') open = text.length;
    else if (part === '</mark>') {
      if (open !== undefined && text.length > open) highlights.push([open, text.length]);
      open = undefined;
    } else text += decodeEntities(part.replace(/<[^>]{0,100}>/g, ''));
  }
  return { excerpt: text, highlights };
}

/** Offsets of the words in `text` that a query term matches (a hit term, or a prefix of the last query term). */
function wordHighlights(text, terms, lastQueryTerm) {
  const highlights = [];
  for (const match of text.matchAll(/[\p{L}\p{N}]+/gu)) {
    const word = match[0].toLowerCase();
    if (terms.has(word) || (lastQueryTerm && word.startsWith(lastQueryTerm)))
      highlights.push([match.index, match.index + match[0].length]);
  }
  return highlights;
}

/** Text with <mark> around the given [start, end) ranges, as DOM nodes (text nodes only for the text). */
function marked(text, highlights) {
  const fragment = document.createDocumentFragment();
  let at = 0;
  for (const [start, end] of [...highlights].sort((a, b) => a[0] - b[0])) {
    if (start < at || end > text.length) continue;
    fragment.append(document.createTextNode(text.slice(at, start)));
    const mark = document.createElement('mark');
    mark.textContent = text.slice(start, end);
    fragment.append(mark);
    at = end;
  }
  fragment.append(document.createTextNode(text.slice(at)));
  return fragment;
}

function element(tag, className, ...children) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  node.append(...children);
  return node;
}

/** Where results are shown: the header's panel, or the search page's main area. */
function resultsView(container) {
  container.replaceChildren();
  const status = element('p', 'search-status');
  status.setAttribute('role', 'status');
  const metadataHeading = element('h2', 'search-heading', 'Titles and metadata');
  const metadataList = element('ol', 'search-hits');
  metadataList.dataset.kind = 'metadata';
  const fullTextHeading = element('h2', 'search-heading', 'Full text');
  const fullTextList = element('ol', 'search-hits');
  fullTextList.dataset.kind = 'fulltext';
  container.append(status, metadataHeading, metadataList, fullTextHeading, fullTextList);
  let generation = 0;
  let timer;
  let metadataCount = 0;
  let fullTextState = '';

  const announce = (query) => {
    const found = `${metadataCount} proposal${metadataCount === 1 ? '' : 's'} by title and metadata`;
    status.textContent = query ? `${found}${fullTextState ? `; ${fullTextState}` : ''}.` : '';
  };

  const renderMetadata = (query, results, proposals) => {
    const lastTerm = words(query).at(-1);
    metadataList.replaceChildren(
      ...results.slice(0, METADATA_HITS).map((result) => {
        const document = proposals[result.id];
        const terms = new Set(result.terms);
        const number = document.number === null ? document.id : `KEP-${document.number}`;
        const link = element(
          'a',
          'search-hit-title',
          element('span', 'search-hit-number', marked(number, wordHighlights(number, terms, lastTerm))),
          ' ',
          marked(document.title, wordHighlights(document.title, terms, lastTerm)),
        );
        link.href = document.url;
        const facts = [document.owningGroup, document.status, document.stage, document.latestMilestone]
          .filter(Boolean)
          .join(' · ');
        return element('li', undefined, link, element('span', 'search-hit-facts muted', facts));
      }),
    );
    metadataHeading.hidden = metadataList.children.length === 0;
    metadataCount = results.length;
  };

  const renderFullText = (hits) => {
    fullTextList.replaceChildren(
      ...hits.map((hit) => {
        const link = element('a', 'search-hit-title', hit.title);
        link.href = hit.url;
        return element(
          'li',
          undefined,
          link,
          element('p', 'search-excerpt', marked(hit.excerpt, hit.highlights)),
        );
      }),
    );
    fullTextHeading.hidden = hits.length === 0;
  };

  return {
    async search(query) {
      const current = ++generation;
      clearTimeout(timer);
      query = query.slice(0, MAX_QUERY_LENGTH);
      if (words(query).length === 0) {
        metadataList.replaceChildren();
        fullTextList.replaceChildren();
        metadataHeading.hidden = fullTextHeading.hidden = true;
        metadataCount = 0;
        fullTextState = '';
        announce('');
        return;
      }
      const { index, proposals } = await loadMetadataIndex();
      if (current !== generation) return;
      const started = performance.now();
      const results = index.search(query);
      renderMetadata(query, results, proposals);
      performance.measure('kep-search:metadata', { start: started, detail: { query } });
      if (!endpoint) void preloadPagefind(query).catch(() => {});
      fullTextState = 'searching the full text';
      announce(query);
      timer = setTimeout(async () => {
        try {
          const hits = await searchFullText(query, proposals);
          if (current !== generation) return;
          renderFullText(hits);
          fullTextState = `${hits.length}${hits.length === FULLTEXT_HITS ? ' or more' : ''} in the full text`;
        } catch (error) {
          if (current !== generation) return;
          renderFullText([]);
          fullTextState = 'the full text cannot be searched here';
          console.warn(`kep search: ${error.message}`);
        }
        announce(query);
      }, FULLTEXT_DELAY_MS);
    },
  };
}

const input = document.getElementById('site-search-input');
const panel = document.getElementById('site-search-panel');
const pageResults = document.getElementById('search-page-results');

if (input && pageResults) {
  // The search page: results of ?q= in the page itself; typing in the box updates them and the URL.
  const view = resultsView(pageResults);
  const query = new URLSearchParams(location.search).get('q') ?? '';
  input.value = query;
  void view.search(query);
  input.addEventListener('input', () => {
    const url = new URL(location.href);
    url.searchParams.set('q', input.value);
    history.replaceState(null, '', url);
    void view.search(input.value);
  });
} else if (input && panel) {
  const view = resultsView(panel);
  // Load on first focus, before the first keystroke: the metadata index, and the built site's Pagefind.
  input.addEventListener(
    'focus',
    () => {
      void loadMetadataIndex().catch(() => {});
      if (!endpoint) {
        void loadPagefind().catch(() => {});
        shardChoice ??= loadShardChoice();
        shardChoice.catch(() => {});
      }
    },
    { once: true },
  );
  input.addEventListener('input', () => {
    panel.hidden = words(input.value).length === 0;
    void view.search(input.value);
  });
  const links = () => [...panel.querySelectorAll('a')];
  input.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') panel.hidden = true;
    if (event.key === 'ArrowDown' && !panel.hidden) {
      event.preventDefault();
      links()[0]?.focus();
    }
  });
  panel.addEventListener('keydown', (event) => {
    const all = links();
    const at = all.indexOf(document.activeElement);
    if (event.key === 'Escape') {
      panel.hidden = true;
      input.focus();
    } else if (event.key === 'ArrowDown' && at >= 0) {
      event.preventDefault();
      all[Math.min(at + 1, all.length - 1)].focus();
    } else if (event.key === 'ArrowUp' && at >= 0) {
      event.preventDefault();
      (at === 0 ? input : all[at - 1]).focus();
    }
  });
}
