/** Where pages with sortable tables load the script that sorts them. */
export const SORT_TABLE_SCRIPT_PATH = 'sort-table.js';

/**
 * Sortable tables, as progressive enhancement: each column heading of a `table.sortable` becomes a button that
 * sorts the rows by that column (again: the other way), announced through `aria-sort`. A cell's `data-sort`
 * is its key when given, else its text; numbers compare as numbers. Without the script the table keeps the
 * server's order. Served as a file of the site (the CSP allows no inline script).
 */
export const SORT_TABLE_SCRIPT = `const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });
for (const table of document.querySelectorAll('table.sortable')) {
  const body = table.tBodies[0];
  const headings = table.tHead ? [...table.tHead.rows[0].cells] : [];
  if (!body) continue;
  headings.forEach((heading, column) => {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'sort';
    button.append(...heading.childNodes);
    heading.append(button);
    button.addEventListener('click', () => {
      const ascending = heading.getAttribute('aria-sort') !== 'ascending';
      for (const other of headings) other.removeAttribute('aria-sort');
      heading.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
      const key = (row) => {
        const cell = row.cells[column];
        return cell ? (cell.dataset.sort ?? cell.textContent.trim()) : '';
      };
      const rows = [...body.rows].sort((a, b) => collator.compare(key(a), key(b)) * (ascending ? 1 : -1));
      body.append(...rows);
    });
  });
}
`;
