// The findings of the view: markers above the plot, their detail in the page, and the list under
// the chart. Days closer together than a marker is wide share one marker (a pill across them), so
// that no marker ever covers another: each can be pointed at. Every marker is a button; the
// keyboard reaches the row of them with one Tab stop and moves along it with the arrow keys,
// Home and End (a long history has hundreds). Hover, focus and click all show the detail.
import { toSeconds } from './format.js';

const MARKER = 14;
const GAP = 2;
const DETAIL_LIMIT = 30;
const LIST_LIMIT = 200;
const SEVERITIES = ['error', 'warning', 'info'];

function worstSeverity(findings) {
  return SEVERITIES.find((s) => findings.some((f) => f.severity === s)) ?? 'info';
}

function countBySeverity(findings) {
  return SEVERITIES.map((s) => [s, findings.filter((f) => f.severity === s).length])
    .filter(([, n]) => n > 0)
    .map(([s, n]) => `${n} ${s}${n === 1 ? '' : 's'}`)
    .join(', ');
}

const where = (f, labelOf) => (f.category === null ? 'whole report' : labelOf(f.category));

/** One finding as a list item: date, category, source, severity, kind and detail. */
function findingItem(f, labelOf) {
  const li = document.createElement('li');
  li.dataset['date'] = f.date;
  const severity = document.createElement('span');
  severity.className = `severity-${f.severity}`;
  severity.textContent = f.severity;
  const source = document.createElement('span');
  source.className = 'source';
  source.textContent = f.source;
  li.append(`${f.date} ${where(f, labelOf)} `, source, ' ', severity, ` ${f.kind}: ${f.detail}`);
  return li;
}

export function renderFindingsList(listEl, findings, labelOf) {
  const shown = findings.slice(0, LIST_LIMIT);
  listEl.replaceChildren(...shown.map((f) => findingItem(f, labelOf)));
  const more = findings.length - shown.length;
  if (findings.length === 0 || more > 0) {
    const li = document.createElement('li');
    li.textContent = findings.length === 0 ? 'none' : `… and ${more} more: narrow the range to list them`;
    listEl.append(li);
  }
}

/** Groups of days whose markers would touch, left to right. */
function clusters(days, xOf, width) {
  const out = [];
  for (const [date, dayFindings] of days) {
    const x = xOf(date);
    if (x < 0 || x > width) continue;
    const last = out[out.length - 1];
    if (last && x - last.lastX < MARKER + GAP) {
      Object.assign(last, { to: date, lastX: x, findings: [...last.findings, ...dayFindings], days: last.days + 1 });
    } else {
      out.push({ from: date, to: date, firstX: x, lastX: x, findings: dayFindings, days: 1 });
    }
  }
  return out;
}

function markerLabel(cluster, labelOf) {
  if (cluster.days === 1) {
    return `Findings on ${cluster.from}: ${cluster.findings.map((f) => `${where(f, labelOf)} ${f.kind} (${f.severity}, ${f.source})`).join('; ')}`;
  }
  return `Findings on ${cluster.days} days from ${cluster.from} to ${cluster.to}: ${countBySeverity(cluster.findings)}`;
}

export function findingsPlugin({ findings, labelOf, layerLabel, detailEl, onDate, onZoom }) {
  const days = new Map();
  for (const f of findings) days.set(f.date, [...(days.get(f.date) ?? []), f]);
  let layer;
  /** The date of the marker that holds the keyboard's tab stop, kept across redraws. */
  let current = null;

  function showDetail(cluster) {
    const heading = document.createElement('p');
    heading.className = 'detail-heading';
    heading.textContent =
      cluster.days === 1
        ? `Findings on ${cluster.from} (${countBySeverity(cluster.findings)})`
        : `Findings on ${cluster.days} days from ${cluster.from} to ${cluster.to} (${countBySeverity(cluster.findings)})`;
    const list = document.createElement('ul');
    list.append(...cluster.findings.slice(0, DETAIL_LIMIT).map((f) => findingItem(f, labelOf)));
    const parts = [heading, list];
    if (cluster.findings.length > DETAIL_LIMIT) {
      const more = document.createElement('p');
      more.textContent = `… and ${cluster.findings.length - DETAIL_LIMIT} more on these days.`;
      parts.push(more);
    }
    if (cluster.days > 1) {
      const zoom = document.createElement('button');
      zoom.type = 'button';
      zoom.textContent = `Zoom to ${cluster.from} – ${cluster.to}`;
      zoom.addEventListener('click', () => onZoom(cluster.from, cluster.to));
      parts.push(zoom);
    }
    detailEl.replaceChildren(...parts);
    detailEl.hidden = false;
    for (const marker of layer.children) marker.classList.toggle('active', marker.dataset['from'] === cluster.from);
  }

  function moveFocus(event) {
    const markers = [...layer.children];
    const at = markers.indexOf(document.activeElement);
    const next = { ArrowRight: at + 1, ArrowDown: at + 1, ArrowLeft: at - 1, ArrowUp: at - 1, Home: 0, End: markers.length - 1 }[event.key];
    if (next === undefined || at < 0) return;
    event.preventDefault();
    markers[Math.max(0, Math.min(markers.length - 1, next))]?.focus();
  }

  function build(u) {
    const hadFocus = layer.contains(document.activeElement);
    const groups = clusters(days, (date) => u.valToPos(toSeconds(date), 'x'), u.over.clientWidth);
    if (!groups.some((c) => current !== null && c.from <= current && current <= c.to)) current = groups[0]?.from ?? null;
    layer.replaceChildren(
      ...groups.map((cluster) => {
        const marker = document.createElement('button');
        marker.type = 'button';
        marker.className = 'finding-marker';
        marker.dataset['from'] = cluster.from;
        marker.dataset['to'] = cluster.to;
        marker.dataset['severity'] = worstSeverity(cluster.findings);
        marker.dataset['count'] = String(cluster.findings.length);
        marker.style.left = `${cluster.firstX - MARKER / 2}px`;
        marker.style.width = `${cluster.lastX - cluster.firstX + MARKER}px`;
        marker.setAttribute('aria-label', markerLabel(cluster, labelOf));
        marker.setAttribute('aria-controls', detailEl.id);
        const holdsStop = current !== null && cluster.from <= current && current <= cluster.to;
        marker.tabIndex = holdsStop ? 0 : -1;
        const show = () => {
          current = cluster.from;
          for (const m of layer.children) m.tabIndex = m === marker ? 0 : -1;
          showDetail(cluster);
          onDate(cluster.from);
        };
        marker.addEventListener('focus', show);
        marker.addEventListener('mouseenter', show);
        marker.addEventListener('click', show);
        return marker;
      }),
    );
    if (hadFocus) [...layer.children].find((m) => m.tabIndex === 0)?.focus();
  }

  return {
    hooks: {
      init: [
        (u) => {
          layer = document.createElement('div');
          layer.className = 'finding-markers';
          layer.setAttribute('role', 'group');
          layer.setAttribute('aria-label', layerLabel);
          layer.addEventListener('keydown', moveFocus);
          // Beside the plot area, not in it: a press on a marker must not start a drag zoom.
          u.over.parentNode.append(layer);
        },
      ],
      draw: [
        (u) => {
          layer.style.left = u.over.style.left;
          layer.style.top = `calc(${u.over.style.top} - ${MARKER + 8}px)`;
          layer.style.width = u.over.style.width;
          build(u);
        },
      ],
    },
  };
}
