import type { SearchDoc } from './searchIndex';
import type { Change } from './sync';

/** What the queue applies its steps to (the search index). */
export interface IndexTarget {
  setRecord(recordId: string, docs: readonly SearchDoc[]): void;
  removeRecord(recordId: string): void;
}

type Step = { recordId: string; docs: readonly SearchDoc[] | null };

/**
 * Changes waiting to be applied to the search index, applied a time-slice at a time. Indexing a big
 * case (10,000 chunks of source text, 50,000 passages) takes the worker seconds; in slices, a query
 * asked meanwhile is answered between two of them (from what is indexed so far), and leaving the case
 * drops what is left instead of finishing an index nobody will search, on a core the page needs.
 * Steps are applied in the order the changes came.
 */
export class IndexQueue {
  private steps: Step[] = [];
  private head = 0;

  constructor(private readonly target: IndexTarget) {}

  /** How many records wait to be set or removed. */
  get pending(): number {
    return this.steps.length - this.head;
  }

  add(change: Change): void {
    for (const recordId of change.removed) this.steps.push({ recordId, docs: null });
    for (const [recordId, docs] of change.set) this.steps.push({ recordId, docs });
  }

  /** Forget every waiting step (the index is being cleared). */
  clear(): void {
    this.steps = [];
    this.head = 0;
  }

  /**
   * Apply waiting steps until none is left or `budgetMs` has passed (at least one step is applied
   * when any waits). Returns how many were applied.
   */
  run(budgetMs: number, now: () => number = () => performance.now()): number {
    const end = now() + budgetMs;
    let applied = 0;
    while (this.head < this.steps.length) {
      const step = this.steps[this.head++]!;
      if (step.docs) this.target.setRecord(step.recordId, step.docs);
      else this.target.removeRecord(step.recordId);
      applied++;
      if (now() >= end) break;
    }
    if (this.head === this.steps.length) this.clear();
    return applied;
  }
}
