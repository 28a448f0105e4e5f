// Talking to the server: JSON with its one-line error reasons, and the query that names a view
// (the same for the chart's data and the CSV download, so that the file holds what is shown).

export async function getJson(path) {
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

/** category=…&category=…&from=…&to=…, with the open ends left out. */
export function viewQuery(categories, range) {
  const params = new URLSearchParams();
  for (const key of categories) params.append('category', key);
  if (range.from) params.set('from', range.from);
  if (range.to) params.set('to', range.to);
  return params.toString();
}

/** The chart always asks for the clean series beside the stated one: it draws both. */
export const chartUrl = (query) => `api/chart?${query}&clean=1`;
/** The project's own export (`losstally export`, long shape) over the same query. */
export const exportUrl = (query) => `export.csv?${query}`;
/** The same for the clean series (`losstally export --clean`). */
export const cleanExportUrl = (query) => `export.csv?${query}&clean=1`;
