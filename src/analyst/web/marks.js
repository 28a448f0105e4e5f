// The marks of the clean series, told apart by shape, not by colour alone: a solid diamond where a
// total was repaired, a solid square where one was inferred, a triangle where the evidence is
// disputed, and a hollow circle at the total as printed where the line leaves it. One category's
// chart draws them as uPlot series of points (the legend names them and gives their values, the
// instance holds them); compared categories get them on their lines, in the line's colour.
import uPlot from './vendor/uPlot.esm.js';
import { MARKED } from './clean.js';

export const MARKS = {
  repaired: { label: 'repaired', shape: 'diamond', colour: '#1b7a3d', solid: true },
  inferred: { label: 'inferred', shape: 'square', colour: '#6a3d9a', solid: true },
  disputed: { label: 'disputed', shape: 'triangle', colour: '#b3261e', solid: true },
  printed: { label: 'as printed', shape: 'circle', colour: '#1b1b1b', solid: false },
};
/** Larger than uPlot's own points on the line, so that a mark is never hidden behind one. */
const SIZE = 11;

/** Adds a shape of radius `r` centred on (x, y) to a path. */
function addShape(path, shape, x, y, r) {
  if (shape === 'diamond') {
    path.moveTo(x, y - r);
    path.lineTo(x + r, y);
    path.lineTo(x, y + r);
    path.lineTo(x - r, y);
    path.closePath();
  } else if (shape === 'square') {
    // A square of the diamond's area looks the same size.
    const half = r * 0.75;
    path.rect(x - half, y - half, 2 * half, 2 * half);
  } else if (shape === 'triangle') {
    path.moveTo(x, y - r);
    path.lineTo(x + r, y + r * 0.75);
    path.lineTo(x - r, y + r * 0.75);
    path.closePath();
  } else {
    path.moveTo(x + r, y);
    path.arc(x, y, r, 0, 2 * Math.PI);
  }
}

/** uPlot's `points.paths` for a series of marks: the shape at every value, in canvas pixels. */
export function markPoints(shape) {
  return (u, si, i0, i1) => {
    const { scale, points } = u.series[si];
    const r = (points.size / 2) * uPlot.pxRatio;
    const path = new Path2D();
    for (let i = i0; i <= i1; i++) {
      const v = u.data[si][i];
      if (v !== null && v !== undefined) addShape(path, shape, u.valToPos(u.data[0][i], 'x', true), u.valToPos(v, scale, true), r);
    }
    // Marks at the edge of the plot may stick out a little, not over the axes.
    const { left, top, width, height } = u.bbox;
    const clip = new Path2D();
    clip.rect(left - r, top - r, width + 2 * r, height + 2 * r);
    return { stroke: path, fill: path, clip, flags: 0 };
  };
}

/** The uPlot series of one kind of mark, on the scale of the total: points only, no line. */
export function markSeries(kind, format) {
  const mark = MARKS[kind];
  const fill = mark.solid ? mark.colour : '#fff';
  return {
    label: mark.label,
    scale: 'total',
    // On the legend row too, which draws the marker in the same shape (chart.css).
    class: `mark-${mark.shape}`,
    stroke: mark.colour,
    fill,
    width: 0,
    paths: () => null,
    points: { show: true, size: SIZE, width: 1.5, stroke: mark.colour, fill, paths: markPoints(mark.shape) },
    value: (u, v) => (v === null ? '–' : format(v)),
  };
}

/**
 * Compared categories: each shown line's marked days, drawn on the line after uPlot has drawn it.
 * `lines`: [{ values, markAt(idx), colour }] in the order of the plot's series after x.
 */
export function lineMarksPlugin(lines) {
  return {
    hooks: {
      draw: [
        (u) => {
          const r = (SIZE / 2) * uPlot.pxRatio;
          const { ctx } = u;
          ctx.save();
          const { left, top, width, height } = u.bbox;
          ctx.beginPath();
          ctx.rect(left - r, top - r, width + 2 * r, height + 2 * r);
          ctx.clip();
          lines.forEach((line, i) => {
            if (!u.series[i + 1].show) return;
            for (const kind of MARKED) {
              const path = new Path2D();
              line.values.forEach((v, idx) => {
                if (v !== null && line.markAt(idx) === kind) addShape(path, MARKS[kind].shape, u.valToPos(u.data[0][idx], 'x', true), u.valToPos(v, 'y', true), r);
              });
              ctx.fillStyle = line.colour;
              ctx.strokeStyle = '#fff';
              ctx.lineWidth = uPlot.pxRatio;
              ctx.fill(path);
              ctx.stroke(path);
            }
          });
          ctx.restore();
        },
      ],
    },
  };
}
