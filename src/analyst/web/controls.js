// The controls above the chart: the category boxes, the range presets and dates, the scale and
// the comparison settings. They show the state they are given and report changes; the page
// (chart.js) owns the state and the URL.

const $ = (id) => document.getElementById(id);

export function buildCategoryBoxes(fieldset, categories) {
  fieldset.replaceChildren(
    fieldset.querySelector('legend'),
    ...[...categories.values()].map((c) => {
      const label = document.createElement('label');
      const box = document.createElement('input');
      box.type = 'checkbox';
      box.name = 'category';
      box.value = c.key;
      label.append(box, ` ${c.labels.en}`);
      if (c.until) {
        const dates = document.createElement('span');
        dates.className = 'hint';
        dates.textContent = ` (${c.since} to ${c.until})`;
        label.append(dates);
      }
      return label;
    }),
  );
  fieldset.disabled = false;
}

/** The range inputs are not set here: the page fills them in once the data is in. */
export function syncControls(fieldset, state) {
  for (const box of fieldset.querySelectorAll('input')) box.checked = state.categories.includes(box.value);
  for (const button of document.querySelectorAll('[data-range]')) button.setAttribute('aria-pressed', String(button.dataset['range'] === state.range));
  for (const radio of document.querySelectorAll('input[name="scale"]')) radio.checked = radio.value === state.scale;
  $('compare').hidden = state.categories.length < 2;
  $('measure').value = state.measure;
  $('norm').value = state.norm;
  $('index-label').hidden = state.norm !== 'index';
}

/**
 * `change(patch)` gets each change of view; `follow()` is called when the URL changed under the
 * page (Back, Forward, an edited or followed link); `forgetZoom()` when a range is chosen anew.
 */
export function wireControls({ categoriesEl, change, follow, forgetZoom, setStatus }) {
  categoriesEl.addEventListener('change', (event) => {
    const chosen = [...categoriesEl.querySelectorAll('input:checked')].map((b) => b.value);
    if (chosen.length === 0) {
      // The chart always shows something: the last category cannot be taken away.
      event.target.checked = true;
      setStatus('Keep at least one category.');
      return;
    }
    change({ categories: chosen });
  });
  for (const button of document.querySelectorAll('[data-range]')) {
    button.addEventListener('click', () => {
      forgetZoom();
      change({ range: button.dataset['range'], from: null, to: null });
    });
  }
  for (const id of ['from', 'to']) {
    $(id).addEventListener('change', () => {
      const from = $('from').value || null;
      const to = $('to').value || null;
      if (from && to && from > to) return setStatus(`The range cannot start (${from}) after it ends (${to}).`);
      forgetZoom();
      change({ range: from || to ? 'custom' : 'all', from, to });
    });
  }
  for (const radio of document.querySelectorAll('input[name="scale"]')) radio.addEventListener('change', () => change({ scale: radio.value }));
  $('measure').addEventListener('change', () => change({ measure: $('measure').value }));
  $('norm').addEventListener('change', () => change({ norm: $('norm').value }));
  $('index').addEventListener('change', () => change({ index: $('index').value || null }));
  window.addEventListener('popstate', follow);
  window.addEventListener('hashchange', follow);
}
