// Strict XML for tests: an Atom feed and an SVG chart must parse back in any reader, so any parser complaint
// (a warning included) fails, and so does a character outside XML 1.0's `Char` production, which xmldom lets by.
import { DOMParser } from '@xmldom/xmldom';

const NOT_XML_CHAR =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the characters XML 1.0 forbids
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export type XmlDocument = ReturnType<DOMParser['parseFromString']>;

/** Parse a whole XML document; throws on any parser message and on a character XML does not allow. */
export function parseXml(
  text: string,
  mimeType: 'application/xml' | 'image/svg+xml' = 'application/xml',
): XmlDocument {
  const forbidden = NOT_XML_CHAR.exec(text);
  if (forbidden)
    throw new Error(
      `character U+${forbidden[0].charCodeAt(0).toString(16).padStart(4, '0')} at ${forbidden.index} is not allowed in XML`,
    );
  const parser = new DOMParser({
    onError: (level, message) => {
      throw new Error(`${level}: ${message}`);
    },
  });
  return parser.parseFromString(text, mimeType);
}

/** The elements below a node with a local name, in document order. */
export function elements(node: { getElementsByTagName(name: string): ArrayLike<unknown> }, name: string) {
  return Array.from(node.getElementsByTagName(name) as ArrayLike<import('@xmldom/xmldom').Element>);
}
