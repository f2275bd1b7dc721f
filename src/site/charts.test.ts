import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { elements, parseXml } from '../testing/xml.js';
import { type ChartData, chartFigure, chartSvg, chartTable } from './charts.js';

/** Category names from a repository are hostile: markup, an entity, a bidi override, a long name. */
const DATA: ChartData = {
  id: 'test-chart',
  title: 'Per group & stage',
  description: 'Proposals per <group> and stage.',
  categoryHeading: 'Group',
  categories: [
    'sig-node',
    '<script>alert(1)</script>',
    'sig-\u202eevil',
    'a group with a really very long name indeed',
  ],
  series: [
    { name: 'alpha', values: [3, 0, 1, 12] },
    { name: 'beta', values: [2, 5, 0, 0] },
    { name: 'stable & done', values: [7, 1, 0, 4] },
  ],
};

/** A category as the page shows it: a bidi control made visible (`forHtml`), so it cannot reorder the text. */
const shown = (category: string) => category.replace(/\u202e/g, '\\u202e');
const SHOWN = DATA.categories.map(shown);

/** What each bar segment of the SVG says it is: category → series → value, and its width. */
function segments(svg: string) {
  const document = parseXml(svg, 'image/svg+xml');
  return elements(document, 'rect')
    .filter((rect) => rect.hasAttribute('data-value'))
    .map((rect) => ({
      category: rect.getAttribute('data-category')!,
      series: rect.getAttribute('data-series')!,
      value: Number(rect.getAttribute('data-value')),
      width: Number(rect.getAttribute('width')),
      x: Number(rect.getAttribute('x')),
      y: Number(rect.getAttribute('y')),
    }));
}

/** The table's rows: the category (row heading) and the numbers, as written. */
function tableRows(table: string): { category: string; numbers: number[] }[] {
  const body = elements(parseXml(table), 'tbody')[0]!;
  return elements(body, 'tr').map((row) => ({
    category: elements(row, 'th')[0]!.textContent!,
    numbers: elements(row, 'td').map((cell) => Number(cell.textContent)),
  }));
}

describe('charts', () => {
  test('a stacked bar chart is well-formed SVG, an image with its title and description', () => {
    const svg = chartSvg(DATA);
    const document = parseXml(svg, 'image/svg+xml');
    const root = document.documentElement!;
    assert.equal(root.localName, 'svg');
    assert.equal(root.namespaceURI, 'http://www.w3.org/2000/svg');
    assert.equal(root.getAttribute('role'), 'img');
    const [titleId, descId] = root.getAttribute('aria-labelledby')!.split(' ');
    const byId = (id: string) => elements(document, '*').find((element) => element.getAttribute('id') === id);
    assert.equal(byId(titleId!)!.localName, 'title');
    assert.equal(byId(titleId!)!.textContent, 'Per group & stage');
    assert.equal(byId(descId!)!.localName, 'desc');
    assert.match(byId(descId!)!.textContent!, /^Proposals per <group> and stage\./);
    // No script, no inline style (the CSP), no element made from a category name.
    assert.equal(elements(document, 'script').length, 0);
    assert.ok(elements(document, '*').every((element) => !element.hasAttribute('style')));
    assert.doesNotMatch(svg, /\u202e/);
  });

  test('the bars carry the data: one segment per non-zero value, widths in proportion, stacked in order', () => {
    const bars = segments(chartSvg(DATA));
    const expected = DATA.categories.flatMap((category, index) =>
      DATA.series.flatMap((series) =>
        series.values[index]! > 0
          ? [{ category: shown(category), series: series.name, value: series.values[index]! }]
          : [],
      ),
    );
    assert.deepEqual(
      bars.map(({ category, series, value }) => ({ category, series, value })),
      expected,
    );
    const perUnit = bars.map((bar) => bar.width / bar.value);
    for (const ratio of perUnit) assert.ok(Math.abs(ratio - perUnit[0]!) < 0.1, `${ratio} vs ${perUnit[0]}`);
    // The longest bar (12 + 0 + 4 = 16) spans the bar area; each row's segments follow one another.
    for (const category of SHOWN) {
      const row = bars.filter((bar) => bar.category === category);
      for (let i = 1; i < row.length; i++) {
        assert.ok(Math.abs(row[i]!.x - (row[i - 1]!.x + row[i - 1]!.width)) < 0.2);
        assert.equal(row[i]!.y, row[0]!.y);
      }
    }
  });

  test('the table holds the same numbers as the bars, with the totals the chart prints', () => {
    const svg = chartSvg(DATA);
    const rows = tableRows(chartTable(DATA));
    assert.deepEqual(
      rows.map((row) => row.category),
      SHOWN,
    );
    const bars = segments(svg);
    const totals = elements(parseXml(svg, 'image/svg+xml'), 'text')
      .filter((text) => text.getAttribute('class') === 'chart-total')
      .map((text) => Number(text.textContent));
    rows.forEach((row, index) => {
      const fromBars = DATA.series.map(
        (series) =>
          bars.find((bar) => bar.category === row.category && bar.series === series.name)?.value ?? 0,
      );
      assert.deepEqual(row.numbers.slice(0, -1), fromBars);
      assert.equal(
        row.numbers.at(-1),
        fromBars.reduce((a, b) => a + b, 0),
      );
      assert.equal(totals[index], row.numbers.at(-1));
    });
  });

  test('one series draws plain bars, no legend and no total column; no categories is still an image', () => {
    const single: ChartData = { ...DATA, series: [{ name: 'Proposals', values: [4, 0, 2, 9] }] };
    const svg = chartSvg(single);
    assert.equal(segments(svg).length, 3);
    const document = parseXml(chartTable(single));
    assert.deepEqual(
      elements(document, 'th').map((th) => th.textContent),
      ['Group', 'Proposals', ...SHOWN],
    );
    const empty = parseXml(chartSvg({ ...DATA, categories: [], series: [] }), 'image/svg+xml');
    assert.equal(empty.documentElement!.getAttribute('role'), 'img');
  });

  test('a figure holds the chart and its table; a sortable table is marked for the script', () => {
    const figure = chartFigure(DATA, { sortable: true });
    const document = parseXml(figure);
    assert.equal(elements(document, 'svg').length, 1);
    assert.equal(elements(document, 'table')[0]!.getAttribute('class'), 'chart-data sortable');
    assert.equal(elements(document, 'caption')[0]!.textContent, 'Per group & stage');
  });
});
