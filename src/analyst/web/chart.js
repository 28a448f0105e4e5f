// The chart page of `losstally serve`: one uPlot chart per category, the cumulative total (line,
// left axis) and the daily delta (bars, right axis), with a marker above each day that has
// findings. Plain ES module, no build step; everything it loads comes from the same server.
import uPlot from './vendor/uPlot.esm.js';

const select = /** @type {HTMLSelectElement} */ (document.getElementById('category'));
const chartEl = /** @type {HTMLElement} */ (document.getElementById('chart'));
const statusEl = /** @type {HTMLElement} */ (document.getElementById('status'));
const pointEl = /** @type {HTMLElement} */ (document.getElementById('point'));
const findingsEl = /** @type {HTMLElement} */ (document.getElementById('findings'));

const full = new Intl.NumberFormat('en-US');
const DAY = 86_400;
const MONTH = 30 * DAY;
// Daily data: ticks fall on whole days, months or years (uPlot aligns multiples of 30 and 365 days).
const X_INCREMENTS = [DAY, 2 * DAY, 7 * DAY, 14 * DAY, MONTH, 3 * MONTH, 6 * MONTH, 365 * DAY, 2 * 365 * DAY];

const axisNumber = (v) => (v === null ? '' : full.format(v));
// Room for the longest tick label of a y axis (uPlot calls this again when the labels change).
const axisSize = (u, values) => (values ? Math.max(3, ...values.map((v) => String(v).length)) * 7.5 + 24 : 50);
const axisDate = (v, incr) => {
  const iso = new Date(v * 1000).toISOString();
  return incr >= 365 * DAY ? iso.slice(0, 4) : incr >= MONTH ? iso.slice(0, 7) : iso.slice(0, 10);
};

/** @type {uPlot | null} */
let chart = null;
/** @type {Map<string, {key: string, labels: {en: string, uk: string, de: string}, since: string, until: string | null}>} */
const categories = new Map();
let generation = 0;

async function getJson(path) {
  const response = await fetch(path, { headers: { accept: 'application/json' } });
  let body;
  try {
    body = await response.json();
  } catch {
    throw new Error(`${path} answered ${response.status} without JSON`);
  }
  if (!response.ok) throw new Error(body && body.error ? body.error : `${path} answered ${response.status}`);
  return body;
}

const toSeconds = (date) => Date.parse(`${date}T00:00:00Z`) / 1000;
const signed = (n) => (n > 0 ? `+${full.format(n)}` : full.format(n));

function describeTotal(row) {
  if (row.total === null) return 'not stated';
  return `${row.qualifier ? `${row.qualifier} ` : ''}${full.format(row.total)}`;
}

function describePoint(label, row, dayFindings) {
  const parts = [row.date, `${label}: total ${describeTotal(row)}`, `delta ${row.delta === null ? 'not stated' : signed(row.delta)}`, `source ${row.source}`];
  const kinds = new Set([...row.flags, ...dayFindings.map((f) => f.kind)]);
  if (kinds.size > 0) parts.push(`findings: ${[...kinds].join(', ')}`);
  return parts.join(' · ');
}

function setStatus(text) {
  statusEl.textContent = text;
}

function worstSeverity(findings) {
  for (const severity of ['error', 'warning', 'info']) if (findings.some((f) => f.severity === severity)) return severity;
  return 'info';
}

function renderFindingsList(findings) {
  findingsEl.replaceChildren(
    ...findings.map((f) => {
      const li = document.createElement('li');
      li.dataset['date'] = f.date;
      const severity = document.createElement('span');
      severity.className = `severity-${f.severity}`;
      severity.textContent = f.severity;
      li.append(`${f.date} ${f.source} `, severity, ` ${f.kind}: ${f.detail}`);
      return li;
    }),
  );
  if (findings.length === 0) {
    const li = document.createElement('li');
    li.textContent = 'none';
    findingsEl.append(li);
  }
}

/** Buttons above the plot, one per day with findings, kept in place on every redraw. */
function markersPlugin(rows, findingsByDate, label) {
  let layer;
  return {
    hooks: {
      init: [
        (u) => {
          layer = document.createElement('div');
          layer.className = 'finding-markers';
          rows.forEach((row, idx) => {
            const dayFindings = findingsByDate.get(row.date);
            if (!dayFindings) return;
            const marker = document.createElement('button');
            marker.type = 'button';
            marker.className = 'finding-marker';
            marker.dataset['date'] = row.date;
            marker.dataset['severity'] = worstSeverity(dayFindings);
            const text = `Findings on ${row.date} for ${label}: ${dayFindings.map((f) => `${f.kind} (${f.severity}, ${f.source})`).join('; ')}`;
            marker.setAttribute('aria-label', text);
            marker.title = text;
            const show = () => u.setCursor({ left: u.valToPos(u.data[0][idx], 'x'), top: 0 });
            marker.addEventListener('focus', show);
            marker.addEventListener('click', show);
            layer.append(marker);
          });
          u.over.append(layer);
        },
      ],
      draw: [
        (u) => {
          for (const marker of layer.querySelectorAll('.finding-marker')) {
            const x = u.valToPos(toSeconds(marker.dataset['date']), 'x');
            marker.style.left = `${x}px`;
            marker.hidden = x < 0 || x > u.over.clientWidth;
          }
        },
      ],
    },
  };
}

