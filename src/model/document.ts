import type { SourceFile } from './source.js';
import type { SuppressionDirective } from './suppression.js';

/** A heading of a markdown document with the text that follows it up to the next heading. */
export interface Section {
  /** Heading text as written (inline markup kept, trimmed, trailing #s removed). */
  heading: string;
  level: number;
  /** 1-based line of the heading. */
  line: number;
  column: number;
  /** 0-based line range of the body: from the line after the heading to the line before the next heading. */
  bodyStartLine: number;
  bodyEndLine: number;
  /** Whether the heading is setext (underlined) rather than ATX (`#`). */
  setext: boolean;
  /** Whether the heading sits inside a list item or a block quote. */
  nested: boolean;
  /** Index of the enclosing section (lower level) in `sections`, or -1 at the top. */
  parent: number;
}

/** A markdown document: its text split in lines and its headings as a flat, ordered section list. */
export interface MarkdownDocument {
  file: SourceFile;
  lines: string[];
  sections: Section[];
  /** Its suppression comments (`<!-- kep-disable … -->` starting a line of an HTML block), in order. */
  directives: SuppressionDirective[];
  /** Body text of a section, lines joined with `\n`. */
  body(section: Section): string;
  /**
   * What rules derive from the document (views, indexes), kept with it so that it goes when the document
   * does. A slot of its own rather than properties added to the document: every document keeps one shape.
   */
  derived: Map<symbol, unknown>;
}
