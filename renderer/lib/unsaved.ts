/**
 * Text the person typed that is not stored yet, from every open editor. When
 * saving becomes impossible (storage full, or another window took the database),
 * the app offers exactly this text to copy or save as a file, so nothing typed
 * is lost with the page.
 */
export interface UnsavedText {
  /** What the text is, for the person: a note's title. */
  title: string;
  text: string;
}

const providers = new Set<() => UnsavedText | null>();

/** An editor says how to read its unsaved text (null when everything is stored); returns the unregister. */
export function registerUnsaved(provider: () => UnsavedText | null): () => void {
  providers.add(provider);
  return () => providers.delete(provider);
}

export function collectUnsaved(): UnsavedText[] {
  return [...providers].map((read) => read()).filter((found): found is UnsavedText => found !== null && found.text.trim() !== '');
}
