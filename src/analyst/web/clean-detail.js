// The clean series' word on the day under the cursor, under the chart: the total the line shows
// and what the report printed, why (the reason) and on what grounds (the evidence). Hidden on
// days it takes as stated without a note.
import { hasNote } from './clean.js';
import { describeTotal } from './format.js';

function paragraph(className, text) {
  const p = document.createElement('p');
  p.className = className;
  p.textContent = text;
  return p;
}

/** `entries`: [{ label, row }], a category in view each; a row may be null (no figures that day). */
export function renderCleanDetail(el, entries) {
  const noted = entries.filter((e) => e.row && hasNote(e.row));
  el.replaceChildren(
    ...noted.map(({ label, row }) => {
      const note = document.createElement('div');
      note.className = 'clean-note';
      note.dataset['status'] = row.clean.status;
      note.append(paragraph('detail-heading', `${row.date} · ${label}: total ${describeTotal(row)}`));
      if (row.clean.reason) note.append(paragraph('clean-reason', `Reason: ${row.clean.reason}`));
      if (row.clean.evidence) note.append(paragraph('clean-evidence', `Evidence: ${row.clean.evidence}`));
      return note;
    }),
  );
  el.hidden = noted.length === 0;
}
