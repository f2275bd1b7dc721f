// YAML output lives apart from format.ts so that only `--format yaml` loads the YAML library.
import { Document, visit } from 'yaml';
import { forTerminal, hasUnsafeCharacters } from '../../model/escape.js';

/**
 * A YAML document of the value; strings that look like other types are quoted, so they read back as text.
 * A string with a control, separator or bidi character is written double-quoted with every such character
 * as an escape (`\e`, `\n`, `\x85`, `\u202e`): it reads back unchanged and prints nothing raw.
 */
export function formatYaml(value: unknown): string {
  const doc = new Document(value, { aliasDuplicateObjects: false });
  visit(doc, {
    Scalar(_, node) {
      if (typeof node.value === 'string' && hasUnsafeCharacters(node.value)) node.type = 'QUOTE_DOUBLE';
    },
  });
  // The library escapes C0 controls in double quotes but leaves DEL, C1, U+2028/9 and bidi characters raw;
  // they now occur only inside double-quoted scalars, where forTerminal's escapes are YAML escapes too.
  const text = doc.toString({ lineWidth: 0, doubleQuotedMinMultiLineLength: Number.POSITIVE_INFINITY });
  return text.split('\n').map(forTerminal).join('\n');
}
