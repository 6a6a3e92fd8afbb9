import { messageOf } from '../core/errors.js';

/** A message for the page; some offer one thing to do about it. */
export interface Message {
  readonly id: number;
  readonly text: string;
  /** Lines behind a "show" toggle: each file of a group, named. */
  readonly details: readonly string[];
  readonly action?: { readonly label: string; readonly run: () => void };
}

/** A file that could not be used, and why (the reason names the file). */
export interface FileProblem {
  readonly name: string;
  /** A sentence for the page that names the file. */
  readonly reason: string;
  readonly offer?: Message['action'];
}

/** Up to this many problems of one drop are shown one by one; more are grouped into one message. */
export const GROUP_OVER = 3;

/**
 * What the page has to tell, kept until the user dismisses it: nothing is dropped to make room.
 * Problems from one drop of many files become one message that names every file.
 */
export class MessageStore {
  private list: Message[] = [];
  private nextId = 0;
  private readonly noted = new Set<string>();

  constructor(private readonly changed: () => void) {}

  get messages(): readonly Message[] {
    return this.list;
  }

  say(text: string, action?: Message['action'], details: readonly string[] = []): void {
    this.list = [...this.list, { id: ++this.nextId, text, details, ...(action ? { action } : {}) }];
    this.changed();
  }

  /**
   * A remark about a photo, said once: the same photo is decoded again each time it is chosen,
   * and a note the user has read (or dismissed) should not come back every time.
   */
  note(text: string): void {
    if (this.noted.has(text)) return;
    this.noted.add(text);
    this.say(text);
  }

  /** Something that went wrong, from a caught error: `what` says what was being done. */
  fail(what: string, e: unknown): void {
    this.say(`${what} failed: ${messageOf(e)}`);
  }

  /** The files of one drop that could not be used: each named, grouped when there are many. */
  sayFiles(problems: readonly FileProblem[]): void {
    // A problem with an offer (downscale) keeps a message and a button of its own.
    for (const p of problems) if (p.offer) this.say(p.reason, p.offer);
    const plain = problems.filter((p) => !p.offer);
    if (plain.length > GROUP_OVER)
      this.say(
        `${plain.length} files could not be used.`,
        undefined,
        plain.map((p) => p.reason),
      );
    else for (const p of plain) this.say(p.reason);
  }

  dismiss(id: number): void {
    this.list = this.list.filter((m) => m.id !== id);
    this.changed();
  }

  clear(): void {
    this.list = [];
    this.changed();
  }
}
