// The list page's filters and sorting, in the browser. The table is the server's; this script shows the
// filter form, reads every proposal's facts from api/list.json, hides the rows that do not match, orders them,
// and keeps the view in the URL's query string (`?sig=sig-node&stage=beta&sort=-number`), so that a link or a
// reload shows the same rows. The filters mean what `kep query`'s do: values of one filter OR together (repeat
// the parameter or give a comma list), filters AND.

const base = document.querySelector('meta[name="kep-site-base"]')?.getAttribute('content') ?? '/';
const table = document.querySelector('table.proposal-list');
const form = document.getElementById('list-filters');
const count = document.getElementById('list-count');

const FILTERS = [
  'text',
  'sig',
  'participating-sig',
  'status',
  'stage',
  'milestone',
  'latest-milestone',
  'author',
  'approver',
  'prr',
  'findings',
];
/** Other spellings of sort keys (kep query's field names). */
const SORT_ALIASES = { kepnumber: 'number', latestmilestone: 'latest-milestone', title: 'title' };

const handle = (name) => name.trim().replace(/^@/, '').toLowerCase();
const milestoneKey = (value) => {
  const match = /^v?(\d+)\.(\d+)(?:\.(\d+))?$/.exec(value ?? '');
  return match ? `${Number(match[1])}.${Number(match[2])}.${Number(match[3] ?? 0)}` : undefined;
};

/** The values of one filter in the URL: repeated parameters and comma lists, blanks dropped. */
function valuesOf(params, name) {
  return params
    .getAll(name)
    .flatMap((value) => value.split(','))
    .map((value) => value.trim())
    .filter((value) => value !== '');
}

const FINDINGS = {
  errors: (document) => document.errors > 0,
  'no-errors': (document) => document.errors === 0,
  warnings: (document) => document.warnings > 0,
  any: (document) => document.errors + document.warnings > 0,
  none: (document) => document.errors + document.warnings === 0,
};

/** One test per active filter; a document matches when it passes them all. */
function tests(params) {
  const active = [];
  const anyOf = (name, read) => {
    const wanted = valuesOf(params, name);
    if (wanted.length > 0) active.push((document) => wanted.some((value) => read(document, value)));
  };
  anyOf('text', (document, value) => {
    const text = value.toLowerCase();
    const number = document.number === null ? document.id : String(document.number);
    return document.title.toLowerCase().includes(text) || number === text.replace(/^(kep-)?0*(?=\d)/, '');
  });
  anyOf('sig', (document, value) => document.owningGroup === value);
  anyOf('participating-sig', (document, value) => document.participatingGroups.includes(value));
  anyOf('status', (document, value) => document.status === value);
  anyOf('stage', (document, value) => document.stage === (value === 'none' ? '' : value));
  anyOf('milestone', (document, value) => {
    const key = milestoneKey(value);
    return [document.latestMilestone, ...Object.values(document.milestones)].some(
      (milestone) => key !== undefined && milestoneKey(milestone) === key,
    );
  });
  anyOf('latest-milestone', (document, value) => {
    const key = milestoneKey(value);
    return key !== undefined && milestoneKey(document.latestMilestone) === key;
  });
  anyOf('author', (document, value) => document.authors.some((author) => handle(author) === handle(value)));
  anyOf('approver', (document, value) =>
    document.approvers.some((approver) => handle(approver) === handle(value)),
  );
  anyOf('prr', (document, value) =>
    document.prrApprovers.some((approver) => handle(approver) === handle(value)),
  );
  anyOf('findings', (document, value) => FINDINGS[value]?.(document) ?? false);
  return active;
}

const compareText = (a, b) => (a === b ? 0 : a === '' ? 1 : b === '' ? -1 : a < b ? -1 : 1);
const compareVersions = (a, b) => {
  const left = milestoneKey(a);
  const right = milestoneKey(b);
  if (!left || !right) return left ? -1 : right ? 1 : compareText(a, b);
  const l = left.split('.').map(Number);
  const r = right.split('.').map(Number);
  return l[0] - r[0] || l[1] - r[1] || l[2] - r[2];
};

/** How each column sorts (empty values last, as kep query sorts). */
const SORTS = {
  number: (a, b) =>
    a.number === b.number ? 0 : a.number === null ? 1 : b.number === null ? -1 : a.number - b.number,
  title: (a, b) => compareText(a.title.toLowerCase(), b.title.toLowerCase()),
  groups: (a, b) =>
    compareText(
      [a.owningGroup, ...a.participatingGroups].join(','),
      [b.owningGroup, ...b.participatingGroups].join(','),
    ),
  status: (a, b) => compareText(a.status, b.status),
  stage: (a, b) => compareText(a.stage, b.stage),
  'latest-milestone': (a, b) => compareVersions(a.latestMilestone, b.latestMilestone),
  findings: (a, b) => a.errors - b.errors || a.warnings - b.warnings,
};

