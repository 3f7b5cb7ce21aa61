/** `make`'s result, computed on the first call and kept (a result that is undefined is computed once too). */
export function lazy<T>(make: () => T): () => T {
  let made: { value: T } | null = null;
  return () => (made ??= { value: make() }).value;
}
