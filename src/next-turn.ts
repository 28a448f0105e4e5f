/**
 * A promise that settles on the event loop's next turn, after the I/O that is waiting: awaited
 * chains of already-settled promises never give I/O a turn, so a long piece of work that must
 * not hold up sockets awaits this first.
 */
export const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
