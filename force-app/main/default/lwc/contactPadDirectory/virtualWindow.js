// @ts-check
/**
 * The virtual list's geometry (pure): fixed-height rows in a fixed-height viewport, which rows to
 * render for a scroll position, and where to scroll so a row is in full view.
 */

/** One row's height in px: one line (name, then kind and state beside it). */
export const ROW_HEIGHT = 32;
/** Rows in view at once: at least 10 in a 1280 x 720 console. */
export const VISIBLE_ROWS = 10;
/** The viewport's height in px. */
export const VIEWPORT_HEIGHT = ROW_HEIGHT * VISIBLE_ROWS;
/** Rows rendered above and below the viewport so a fast scroll shows no gap. */
const OVERSCAN = 5;

/**
 * The rows to render, from `from` up to (not including) `to`, at a scroll position.
 * @param {number} scrollTop
 * @param {number} length
 * @returns {{ from: number, to: number }}
 */
export function windowAt(scrollTop, length) {
  const from = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const to = Math.min(length, Math.ceil((scrollTop + VIEWPORT_HEIGHT) / ROW_HEIGHT) + OVERSCAN);
  return { from, to: Math.max(from, to) };
}

/**
 * The scroll position that shows row `index` in full with the least movement, or null when it is
 * already in view.
 * @param {number} index
 * @param {number} scrollTop
 * @returns {number | null}
 */
export function scrollToShow(index, scrollTop) {
  const top = index * ROW_HEIGHT;
  if (top < scrollTop) return top;
  if (top + ROW_HEIGHT > scrollTop + VIEWPORT_HEIGHT) return top + ROW_HEIGHT - VIEWPORT_HEIGHT;
  return null;
}

/**
 * A row's place in the scroller (absolutely positioned).
 * @param {number} index
 * @returns {string}
 */
export function rowStyle(index) {
  return `top: ${index * ROW_HEIGHT}px; height: ${ROW_HEIGHT}px;`;
}

/**
 * The scroller's and the spacer's heights.
 * @param {number} length
 * @returns {{ scroller: string, spacer: string }}
 */
export function listStyles(length) {
  return {
    scroller: `height: ${VIEWPORT_HEIGHT}px;`,
    spacer: `height: ${length * ROW_HEIGHT}px;`,
  };
}
