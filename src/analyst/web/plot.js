// The uPlot options of the two kinds of chart: one category with its own figures (total line on
// the left axis; daily deltas as bars with their 7-day average on the right axis), or several
// categories as normalised lines on one axis. Both zoom by dragging across the plot, take the
// keyboard (cursor-keys.js) and mark the days the clean series does not take as stated (marks.js).
import uPlot from './vendor/uPlot.esm.js';
import { MARKED } from './clean.js';
import { cursorKeysPlugin } from './cursor-keys.js';
import { DAY, number, percent, signed, signedAverage, toDate, totalText } from './format.js';
import { lineMarksPlugin, markSeries } from './marks.js';

export const HEIGHT = 380;
const MONTH = 30 * DAY;
// Daily data: ticks fall on whole days, months or years (uPlot aligns multiples of 30 and 365 days).
const X_INCREMENTS = [DAY, 2 * DAY, 7 * DAY, 14 * DAY, MONTH, 3 * MONTH, 6 * MONTH, 365 * DAY, 2 * 365 * DAY];
/** Room above the plot for the findings markers, so that they never hide a line. */
const MARKER_STRIP = 26;

const axisNumber = (v) => (v === null ? '' : number(v));
const axisPercent = (v) => (v === null ? '' : `${+v.toFixed(2)}`);
// Room for the longest tick label of a y axis (uPlot calls this again when the labels change).
const axisSize = (u, values) => (values ? Math.max(3, ...values.map((v) => String(v).length)) * 7.5 + 24 : 50);
const axisDate = (v, incr) => {
  const iso = new Date(v * 1000).toISOString();
  return incr >= 365 * DAY ? iso.slice(0, 4) : incr >= MONTH ? iso.slice(0, 7) : iso.slice(0, 10);
};

/** Colours of the normalised lines; past ten categories the lines are dashed as well. */
const PALETTE = ['#1f5fa8', '#c0392b', '#2e8b57', '#8e44ad', '#d35400', '#16a085', '#6d6d6d', '#a07d00', '#2c3e50', '#d63384'];

const STATED_FILL = 'rgba(224, 138, 30, 0.55)';
/** Derived deltas are hatched, not only paler, so that they differ without colour vision too. */
const DERIVED_LEGEND_FILL = 'repeating-linear-gradient(135deg, #8a5a00 0 2px, rgba(224, 138, 30, 0.12) 2px 5px)';

function hatch(u) {
  const tile = document.createElement('canvas');
  const size = Math.round(6 * devicePixelRatio);
  tile.width = tile.height = size;
  const ctx = tile.getContext('2d');
  ctx.fillStyle = 'rgba(224, 138, 30, 0.12)';
  ctx.fillRect(0, 0, size, size);
  ctx.strokeStyle = '#8a5a00';
  ctx.lineWidth = 1.2 * devicePixelRatio;
  ctx.beginPath();
  ctx.moveTo(0, size);
  ctx.lineTo(size, 0);
  ctx.stroke();
  return u.ctx.createPattern(tile, 'repeat');
}

/**
 * Drag selects days and hands them to `onZoom` (the page then loads that range, so that the
 * CSV link, the findings and the normalisation follow); a double click calls `onReset`.
 */
function zoomPlugin(onZoom, onReset) {
  return {
    hooks: {
      init: [(u) => u.over.addEventListener('dblclick', onReset)],
      setSelect: [
        (u) => {
          const { left, width } = u.select;
          if (width < 3) return;
          // The days whose points lie inside the selection.
          const from = Math.ceil(u.posToVal(left, 'x') / DAY) * DAY;
          const to = Math.floor(u.posToVal(left + width, 'x') / DAY) * DAY;
          u.setSelect({ left: 0, top: 0, width: 0, height: 0 }, false);
          if (from <= to) onZoom(toDate(from), toDate(to));
        },
      ],
    },
  };
}

function baseOptions({ width, log, onCursor, plugins, onZoom, onReset, legendFills }) {
  return {
    width,
    height: HEIGHT,
    padding: [MARKER_STRIP, null, null, null],
    tzDate: (ts) => uPlot.tzDate(new Date(ts * 1e3), 'Etc/UTC'),
    cursor: { points: { size: 8 }, drag: { x: true, y: false, setScale: false } },
    legend: { live: true, markers: { fill: (u, i) => legendFills[i] ?? u.series[i].fill(u, i) } },
    hooks: { setCursor: [(u) => onCursor(u.cursor.idx)] },
    plugins: [zoomPlugin(onZoom, onReset), cursorKeysPlugin({ dateOf: toDate }), ...plugins],
    xScale: { time: true, range: (u, min, max) => [min - DAY / 2, max + DAY / 2] },
    xAxis: { incrs: X_INCREMENTS, space: 70, values: (u, splits, axis, space, incr) => splits.map((v) => axisDate(v, incr)) },
    dateSeries: { label: 'date', value: (u, v) => (v === null ? '–' : toDate(v)) },
    log,
  };
}

function finish(base, scales, axes, series) {
  const { xScale, xAxis, dateSeries, log, ...options } = base;
  return { ...options, scales: { x: xScale, ...scales }, axes: [xAxis, ...axes], series: [dateSeries, ...series] };
}

