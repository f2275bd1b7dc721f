// CommonMark parsers' "backtick run cache": where the runs of backticks are, so that looking for a closing
// run is one lookup instead of a scan to the end of the text for every backtick of an unclosed run.

/** The maximal runs of backticks of one text, with the longest run from each run on. */
export class BacktickRuns {
  private constructor(
    private readonly starts: Int32Array,
    private readonly ends: Int32Array,
    /** longestFrom[k]: the longest of runs k, k+1, …; one more entry (0) past the last run. */
    private readonly longestFrom: Int32Array,
  ) {}

  /** The runs of a string or of UTF-16 code units. */
  static of(text: string | Uint16Array): BacktickRuns {
    const codes = typeof text === 'string' ? undefined : text;
    const at = (i: number) => (codes ? codes[i]! : (text as string).charCodeAt(i));
    const starts: number[] = [];
    const lengths: number[] = [];
    for (let i = 0; i < text.length; i++) {
      if (at(i) !== 96) continue;
      const start = i;
      while (i + 1 < text.length && at(i + 1) === 96) i++;
      starts.push(start);
      lengths.push(i + 1 - start);
    }
    const longestFrom = new Int32Array(starts.length + 1);
    for (let k = starts.length - 1; k >= 0; k--) longestFrom[k] = Math.max(lengths[k]!, longestFrom[k + 1]!);
    return new BacktickRuns(
      Int32Array.from(starts),
      Int32Array.from(starts, (start, k) => start + lengths[k]!),
      longestFrom,
    );
  }

  /**
   * Whether the code span opened by the backticks from `at` (a backtick) to the end of its run is unclosed:
   * gomarkdown closes it with the first later run at least as long. Counting the run itself, as upstream
   * does, would already be quadratic in a long run: it is looked up too.
   */
  unclosedAt(at: number): boolean {
    // The run holding `at`: the last one starting at or before it, by binary search.
    let lo = 0;
    let hi = this.starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.starts[mid]! <= at) lo = mid + 1;
      else hi = mid;
    }
    return this.longestFrom[lo]! < this.ends[lo - 1]! - at;
  }
}
