// The chart page of `losstally serve`: reads the view from the URL, loads it from /api/chart and
// draws it with uPlot (plot.js), with the findings (findings.js), the clean series' marks and its
// word on the day under the cursor (clean-detail.js), the sources in view, the age of the latest
// report and CSV links for the same data. Plain ES modules, no build step; everything it loads
// comes from the same server.
import uPlot from './vendor/uPlot.esm.js';
import { chartUrl, cleanExportUrl, exportUrl, getJson, viewQuery } from './api.js';
import { markOf } from './clean.js';
import { renderCleanDetail } from './clean-detail.js';
import { buildCategoryBoxes, syncControls, wireControls } from './controls.js';
import { findingsPlugin, renderFindingsList } from './findings.js';
import { describeAge, describeComparedDay, describeDay } from './format.js';
import { absolutePlot, HEIGHT, normalisedPlot } from './plot.js';
import { absoluteData, normalisedData, viewDates } from './series.js';
import { daysBetween, readState, resolveRange, today, writeState } from './state.js';

const $ = (id) => document.getElementById(id);
const chartEl = $('chart');
const categoriesEl = $('categories');
const statusEl = $('status');
const pointEl = $('point');
const cleanEl = $('clean-detail');

/** @type {uPlot | null} */
let chart = null;
/** The registry's categories by key, in registry order. */
const categories = new Map();
let latest = null;
let state = null;
/** The range before the first drag zoom, which a double click goes back to. */
let zoomedFrom = null;
let generation = 0;

const labelOf = (key) => categories.get(key)?.labels.en ?? key;
/** The shapes of marks.js in words, for the captions. */
const MARKS_TEXT = 'a diamond marks a repaired total, a square an inferred one, a triangle a disputed one';
const setStatus = (text) => (statusEl.textContent = text);
const chartWidth = () => Math.max(320, chartEl.clientWidth);

/** Every change of view goes through here: a new entry in the history (Back undoes it), then the data. */
function setState(next) {
  state = next;
  const hash = writeState(state);
  if (location.hash !== hash) history.pushState(null, '', hash);
  syncControls(categoriesEl, state);
  void load();
}

function destroyChart() {
  chart?.destroy();
  chart = null;
  chartEl.uplot = null;
}

