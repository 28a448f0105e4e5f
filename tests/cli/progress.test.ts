import { describe, expect, it } from 'vitest';
import { createProgress } from '../../src/cli/progress.js';

function sink() {
  const chunks: string[] = [];
  return { stream: { write: (chunk: string) => chunks.push(chunk) } as unknown as NodeJS.WritableStream, chunks };
}

describe('createProgress', () => {
  it('writes a plain line every few seconds when not on a terminal, none for a short run', () => {
    let clock = 0;
    const { stream, chunks } = sink();
    const progress = createProgress(stream, { tty: false, label: 'backfill mod', now: () => clock, everyMs: 5000 });
    progress.update(0, 100);
    clock = 1000;
    progress.update(10, 100);
    expect(chunks).toEqual([]);
    clock = 5000;
    progress.update(50, 100);
    progress.finish();
    expect(chunks).toEqual(['backfill mod: 50/100 days 50% 10.0/s ETA 5s\n']);
  });

  it('redraws a bar with count, rate and ETA on a terminal', () => {
    let clock = 0;
    const { stream, chunks } = sink();
    const progress = createProgress(stream, { tty: true, label: 'backfill mod', now: () => clock });
    clock = 2000;
    progress.update(25, 100);
    progress.finish();
    expect(chunks).toEqual(['\rbackfill mod [######------------------] 25/100 days 25% 12.5/s ETA 6s\u001b[K', '\n']);
  });
});
