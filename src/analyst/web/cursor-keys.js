// The plot as one Tab stop, a slider over the days in view: the arrow keys move the cursor a day
// at a time, Home and End to the first and last day. The figures of the day, and the clean
// series' word on it, then show under the chart as they do on hover.

function moveTo(u, idx) {
  u.setCursor({ left: u.valToPos(u.data[0][idx], 'x'), top: u.over.clientHeight / 2 });
}

export function cursorKeysPlugin({ dateOf }) {
  return {
    hooks: {
      init: [
        (u) => {
          const over = u.over;
          over.tabIndex = 0;
          over.setAttribute('role', 'slider');
          over.setAttribute('aria-label', 'Day under the cursor (arrow keys: a day back or on; Home, End: the first or last day)');
          over.setAttribute('aria-valuemin', '0');
          // Where the keyboard arrives, the latest day, unless the mouse has put the cursor somewhere.
          over.addEventListener('focus', () => {
            if (u.cursor.idx === null || u.cursor.idx === undefined) moveTo(u, u.data[0].length - 1);
          });
          over.addEventListener('keydown', (event) => {
            const last = u.data[0].length - 1;
            const at = u.cursor.idx ?? last;
            const next = { ArrowLeft: at - 1, ArrowDown: at - 1, ArrowRight: at + 1, ArrowUp: at + 1, Home: 0, End: last }[event.key];
            if (next === undefined) return;
            event.preventDefault();
            moveTo(u, Math.max(0, Math.min(last, next)));
          });
        },
      ],
      // uPlot has no data yet at init.
      setData: [(u) => u.over.setAttribute('aria-valuemax', String(u.data[0].length - 1))],
      setCursor: [
        (u) => {
          const idx = u.cursor.idx;
          if (idx === null || idx === undefined) return;
          u.over.setAttribute('aria-valuenow', String(idx));
          u.over.setAttribute('aria-valuetext', dateOf(u.data[0][idx]));
        },
      ],
    },
  };
}
