import { purgeExpiredTrash } from '../../db/repositories';

const HOUR = 60 * 60 * 1000;

/**
 * Let the Trash go of what has been in it longer than its retention period:
 * now, then every hour while the app runs. Returns the stop function. A
 * failure here costs nothing but space, so it is logged, not shown.
 */
export function keepTrashWithinRetention(): () => void {
  const run = () => void purgeExpiredTrash().catch((error: unknown) => console.warn('Casefile could not empty old items from the Trash:', error));
  run();
  const timer = setInterval(run, HOUR);
  return () => clearInterval(timer);
}
