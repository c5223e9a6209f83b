import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';

/**
 * Where the learner reads next after the player changes:
 * - `reply`: after a choice, the client's answer to it (the first line after the learner's own);
 *   the conversation's newest line and, in practice, the feedback are brought into view with it;
 * - `response`: the choices (after starting, stepping back or retrying a decision);
 * - `debrief`: the end of the scenario.
 */
export type ReadNext = 'reply' | 'response' | 'debrief';

/** Space kept between what is brought into view and the viewport's edges, in CSS pixels. */
const EDGE = 12;

const prefersReducedMotion = () =>
  typeof window.matchMedia === 'function' &&
  window.matchMedia('(prefers-reduced-motion: reduce)').matches;

/**
 * How far to scroll so the block from `top` to `bottom` (viewport coordinates) is in view: not
 * at all when it is, the least that shows all of it when it fits. When it does not, the part
 * from `mustSee` (a top inside the block) down must be: its bottom goes to the viewport's
 * bottom, showing as much above it as there is room for; if even that part is too tall, it
 * starts at the top.
 */
export function scrollDelta(
  block: { top: number; bottom: number },
  viewportHeight: number,
  mustSee: number,
): number {
  const room = viewportHeight - 2 * EDGE;
  const toBottom = block.bottom - (viewportHeight - EDGE);
  if (block.bottom - block.top <= room) {
    if (block.top >= EDGE && block.bottom <= viewportHeight - EDGE) return 0;
    return block.top < EDGE ? block.top - EDGE : toBottom;
  }
  return block.bottom - mustSee <= room ? toBottom : mustSee - EDGE;
}

/**
 * Keeps the conversation in view: after each change, scrolls what the learner reads next into
 * view (instantly when they asked for less motion), moves focus there without a second jump,
 * and says the practice feedback through a polite live region (a region that is always on the
 * page, so the announcement is not lost when the feedback card first appears).
 */
export function useConversationFocus(
  root: RefObject<HTMLElement | null>,
  /** Changes whenever the player shows something new (the machine's snapshot). */
  shown: unknown,
  /** Where the learner reads first, when the player first renders (null: leave focus be). */
  initial: ReadNext | null = null,
): {
  /** Asks for focus and scrolling at the next render. */
  readNext: (target: ReadNext) => void;
  /** Text for the polite live region; `announce` sets it. */
  announcement: string;
  announce: (text: string) => void;
} {
  const pending = useRef<ReadNext | null>(initial);
  const [announcement, setAnnouncement] = useState('');

  useEffect(() => {
    const target = pending.current;
    pending.current = null;
    const player = root.current;
    if (!target || !player) return;
    if (target !== 'reply') {
      player.querySelector<HTMLElement>(`#${target}-heading`)?.focus();
      return;
    }
    const lines = [...player.querySelectorAll<HTMLElement>('.transcript-lines > li')];
    const newest = lines[lines.length - 1];
    if (!newest) return;
    const own = lines.findLastIndex((line) => line.classList.contains('you'));
    const reply = lines[own + 1] ?? newest;
    const feedback = player.querySelector<HTMLElement>('.decision-feedback');
    const first = reply.getBoundingClientRect();
    const last = newest.getBoundingClientRect();
    const bottom = Math.max(last.bottom, feedback?.getBoundingClientRect().bottom ?? -Infinity);
    const delta = scrollDelta({ top: first.top, bottom }, window.innerHeight, last.top);
    if (delta !== 0)
      window.scrollBy({ top: delta, behavior: prefersReducedMotion() ? 'instant' : 'smooth' });
    reply.focus({ preventScroll: true });
  }, [root, shown]);

  const readNext = useCallback((target: ReadNext) => {
    pending.current = target;
  }, []);
  const announce = useCallback((text: string) => {
    // Clear first, so the same words said twice are announced twice.
    setAnnouncement('');
    window.setTimeout(() => setAnnouncement(text), 50);
  }, []);
  return { readNext, announcement, announce };
}
