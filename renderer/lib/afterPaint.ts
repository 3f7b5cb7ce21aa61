/**
 * Run `task` in a task of its own after the next frame is painted (or after a moment, where the page
 * is hidden and paints no frames): for work that should not delay what the user is about to see.
 * Returns a function that cancels it if it has not run.
 */
export function afterPaint(task: () => void): () => void {
  let queued: ReturnType<typeof setTimeout> | undefined;
  const queue = () => (queued ??= setTimeout(task));
  const frame = requestAnimationFrame(queue);
  const fallback = setTimeout(queue, 250);
  return () => {
    cancelAnimationFrame(frame);
    clearTimeout(fallback);
    clearTimeout(queued);
  };
}
