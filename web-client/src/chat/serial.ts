// Runs async tasks one at a time, in the order they were queued. MLS state
// must never be changed by two tasks at once (process, encrypt, commit).

export class SerialQueue {
  private tail: Promise<void> = Promise.resolve();
  private pending = 0;

  constructor(private readonly onError: (error: unknown) => void = (e) => console.error(e)) {}

  push(task: () => void | Promise<void>): Promise<void> {
    this.pending += 1;
    const run = this.tail.then(task).catch(this.onError).finally(() => {
      this.pending -= 1;
    });
    this.tail = run;
    return run;
  }

  /** Number of tasks queued or running. */
  get size(): number {
    return this.pending;
  }

  /** Resolves when everything queued so far has run. */
  idle(): Promise<void> {
    return this.tail;
  }
}
