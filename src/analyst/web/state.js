// The view the page shows (categories, date range, scale, normalisation), kept in the URL's hash
// so that a reload, a bookmark or a shared link shows the same view. Only what differs from the
// defaults is written: #c=tanks,afv&range=90d&scale=log&norm=index&index=2026-07-01&measure=average
// The page's first links were "#tanks"; they still open that category.

/** The presets, as the number of days they span up to the latest report (null: everything). */
export const RANGES = { all: null, '1y': 365, '90d': 90 };

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;

export const isIsoDate = (text) => typeof text === 'string' && ISO_DATE.test(text) && new Date(`${text}T00:00:00Z`).toISOString().slice(0, 10) === text;
export const addDays = (date, days) => new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
export const daysBetween = (from, to) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);

/** The analyst's calendar date: the age of the latest report counts in their days. */
export function today() {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}

export function defaultState(firstKey) {
  return { categories: [firstKey], range: 'all', from: null, to: null, scale: 'linear', norm: 'max', index: null, measure: 'total' };
}

/** The state a hash asks for; whatever it holds that is unknown or malformed is left at its default. */
export function readState(hash, keys) {
  const text = hash.replace(/^#/, '');
  const state = defaultState(keys[0]);
  if (text === '') return state;
  if (!text.includes('=')) {
    const key = decodeURIComponent(text);
    if (keys.includes(key)) state.categories = [key];
    return state;
  }
  const params = new URLSearchParams(text);
  // In registry order, as the checkboxes list them.
  const asked = (params.get('c') ?? '').split(',');
  const wanted = keys.filter((k) => asked.includes(k));
  if (wanted.length > 0) state.categories = wanted;
  const from = isIsoDate(params.get('from')) ? params.get('from') : null;
  const to = isIsoDate(params.get('to')) ? params.get('to') : null;
  if ((from !== null || to !== null) && !(from !== null && to !== null && from > to)) {
    Object.assign(state, { range: 'custom', from, to });
  } else if (Object.hasOwn(RANGES, params.get('range') ?? '')) {
    state.range = params.get('range');
  }
  if (params.get('scale') === 'log') state.scale = 'log';
  if (params.get('norm') === 'index') state.norm = 'index';
  if (isIsoDate(params.get('index'))) state.index = params.get('index');
  if (params.get('measure') === 'average') state.measure = 'average';
  return state;
}

/** The hash for a state. Keys and dates need no escaping, and commas read better unescaped. */
export function writeState(state) {
  const parts = [`c=${state.categories.join(',')}`];
  if (state.range === 'custom') {
    if (state.from) parts.push(`from=${state.from}`);
    if (state.to) parts.push(`to=${state.to}`);
  } else if (state.range !== 'all') {
    parts.push(`range=${state.range}`);
  }
  if (state.scale === 'log') parts.push('scale=log');
  if (state.norm === 'index') parts.push('norm=index');
  if (state.norm === 'index' && state.index) parts.push(`index=${state.index}`);
  if (state.measure === 'average') parts.push('measure=average');
  return `#${parts.join('&')}`;
}

/**
 * The dates a state asks for: a preset counts back from the latest report (not from today, so a
 * database that stopped a while ago still shows its last 90 days). Null ends are open.
 */
export function resolveRange(state, latest) {
  if (state.range === 'custom') return { from: state.from, to: state.to };
  const days = RANGES[state.range];
  if (days === null || !latest) return { from: null, to: null };
  return { from: addDays(latest, -(days - 1)), to: latest };
}
