// Terminal styles for every table and report; each caller decides whether colour is on (see cli/output.ts).
// The text is escaped before it is painted: a style never comes from repository text.
const CODES = { bold: 1, dim: 2, underline: 4, red: 31, green: 32, yellow: 33 } as const;

export type Style = keyof typeof CODES;

export function paint(style: Style, text: string, colour: boolean): string {
  return colour && text !== '' ? `\u001b[${CODES[style]}m${text}\u001b[0m` : text;
}