/** `-number` → {key: 'number', descending: true}; undefined for a key no column has. */
function sortOf(value) {
  const descending = value.startsWith('-');
  const name = value.replace(/^[-+]/, '').toLowerCase();
  const key = SORTS[name] ? name : SORT_ALIASES[name.replace(/[-_]/g, '')];
  return key ? { key, descending } : undefined;
}

async function start() {
  const response = await fetch(`${base}api/list.json`);
  if (!response.ok) throw new Error(`api/list.json: ${response.status}`);
  const { proposals } = await response.json();
  const body = table.tBodies[0];
  const rows = [...body.rows].map((row, position) => {
    // Rows and documents come in the same order; the id checks that they are the same proposal.
    const document = proposals[position];
    if (!document || document.id !== row.dataset.id)
      throw new Error('api/list.json does not match the table');
    return { row, document, position };
  });
  const total = rows.length;
  const headers = [...table.tHead.rows[0].cells];

  // Headers become buttons that sort; the form appears (it is hidden when nothing would run it).
  for (const th of headers) {
    const key = th.dataset.sort;
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'sort-button';
    button.append(...th.childNodes);
    const indicator = document.createElement('span');
    indicator.className = 'sort-indicator';
    indicator.setAttribute('aria-hidden', 'true');
    button.append(indicator);
    button.addEventListener('click', () => {
      const current = sortOf(new URLSearchParams(location.search).get('sort') ?? '');
      const descending = current?.key === key && !current.descending;
      form.elements.sort.value = `${descending ? '-' : ''}${key}`;
      update();
    });
    th.replaceChildren(button);
  }
  form.hidden = false;
  // Open where there is room, or when the URL filters: on a phone the table comes first.
  const details = document.getElementById('list-filters-details');
  const filtering = FILTERS.some((name) => valuesOf(new URLSearchParams(location.search), name).length > 0);
  if (details && (filtering || matchMedia('(min-width: 48rem)').matches)) details.open = true;

  /** Show the view the URL names: controls, visible rows, their order, the sorted header, the count. */
  function render() {
    const params = new URLSearchParams(location.search);
    for (const name of [...FILTERS, 'sort']) {
      const control = form.elements[name];
      const value = valuesOf(params, name).join(',');
      if (
        control.tagName === 'SELECT' &&
        value &&
        ![...control.options].some((option) => option.value === value)
      ) {
        // A value the options lack (a comma list, an old link): shown as it is, so the form tells the truth.
        const option = document.createElement('option');
        option.value = value;
        option.textContent = value;
        control.append(option);
      }
      control.value = value;
    }
    const active = tests(params);
    let shown = 0;
    for (const { row, document } of rows) {
      const visible = active.every((test) => test(document));
      row.hidden = !visible;
      if (visible) shown++;
    }
    const sort = sortOf(params.get('sort') ?? '');
    const ordered = [...rows].sort((a, b) => {
      if (!sort) return a.position - b.position;
      const order = SORTS[sort.key](a.document, b.document);
      return (sort.descending ? -order : order) || a.position - b.position;
    });
    if (ordered.some((entry, at) => body.rows[at] !== entry.row))
      body.append(...ordered.map((entry) => entry.row));
    for (const th of headers) {
      if (sort && th.dataset.sort === sort.key)
        th.setAttribute('aria-sort', sort.descending ? 'descending' : 'ascending');
      else th.removeAttribute('aria-sort');
    }
    count.textContent =
      active.length === 0
        ? `${total} proposals.`
        : `${shown} of ${total} proposal${total === 1 ? '' : 's'} match${shown === 1 ? 'es' : ''}.`;
  }

  /** The form's values into the URL (empty ones left out), then render it. */
  function update() {
    const params = new URLSearchParams();
    for (const name of [...FILTERS, 'sort']) {
      const value = form.elements[name].value.trim();
      if (value) params.set(name, value);
    }
    const query = params.toString();
    history.replaceState(null, '', query ? `?${query}` : location.pathname);
    render();
  }

  form.addEventListener('input', update);
  form.addEventListener('change', update);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    update();
  });
  addEventListener('popstate', render);
  render();
  table.dataset.ready = 'true';
}

if (table && form && count)
  start().catch((error) => {
    // The full table stays as the server wrote it.
    console.warn(`kep list: ${error.message}`);
  });
