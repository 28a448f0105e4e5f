/**
 * Progress of a long command: a bar with count, rate and ETA redrawn on a terminal, a plain
 * line every few seconds otherwise (cron mail, log files), and nothing between.
 */
export interface ProgressReporter {
  update(done: number, total: number): void;
  finish(): void;
}

function duration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?';
  const s = Math.round(seconds);
  return s >= 3600 ? `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m` : s >= 60 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s` : `${s}s`;
}

export function createProgress(stream: NodeJS.WritableStream, options: { tty: boolean; label: string; now?: () => number; everyMs?: number }): ProgressReporter {
  const now = options.now ?? (() => performance.now());
  const started = now();
  // The first plain line comes after the first interval: a short run prints none.
  let shownAt = options.tty ? Number.NEGATIVE_INFINITY : started;
  let drawn = false;
  const line = (done: number, total: number) => {
    const seconds = (now() - started) / 1000;
    const rate = seconds > 0 ? done / seconds : 0;
    const eta = rate > 0 ? (total - done) / rate : Number.POSITIVE_INFINITY;
    const percent = total > 0 ? Math.floor((done / total) * 100) : 100;
    return { text: `${done}/${total} days ${percent}% ${rate.toFixed(1)}/s ETA ${duration(eta)}`, percent };
  };
  return {
    update(done, total) {
      const at = now();
      if (options.tty) {
        if (at - shownAt < 100 && done < total) return;
        shownAt = at;
        const { text, percent } = line(done, total);
        const width = 24;
        const filled = Math.round((percent / 100) * width);
        stream.write(`\r${options.label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${text}\u001b[K`);
        drawn = true;
        return;
      }
      if (at - shownAt < (options.everyMs ?? 5000)) return;
      shownAt = at;
      stream.write(`${options.label}: ${line(done, total).text}\n`);
    },
    finish() {
      if (drawn) stream.write('\n');
    },
  };
}
