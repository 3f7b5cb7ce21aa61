/**
 * Every size a bundle may reach. The reader checks these against sizes the
 * zip declares in its headers *before* inflating anything, so a hostile or
 * damaged file is refused without the memory it asks for ever being spent.
 */

const MIB = 1024 * 1024;

/** Longest ordinary string in a record (a title, a comment, a claim), in characters. */
export const MAX_FIELD_CHARS = 25 * MIB;
/** Longest source snapshot (`SourceRecord.text` / `html`), in characters. */
export const MAX_SNAPSHOT_CHARS = 40 * MIB;

/**
 * The largest figure (its SVG and PNG together), in bytes: a map of a big
 * case, not a photo album. The brief refuses to store a bigger one, and a
 * bundle holding one is refused by name.
 */
export const MAX_FIGURE_BYTES = 20 * MIB;

export interface BundleLimits {
  /** Most entries a zip may hold: the fixed files plus one blob per source. */
  maxEntries: number;
  /** Largest uncompressed entry, in bytes; bigger ones are refused before inflating. */
  maxEntryBytes: number;
  /** Largest sum of uncompressed entries, in bytes. */
  maxTotalBytes: number;
  /** Highest uncompressed/compressed ratio an entry may declare before it is treated as a zip bomb. */
  maxRatio: number;
  /**
   * Entries smaller than this are exempt from the ratio check: a tiny file
   * (an empty list, a short note) can compress extremely well without being
   * able to hurt anyone.
   */
  ratioFloorBytes: number;
  /** Longest single string anywhere in a JSON entry, in characters, checked before parsing. */
  maxStringChars: number;
}

export const DEFAULT_LIMITS: Readonly<BundleLimits> = Object.freeze({
  maxEntries: 10_000,
  maxEntryBytes: 200 * MIB,
  maxTotalBytes: 1024 * MIB,
  maxRatio: 200,
  ratioFloorBytes: MIB,
  maxStringChars: 50 * MIB,
});
