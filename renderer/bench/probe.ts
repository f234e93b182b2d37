/**
 * What tests/bench/desk-render.ts reads from the page (`window.deskBench`). Times are
 * `performance.now()` values: milliseconds since the navigation started. "Visible" means the
 * element is laid out and inside its scrolling pane's visible area, checked once per frame
 * (requestAnimationFrame runs just before the browser paints that frame). Each moment is also
 * marked (`deskbench:…`, performance.mark) so a Chromium trace can tell the CPU spent between them.
 */
export interface DeskBenchProbe {
  /** When the bench module started (the app's code loaded and evaluated). */
  scriptAt: number;
  /** Time spent making the bench data and filling the cache (the real app reads it from disk). */
  seedMs: number;
  tickets: number;
  messages: number;
  /** Resolves with the time the first row of the ticket list was first visible. */
  firstRow(): Promise<number>;
  /** Clicks the long conversation's row; resolves with the ms from the click until its last message is visible. */
  openLongConversation(): Promise<number>;
  /** Scrolls a pane for `ms` at `pxPerSecond` (turning at either end); resolves with the time between frames. */
  scroll(pane: 'list' | 'conversation', ms: number, pxPerSecond: number): Promise<number[]>;
  /**
   * Goes back through the conversation's history for `ms`, as an agent dragging the scroll bar to
   * the top again and again: jumps to the top, and once the older messages that asked for have
   * arrived, a screen down and to the top again; stops early once every message shows. Resolves
   * with the time between frames, how many messages the conversation shows, and the time it took.
   */
  history(ms: number): Promise<{ frames: number[]; shown: number; ms: number }>;
}

declare global {
  interface Window {
    deskBench?: DeskBenchProbe;
  }
}

/**
 * The time the next animation frame's callbacks run. Not requestAnimationFrame's own timestamp:
 * that is when the frame was due, which lies before a long task that delayed it.
 */
const frame = () => new Promise<number>((resolve) => requestAnimationFrame(() => resolve(performance.now())));

/** The nearest ancestor that scrolls (the pane the element is shown in). */
function scrollerOf(el: Element): HTMLElement {
  for (let p = el.parentElement; p; p = p.parentElement) {
    const overflow = getComputedStyle(p).overflowY;
    if ((overflow === 'auto' || overflow === 'scroll') && p.scrollHeight > p.clientHeight) return p;
  }
  return document.documentElement;
}

function isVisible(el: Element): boolean {
  const box = el.getBoundingClientRect();
  if (box.height === 0 || box.width === 0) return false;
  const pane = scrollerOf(el).getBoundingClientRect();
  return box.bottom > pane.top && box.top < pane.bottom && box.bottom > 0 && box.top < window.innerHeight;
}

/** The time of the first frame in which `selector` matches a visible element. */
async function whenVisible(selector: string, mark: string, timeoutMs = 30_000): Promise<number> {
  const until = performance.now() + timeoutMs;
  for (;;) {
    const at = await frame();
    const el = document.querySelector(selector);
    if (el && isVisible(el)) {
      performance.mark(`deskbench:${mark}`);
      return at;
    }
    if (at > until) throw new Error(`Nothing visible matched ${selector} within ${timeoutMs} ms`);
  }
}

/** The scrolling element of a pane, found from one of its rows. */
function paneOf(pane: 'list' | 'conversation'): HTMLElement {
  const inside = document.querySelector(pane === 'list' ? '[data-ticket-index]' : '[data-message-id]');
  if (!inside) throw new Error(`The ${pane} is not on screen`);
  return scrollerOf(inside);
}

/**
 * Calls `step` once per frame for `ms` (with the previous gap), or until it answers that it is
 * done; the gaps between frames, each frame marked as `mark`.
 */
async function recordFrames(mark: string, ms: number, step: (lastGap: number) => boolean | void): Promise<number[]> {
  const gaps: number[] = [];
  let last = await frame();
  performance.mark(mark);
  const end = last + ms;
  while (last < end) {
    if (step(gaps[gaps.length - 1] ?? 16.7) === true) break;
    const now = await frame();
    performance.mark(mark);
    gaps.push(now - last);
    last = now;
  }
  return gaps;
}

export interface ProbeInfo {
  scriptAt: number;
  seedMs: number;
  tickets: number;
  messages: number;
  lastMessageId: string;
  longTicketName: string;
  /** How many messages of the long conversation the app has read so far (the largest page asked for). */
  shownMessages(): number;
}

export function installProbe(info: ProbeInfo): DeskBenchProbe {
  // Started before the app mounts, so the first frame showing a row is not missed.
  const firstRow = whenVisible('[data-ticket-index="0"]', 'first-row');
  const probe: DeskBenchProbe = {
    scriptAt: info.scriptAt,
    seedMs: info.seedMs,
    tickets: info.tickets,
    messages: info.messages,
    firstRow: () => firstRow,
    async openLongConversation() {
      const row = document.querySelector<HTMLElement>('[data-ticket-index="0"]');
      if (!row?.textContent?.includes(info.longTicketName)) throw new Error(`The first row of the list is not ${info.longTicketName}'s ticket`);
      const clickedAt = performance.now();
      performance.mark('deskbench:open');
      row.click();
      return (await whenVisible(`[data-message-id="${info.lastMessageId}"]`, 'last-message')) - clickedAt;
    },
    async scroll(pane, ms, pxPerSecond) {
      const el = paneOf(pane);
      // The list starts at its top and goes down; the conversation starts at its end and goes up.
      let direction = pane === 'list' ? 1 : -1;
      return recordFrames(`deskbench:frame:${pane}`, ms, (lastGap) => {
        const max = el.scrollHeight - el.clientHeight;
        let next = el.scrollTop + (direction * pxPerSecond * Math.min(lastGap, 100)) / 1000;
        if (next <= 0) [next, direction] = [0, 1];
        else if (next >= max) [next, direction] = [max, -1];
        el.scrollTop = next;
      });
    },
    async history(ms) {
      const el = paneOf('conversation');
      const started = performance.now();
      let height = el.scrollHeight;
      let still = 0;
      const frames = await recordFrames('deskbench:frame:history', ms, () => {
        if (el.scrollTop > 0) {
          el.scrollTop = 0;
        } else if (el.scrollHeight !== height) {
          // Older messages arrived while at the top: a screen down, to jump up again next frame.
          height = el.scrollHeight;
          still = 0;
          el.scrollTop = el.clientHeight;
        } else if (info.shownMessages() >= info.messages && ++still > 5) {
          return true;
        }
        return false;
      });
      return { frames, shown: info.shownMessages(), ms: performance.now() - started };
    },
  };
  window.deskBench = probe;
  return probe;
}