function draw(category, rows, findings) {
  chart?.destroy();
  chart = null;
  const label = category.labels.en;
  const findingsByDate = new Map();
  for (const f of findings) findingsByDate.set(f.date, [...(findingsByDate.get(f.date) ?? []), f]);

  // The bars first, so that the line of totals is drawn over them.
  const data = [rows.map((r) => toSeconds(r.date)), rows.map((r) => r.delta), rows.map((r) => r.total)];
  const atCursor = (idx) => (idx === null || idx === undefined ? null : rows[idx]);
  const options = {
    width: Math.max(320, chartEl.clientWidth),
    height: 380,
    tzDate: (ts) => uPlot.tzDate(new Date(ts * 1e3), 'Etc/UTC'),
    scales: {
      x: { time: true, range: (u, min, max) => [min - DAY / 2, max + DAY / 2] },
      total: { auto: true },
      delta: { range: (u, min, max) => [Math.min(0, min ?? 0), Math.max(1, (max ?? 0) * 1.15)] },
    },
    axes: [
      { incrs: X_INCREMENTS, space: 70, values: (u, splits, axis, space, incr) => splits.map((v) => axisDate(v, incr)) },
      { scale: 'total', label: 'total', size: axisSize, values: (u, splits) => splits.map(axisNumber) },
      { scale: 'delta', label: 'daily delta', side: 1, size: axisSize, grid: { show: false }, values: (u, splits) => splits.map(axisNumber) },
    ],
    series: [
      { label: 'date', value: (u, v) => (v === null ? '–' : new Date(v * 1000).toISOString().slice(0, 10)) },
      {
        label: `${label}: daily delta`,
        scale: 'delta',
        stroke: '#c06c00',
        // Outlines only while the bars are wide enough to tell apart.
        width: rows.length > 120 ? 0 : 1,
        fill: 'rgba(224, 138, 30, 0.45)',
        paths: uPlot.paths.bars({ size: [0.6, 40] }),
        fillTo: 0,
        points: { show: false },
        value: (u, v, si, idx) => {
          const row = atCursor(idx);
          if (!row) return v === null ? '–' : signed(v);
          return `${v === null ? 'not stated' : signed(v)} (source ${row.source})`;
        },
      },
      {
        label: `${label}: total`,
        scale: 'total',
        stroke: '#1f5fa8',
        width: 2,
        value: (u, v, si, idx) => {
          const row = atCursor(idx);
          if (!row) return v === null ? '–' : full.format(v);
          return `${describeTotal(row)} (source ${row.source})`;
        },
      },
    ],
    legend: { live: true },
    cursor: { points: { size: 8 } },
    hooks: {
      setCursor: [
        (u) => {
          const row = atCursor(u.cursor.idx);
          pointEl.textContent = row ? describePoint(label, row, findingsByDate.get(row.date) ?? []) : '';
        },
      ],
    },
    plugins: [markersPlugin(rows, findingsByDate, label)],
  };
  chart = new uPlot(options, data, chartEl);
  const canvas = chart.ctx.canvas;
  const first = rows[0];
  const last = rows[rows.length - 1];
  canvas.setAttribute('role', 'img');
  canvas.setAttribute(
    'aria-label',
    `Chart of ${label}: ${rows.length} days from ${first.date} to ${last.date}; latest total ${describeTotal(last)}; ${findingsByDate.size} day(s) with findings`,
  );
}

async function show(key) {
  const category = categories.get(key);
  if (!category) return;
  const mine = ++generation;
  chartEl.dataset['state'] = 'loading';
  setStatus(`Loading ${category.labels.en}…`);
  try {
    const query = encodeURIComponent(key);
    const [series, findings] = await Promise.all([getJson(`api/series?category=${query}`), getJson(`api/findings?category=${query}`)]);
    if (mine !== generation) return;
    const rows = series.rows;
    const inRange = rows.length === 0 ? [] : findings.findings.filter((f) => f.date >= rows[0].date && f.date <= rows[rows.length - 1].date);
    chartEl.dataset['category'] = key;
    chartEl.dataset['points'] = String(rows.length);
    renderFindingsList(findings.findings);
    if (rows.length === 0) {
      chart?.destroy();
      chart = null;
      pointEl.textContent = '';
      setStatus(`No figures are stored for ${category.labels.en}.`);
    } else {
      draw(category, rows, inRange);
      setStatus(`${category.labels.en}: ${rows.length} days, ${rows[0].date} to ${rows[rows.length - 1].date}; ${findings.findings.length} finding(s).`);
    }
    chartEl.dataset['state'] = 'ready';
  } catch (error) {
    if (mine !== generation) return;
    chartEl.dataset['state'] = 'error';
    setStatus(`Could not load ${category.labels.en}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

async function start() {
  try {
    const { categories: list } = await getJson('api/categories');
    select.replaceChildren(
      ...list.map((c) => {
        const option = document.createElement('option');
        option.value = c.key;
        option.textContent = c.until ? `${c.labels.en} (${c.since} to ${c.until})` : c.labels.en;
        categories.set(c.key, c);
        return option;
      }),
    );
  } catch (error) {
    chartEl.dataset['state'] = 'error';
    setStatus(`Could not load the categories: ${error instanceof Error ? error.message : String(error)}`);
    return;
  }
  const wanted = decodeURIComponent(location.hash.slice(1));
  select.value = categories.has(wanted) ? wanted : select.options[0]?.value ?? '';
  select.disabled = false;
  select.addEventListener('change', () => {
    history.replaceState(null, '', `#${select.value}`);
    void show(select.value);
  });
  // A link or the history to another #category switches the chart too.
  window.addEventListener('hashchange', () => {
    const key = decodeURIComponent(location.hash.slice(1));
    if (categories.has(key) && key !== select.value) {
      select.value = key;
      void show(key);
    }
  });
  window.addEventListener('resize', () => chart?.setSize({ width: Math.max(320, chartEl.clientWidth), height: 380 }));
  await show(select.value);
}

void start();
