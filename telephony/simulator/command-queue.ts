/**
 * A channel's command queue. Asterisk runs ARI channel operations on the channel's own thread, one at a
 * time: while a playback runs, `POST .../variable` waits, DTMF is sent later, a second `play` queues
 * (trace 11). GETs, `DELETE /playbacks/{id}` and `DELETE /channels/{id}` bypass the queue.
 */
export interface Command {
  /** Runs the command; `done` releases the queue (a playback calls it when it finishes). */
  run(done: () => void): void;
  /** The channel went away before the command ran. */
  cancel(): void;
}

export class CommandQueue {
  private readonly items: Command[] = [];
  private running = false;
  private pumping = false;

  get busy(): boolean {
    return this.running || this.items.length > 0;
  }

  get length(): number {
    return this.items.length;
  }

  enqueue(command: Command): void {
    this.items.push(command);
    this.pump();
  }

  /** Drops every command not yet started (the channel hung up). */
  cancelPending(): void {
    const pending = this.items.splice(0);
    for (const c of pending) c.cancel();
  }

  private pump(): void {
    if (this.pumping) return;
    this.pumping = true;
    while (!this.running && this.items.length > 0) {
      const command = this.items.shift()!;
      this.running = true;
      let released = false;
      command.run(() => {
        if (released) return;
        released = true;
        this.running = false;
        this.pump();
      });
    }
    this.pumping = false;
  }
}
