// The Content-Security-Policy of the web UI. `kep serve` sends it as a header; every page also carries it in a
// <meta>, because a static host (GitHub Pages) sends no headers and proposal text is untrusted: the sanitizer is
// the first defence, the policy the second. Scripts are only the site's own files, never inline.

/** The policy `kep serve` sends with every response. */
export const CONTENT_SECURITY_POLICY =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' https: data:; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/**
 * The policy of a page that draws mermaid diagrams: mermaid's SVG carries generated <style> elements and style
 * attributes, so styles may be inline there; scripts stay the site's own files (see mermaid.ts).
 */
export const DIAGRAM_CONTENT_SECURITY_POLICY = CONTENT_SECURITY_POLICY.replace(
  "style-src 'self'",
  "style-src 'self' 'unsafe-inline'",
);

/**
 * The policy in a page's <meta>. `frame-ancestors` is ignored there (browsers warn), so it is left out; the
 * built site's full-text search (Pagefind) compiles WebAssembly, which 'wasm-unsafe-eval' allows and nothing
 * else (no JavaScript eval). Under `kep serve` the header applies as well, and a page obeys both.
 */
export function pagePolicy(inlineStyles: boolean): string {
  return (inlineStyles ? DIAGRAM_CONTENT_SECURITY_POLICY : CONTENT_SECURITY_POLICY)
    .replace("script-src 'self'", "script-src 'self' 'wasm-unsafe-eval'")
    .replace("; frame-ancestors 'none'", '');
}
