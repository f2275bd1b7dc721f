// Bar charts as SVG drawn on the server: no script, no inline style (the CSP), readable without colour (each
// segment has its own title, the legend names the series), and a data table beside each chart that holds the
// same numbers for screen readers and for print. Horizontal bars: category labels of any length read on a phone.
import { forHtml } from '../model/index.js';

export interface ChartSeries {
  name: string;
  /** One value per category (missing or negative counts as 0). */
  values: number[];
  /** The colour class of the series (`chart-pass`, `chart-error`); default: the next of the palette. */
  tone?: 'pass' | 'error' | 'muted';
}

export interface ChartData {
  /** Unique on the page: the ids of the chart's title, description and table derive from it. */
  id: string;
  title: string;
  /** What the chart shows, in a sentence (the SVG's `<desc>`). */
  description: string;
  /** The heading of the table's first column: what a category is (`Group`, `Release`). */
  categoryHeading: string;
  categories: string[];
  /** One series: plain bars; more: stacked bars, one segment per series. */
  series: ChartSeries[];
}

const WIDTH = 640;
const LABEL_WIDTH = 160;
const TOTAL_WIDTH = 48;
const ROW = 22;
const BAR = 15;
const LEGEND_ROW = 22;
const LABEL_CHARS = 24;
const PALETTE_SIZE = 8;

/** The value of a series at a category, as the chart and the table both read it. */
export function valueAt(series: ChartSeries, index: number): number {
  const value = series.values[index] ?? 0;
  return Number.isFinite(value) && value > 0 ? value : 0;
}

function toneClass(series: ChartSeries, index: number): string {
  return series.tone ? `chart-${series.tone}` : `chart-s${index % PALETTE_SIZE}`;
}

function shortLabel(text: string): string {
  const chars = [...text];
  return chars.length > LABEL_CHARS ? `${chars.slice(0, LABEL_CHARS - 1).join('')}…` : text;
}

const legendWidth = (name: string) => 22 + [...name].length * 7 + 14;

/** The legend's rows: series names laid out left to right, wrapping at the chart's width. */
function legendLayout(series: readonly ChartSeries[]): { x: number; row: number }[] {
  const places: { x: number; row: number }[] = [];
  let x = 0;
  let row = 0;
  for (const entry of series) {
    const width = legendWidth(entry.name);
    if (x > 0 && x + width > WIDTH) {
      x = 0;
      row++;
    }
    places.push({ x, row });
    x += width;
  }
  return places;
}

/** The chart as an SVG element (`role="img"` with its title and description), to be placed in HTML. */
export function chartSvg(data: ChartData): string {
  const stacked = data.series.length > 1;
  const legend = stacked ? legendLayout(data.series) : [];
  const legendHeight = stacked ? (Math.max(...legend.map((place) => place.row)) + 1) * LEGEND_ROW + 6 : 0;
  const totals = data.categories.map((_, index) =>
    data.series.reduce((sum, series) => sum + valueAt(series, index), 0),
  );
  const max = Math.max(1, ...totals);
  const barArea = WIDTH - LABEL_WIDTH - TOTAL_WIDTH;
  const height = legendHeight + Math.max(1, data.categories.length) * ROW + 4;
  const parts: string[] = [];
  data.series.forEach((series, index) => {
    if (!stacked) return;
    const place = legend[index]!;
    const y = place.row * LEGEND_ROW;
    parts.push(
      `<rect class="${toneClass(series, index)}" x="${place.x}" y="${y + 3}" width="14" height="14"/><text x="${place.x + 20}" y="${y + 15}">${forHtml(series.name)}</text>`,
    );
  });
  data.categories.forEach((category, row) => {
    const y = legendHeight + row * ROW;
    parts.push(
      `<text class="chart-category" x="${LABEL_WIDTH - 6}" y="${y + 15}" text-anchor="end">${forHtml(shortLabel(category))}<title>${forHtml(category)}</title></text>`,
    );
    let x = LABEL_WIDTH;
    data.series.forEach((series, index) => {
      const value = valueAt(series, row);
      if (value === 0) return;
      const width = round((value / max) * barArea);
      const what = stacked ? `${category}, ${series.name}: ${value}` : `${category}: ${value}`;
      parts.push(
        `<rect class="${toneClass(series, index)}" x="${round(x)}" y="${y + 3}" width="${width}" height="${BAR}" data-category="${forHtml(category)}" data-series="${forHtml(series.name)}" data-value="${value}"><title>${forHtml(what)}</title></rect>`,
      );
      x += width;
    });
    parts.push(`<text class="chart-total" x="${round(x) + 4}" y="${y + 15}">${totals[row]}</text>`);
  });
  const id = forHtml(data.id);
  return `<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}" role="img" aria-labelledby="${id}-title ${id}-desc" font-size="12"><title id="${id}-title">${forHtml(data.title)}</title><desc id="${id}-desc">${forHtml(data.description)} The table below the chart holds the same numbers.</desc>${parts.join('')}</svg>`;
}

const round = (value: number) => Math.round(value * 10) / 10;

/** The chart's numbers as a table: a row per category, a column per series, and the total. */
export function chartTable(data: ChartData, options: { sortable?: boolean } = {}): string {
  const stacked = data.series.length > 1;
  const head = [
    `<th scope="col">${forHtml(data.categoryHeading)}</th>`,
    ...data.series.map((series) => `<th scope="col" class="number">${forHtml(series.name)}</th>`),
    ...(stacked ? ['<th scope="col" class="number">Total</th>'] : []),
  ].join('');
  const rows = data.categories.map((category, index) => {
    const values = data.series.map((series) => valueAt(series, index));
    const cells = [...values, ...(stacked ? [values.reduce((sum, value) => sum + value, 0)] : [])]
      .map((value) => `<td class="number">${value}</td>`)
      .join('');
    return `<tr><th scope="row">${forHtml(category)}</th>${cells}</tr>`;
  });
  const classes = ['chart-data', ...(options.sortable ? ['sortable'] : [])].join(' ');
  return `<table class="${classes}" id="${forHtml(data.id)}-table"><caption>${forHtml(data.title)}</caption><thead><tr>${head}</tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

/** The chart with its table below it: what the bars show, in numbers (read aloud, printed, sorted). */
export function chartFigure(data: ChartData, options: { sortable?: boolean } = {}): string {
  return `<figure class="chart-figure">${chartSvg(data)}${chartTable(data, options)}</figure>`;
}