async function load() {
  const mine = ++generation;
  const range = resolveRange(state, latest?.date);
  const query = viewQuery(state.categories, range);
  // The link names the same categories and dates as the chart's own request.
  $('csv').href = exportUrl(query);
  $('csv-clean').href = cleanExportUrl(query);
  chartEl.dataset['state'] = 'loading';
  setStatus(`Loading ${state.categories.map(labelOf).join(', ')}…`);
  try {
    const answer = await getJson(chartUrl(query));
    if (mine !== generation) return;
    render(answer, range);
    chartEl.dataset['state'] = 'ready';
  } catch (error) {
    if (mine !== generation) return;
    chartEl.dataset['state'] = 'error';
    setStatus(`Could not load ${state.categories.map(labelOf).join(', ')}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function renderSources(sources) {
  const el = $('sources');
  const parts = [sources.length === 0 ? 'No source in view.' : 'Sources in view: '];
  sources.forEach((s, i) => {
    const name = document.createElement('span');
    name.className = 'source';
    name.textContent = s.title;
    name.title = s.id;
    const days = s.firstDate === s.lastDate ? `${s.firstDate}` : `${s.firstDate} to ${s.lastDate}`;
    parts.push(i === 0 ? '' : '; ', name, ` (${s.kind}, ${s.days} day${s.days === 1 ? '' : 's'}: ${days})`);
  });
  if (latest?.date) {
    const age = document.createElement('span');
    const days = daysBetween(latest.date, today());
    age.textContent = describeAge(latest.date, days);
    // A report comes out every morning: one that is two or more days old is worth seeing at a glance.
    if (days >= 2) age.className = 'stale';
    parts.push('. Latest report: ', age, '.');
  }
  el.replaceChildren(...parts.filter((p) => p !== ''));
}

function render(answer, range) {
  destroyChart();
  pointEl.textContent = '';
  renderCleanDetail(cleanEl, []);
  const dates = viewDates(answer);
  const names = state.categories.map(labelOf).join(', ');
  chartEl.dataset['categories'] = state.categories.join(',');
  chartEl.dataset['points'] = String(dates.length);
  chartEl.dataset['mode'] = state.categories.length > 1 ? 'normalised' : 'absolute';
  chartEl.dataset['scale'] = state.scale;
  $('from').value = range.from ?? dates[0] ?? '';
  $('to').value = range.to ?? dates[dates.length - 1] ?? '';
  renderSources(answer.sources);
  renderFindingsList($('findings'), answer.findings, labelOf);
  $('finding-detail').hidden = true;
  const span = range.from || range.to ? ` from ${range.from ?? 'the start'} to ${range.to ?? 'the latest report'}` : '';
  if (dates.length === 0) {
    $('chart-caption').textContent = '';
    setStatus(`No figures are stored for ${names}${span}.`);
    return;
  }
  // Days and categories the clean series does not take as stated.
  const marked = answer.series.reduce((n, s) => n + s.rows.filter((r) => markOf(r) !== null).length, 0);
  const findingsByDate = new Map();
  for (const f of answer.findings) findingsByDate.set(f.date, [...(findingsByDate.get(f.date) ?? []), f]);
  let notes = [];
  const settings = {
    width: chartWidth(),
    log: state.scale === 'log',
    onZoom: zoom,
    onReset: resetZoom,
    plugins: [
      findingsPlugin({
        findings: answer.findings,
        labelOf,
        layerLabel: 'Days with findings',
        detailEl: $('finding-detail'),
        onDate: (date) => chart?.setCursor({ left: chart.valToPos(Date.parse(`${date}T00:00:00Z`) / 1000, 'x'), top: 10 }),
        onZoom: zoom,
      }),
    ],
  };
  let plot;
  if (state.categories.length === 1) {
    const data = absoluteData(answer.series[0].rows, dates, settings.log);
    const label = labelOf(state.categories[0]);
    settings.onCursor = (idx) => {
      const row = idx === null || idx === undefined ? null : data.rowAt(idx);
      const dayFindings = row ? (findingsByDate.get(row.date) ?? []).filter((f) => f.category === state.categories[0] || f.category === null) : [];
      pointEl.textContent = row ? describeDay(label, row, dayFindings) : '';
      renderCleanDetail(cleanEl, row ? [{ label, row }] : []);
    };
    plot = absolutePlot(label, data, settings);
    $('chart-caption').textContent = `Cumulative total (line, left axis); daily delta (bars, right axis) with its 7-day average (dark line). Hatched bars are deltas derived from consecutive totals where the source states none.${marked > 0 ? ` The line follows the clean series: where it does not take the printed total as stated, ${MARKS_TEXT}, and a hollow circle the total as printed; the day below the chart says why.` : ''}${settings.log ? ' Log scale: values of 0 or less are not drawn.' : ''}`;
  } else {
    const data = normalisedData(answer, dates, state, labelOf);
    notes = data.notes;
    Object.assign($('index'), { value: data.indexDate ?? '', min: dates[0], max: dates[dates.length - 1] });
    settings.onCursor = (idx) => {
      const shown = idx !== null && idx !== undefined;
      pointEl.textContent = shown ? describeComparedDay(dates[idx], data.lines, idx, state.measure, labelOf) : '';
      renderCleanDetail(cleanEl, shown ? data.lines.map((line) => ({ label: labelOf(line.category), row: line.rowAt(idx) })) : []);
    };
    plot = normalisedPlot(labelOf, data, state, settings);
    const what = state.measure === 'total' ? 'Cumulative totals' : '7-day averages of the daily deltas';
    const how = state.norm === 'index' ? `indexed to ${data.indexDate} = 100` : 'each as % of its own maximum in view';
    const marks = marked > 0 && state.measure === 'total' ? ` The lines follow the clean series; on them, ${MARKS_TEXT}.` : '';
    $('chart-caption').textContent = `${what} of ${names}, ${how}; the figures themselves are in the legend and below the chart.${marks}${settings.log ? ' Log scale: values of 0 or less are not drawn.' : ''}`;
  }
  chart = new uPlot(plot.options, plot.values, chartEl);
  // The instance, for the browser tests (and anyone curious in the console): its data is what is drawn.
  chartEl.uplot = chart;
  const canvas = chart.ctx.canvas;
  canvas.setAttribute('role', 'img');
  const findingDays = new Set(answer.findings.map((f) => f.date)).size;
  const markedText = marked > 0 ? `; ${marked} total(s) the clean series repaired, inferred or disputed` : '';
  canvas.setAttribute('aria-label', `Chart of ${names}: ${dates.length} days from ${dates[0]} to ${dates[dates.length - 1]}; ${findingDays} day(s) with findings${markedText}`);
  setStatus(`${names}: ${dates.length} days, ${dates[0]} to ${dates[dates.length - 1]}; ${answer.findings.length} finding(s).${notes.length > 0 ? ` ${notes.join(' ')}` : ''}`);
}

function zoom(from, to) {
  zoomedFrom ??= { range: state.range, from: state.from, to: state.to };
  setState({ ...state, range: 'custom', from, to });
}

function resetZoom() {
  const back = zoomedFrom ?? { range: 'all', from: null, to: null };
  zoomedFrom = null;
  setState({ ...state, ...back });
}

async function start() {
  try {
    const [{ categories: list }, latestAnswer] = await Promise.all([getJson('api/categories'), getJson('api/latest')]);
    for (const c of list) categories.set(c.key, c);
    latest = latestAnswer;
  } catch (error) {
    chartEl.dataset['state'] = 'error';
    setStatus(`Could not load the categories: ${error instanceof Error ? error.message : String(error)}`);
    return;
  }
  buildCategoryBoxes(categoriesEl, categories);
  wireControls({
    categoriesEl,
    change: (patch) => setState({ ...state, ...patch }),
    follow: () => {
      if (location.hash === writeState(state)) return;
      zoomedFrom = null;
      state = readState(location.hash, [...categories.keys()]);
      syncControls(categoriesEl, state);
      void load();
    },
    forgetZoom: () => (zoomedFrom = null),
    setStatus,
  });
  window.addEventListener('resize', () => chart?.setSize({ width: chartWidth(), height: HEIGHT }));
  state = readState(location.hash, [...categories.keys()]);
  syncControls(categoriesEl, state);
  await load();
}

void start();
