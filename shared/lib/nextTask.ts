/**
 * Let the event loop run (input, rendering, other tasks) before going on: for
 * work cut into pieces so that no piece holds the main thread for long.
 */
export function nextTask(): Promise<void> {
  return new Promise<void>((resolve) => setTimeout(resolve, 0));
}
