/**
 * Closes the app to writes while its data is being replaced (a restore): the dispatcher refuses
 * every write with 503 `MAINTENANCE` while it is closed; reads go on.
 */
export class WriteGate {
  private reason: string | null = null;

  get closed(): boolean {
    return this.reason !== null;
  }

  close(reason: string): void {
    this.reason = reason;
  }

  open(): void {
    this.reason = null;
  }
}
