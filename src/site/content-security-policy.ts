// The Content-Security-Policy of the web UI. `kep serve` sends it as a header; every page also carries it in a
// <meta>, because a static host (GitHub Pages) sends no headers and proposal text is untrusted: the sanitizer is
// the first defence, the policy the second. Scripts are only the site's own files, never inline; styles only its
// stylesheet; images also from the web (READMEs link diagrams); forms only to the site (the search box).

interface PolicyOptions {
  /** Mermaid's SVG carries generated <style> elements and style attributes (see mermaid.ts). */
  inlineStyles: boolean;
  /** A <meta> policy: `frame-ancestors` is ignored there (browsers warn), and the built site's full-text search
   * (Pagefind) compiles WebAssembly, which 'wasm-unsafe-eval' allows and nothing else (no JavaScript eval). */
  meta: boolean;
}

function policy({ inlineStyles, meta }: PolicyOptions): string {
  const directives = [
    "default-src 'none'",
    meta ? "script-src 'self' 'wasm-unsafe-eval'" : "script-src 'self'",
    inlineStyles ? "style-src 'self' 'unsafe-inline'" : "style-src 'self'",
    "img-src 'self' https: data:",
    "connect-src 'self'",
    "base-uri 'none'",
    "form-action 'self'",
    ...(meta ? [] : ["frame-ancestors 'none'"]),
  ];
  return directives.join('; ');
}

/** The policy `kep serve` sends with every response. */
export const CONTENT_SECURITY_POLICY = policy({ inlineStyles: false, meta: false });

/** The policy `kep serve` sends with a page that draws mermaid diagrams. */
export const DIAGRAM_CONTENT_SECURITY_POLICY = policy({ inlineStyles: true, meta: false });

const PAGE_POLICY = policy({ inlineStyles: false, meta: true });
const DIAGRAM_PAGE_POLICY = policy({ inlineStyles: true, meta: true });

/** The policy in a page's <meta>. Under `kep serve` the header applies as well, and a page obeys both. */
export function pagePolicy(inlineStyles: boolean): string {
  return inlineStyles ? DIAGRAM_PAGE_POLICY : PAGE_POLICY;
}