/** A step of 1, 2 or 5 times a power of ten at or beyond `v`, downwards or upwards. */
function logStep(v, up) {
  const power = 10 ** Math.floor(Math.log10(v));
  const steps = [1, 2, 5, 10].map((m) => m * power);
  return up ? (steps.find((s) => s >= v) ?? v) : ([...steps].reverse().find((s) => s <= v) ?? v);
}
// uPlot's own log range runs to the next power of ten, which can leave most of the plot empty.
const logScale = { distr: 3, log: 10, range: (u, min, max) => (min === null || max === null ? [1, 10] : [logStep(min, false), logStep(max, true)]) };

/** One category: `data` from absoluteData. Returns the options and the data in uPlot's order. */
export function absolutePlot(label, data, settings) {
  const { log } = settings;
  const rowAt = (idx) => (idx === null || idx === undefined ? null : data.rowAt(idx));
  const bars = uPlot.paths.bars({ size: [0.6, 40] });
  // Outlines only while the bars are wide enough to tell apart.
  const outline = data.x.length > 120 ? 0 : 1;
  const hasDerived = data.derived.some((v) => v !== null);
  const deltaSeries = [
    {
      label: 'daily delta',
      scale: 'delta',
      stroke: '#c06c00',
      width: outline,
      fill: STATED_FILL,
      paths: bars,
      points: { show: false },
      value: (u, v) => (v === null ? '–' : signed(v)),
    },
  ];
  const values = [data.x, data.stated];
  const legendFills = {};
  if (hasDerived) {
    let pattern = null;
    legendFills[2] = DERIVED_LEGEND_FILL;
    deltaSeries.push({
      label: 'derived delta',
      scale: 'delta',
      stroke: '#8a5a00',
      width: 1,
      dash: [3, 2],
      fill: (u) => (pattern ??= hatch(u)),
      paths: bars,
      points: { show: false },
      value: (u, v) => (v === null ? '–' : signed(v)),
    });
    values.push(data.derived);
  }
  const series = [
    ...deltaSeries,
    { label: '7-day average', scale: 'delta', stroke: '#6b2f00', width: 2, points: { show: false }, value: (u, v) => (v === null ? '–' : signedAverage(v)) },
    {
      label: 'total',
      scale: 'total',
      stroke: '#1f5fa8',
      width: 2,
      value: (u, v, si, idx) => {
        const row = rowAt(idx);
        return row ? totalText(row) : v === null ? '–' : number(v);
      },
    },
  ];
  values.push(data.average, data.total);
  // The clean series' marks, each kind only where the view has one (as the derived deltas);
  // the hollow total as printed last, on top of whatever it is next to.
  for (const [kind, marked] of [...MARKED.map((status) => [status, data.marks[status]]), ['printed', data.printed]]) {
    if (!marked.some((v) => v !== null)) continue;
    series.push(markSeries(kind, number));
    values.push(marked);
  }
  const scales = {
    total: log ? logScale : { auto: true },
    delta: log ? logScale : { range: (u, min, max) => [Math.min(0, min ?? 0), Math.max(1, (max ?? 0) * 1.15)] },
  };
  const axes = [
    { scale: 'total', label: log ? 'total (log)' : 'total', size: axisSize, values: (u, splits) => splits.map(axisNumber) },
    { scale: 'delta', label: log ? 'daily delta (log)' : 'daily delta', side: 1, size: axisSize, grid: { show: false }, values: (u, splits) => splits.map(axisNumber) },
  ];
  // The category is the chart's title, so that the legend's labels stay short and on one line.
  return { options: { ...finish(baseOptions({ ...settings, legendFills }), scales, axes, series), title: label }, values };
}

/** Several categories: `data` from normalisedData. */
export function normalisedPlot(labelOf, data, state, settings) {
  // Short enough to fit beside the plot; the caption says the rest.
  const unit = state.norm === 'index' ? `${data.indexDate} = 100` : '% of own maximum';
  const measure = state.measure === 'total' ? 'totals' : '7-day averages';
  const colourOf = (i) => PALETTE[i % PALETTE.length];
  const series = data.lines.map((line, i) => ({
    label: labelOf(line.category),
    scale: 'y',
    stroke: colourOf(i),
    width: 2,
    dash: i >= PALETTE.length ? [6, 3] : undefined,
    value: (u, v, si, idx) => {
      const raw = idx === null || idx === undefined ? null : line.raw[idx];
      if (v === null) return raw === null || raw === undefined ? '–' : `– (${state.measure === 'total' ? number(raw) : signedAverage(raw)})`;
      return `${percent(v)} (${state.measure === 'total' ? number(raw) : signedAverage(raw)})`;
    },
  }));
  // Not from zero: over a short range the totals of every category sit near 100 %, and their
  // differences are what the comparison is for.
  const scales = { y: settings.log ? logScale : { auto: true } };
  const axes = [{ scale: 'y', label: `${measure}, ${unit}${settings.log ? ' (log)' : ''}`, size: axisSize, values: (u, splits) => splits.map(axisPercent) }];
  const title = `${state.measure === 'total' ? 'Cumulative totals' : '7-day averages of daily deltas'}, ${state.norm === 'index' ? `indexed to ${data.indexDate} = 100` : '% of each one\'s maximum in view'}`;
  const marks = lineMarksPlugin(data.lines.map((line, i) => ({ values: line.values, markAt: line.markAt, colour: colourOf(i) })));
  const options = finish(baseOptions({ ...settings, plugins: [...settings.plugins, marks], legendFills: {} }), scales, axes, series);
  return { options: { ...options, title }, values: [data.x, ...data.lines.map((l) => l.values)] };
}
