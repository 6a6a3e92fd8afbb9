/**
 * Long tasks on the main thread while a run goes, from the Long Tasks API where the browser
 * has it. Entries arrive after their task ends, so `stop` waits one task before reading.
 */
export class LongTaskWatch {
  private longest = 0;
  private total = 0;
  private observer: PerformanceObserver | null = null;

  start(): this {
    if ((PerformanceObserver.supportedEntryTypes as readonly string[] | undefined)?.includes('longtask')) {
      this.observer = new PerformanceObserver((list) => this.add(list.getEntries()));
      this.observer.observe({ type: 'longtask' });
    }
    return this;
  }

  async stop(): Promise<{ longestMs: number; totalMs: number }> {
    if (this.observer) {
      await new Promise((r) => setTimeout(r, 0));
      this.add(this.observer.takeRecords());
      this.observer.disconnect();
      this.observer = null;
    }
    return { longestMs: this.longest, totalMs: this.total };
  }

  private add(entries: PerformanceEntryList): void {
    for (const e of entries) {
      this.longest = Math.max(this.longest, e.duration);
      this.total += e.duration;
    }
  }
}
