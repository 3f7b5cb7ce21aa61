/** Record IDs are random UUID strings so they survive export and import. */
export function newId(): string {
  return crypto.randomUUID();
}
