// Mermaid diagrams, drawn in the browser only on the pages that have a ```mermaid block: the page is served
// with the block as code (readable without JavaScript); these two scripts, files of the site, turn it into a
// diagram. Mermaid runs at securityLevel 'strict' (labels sanitized by DOMPurify, no click callbacks).
//
// Mermaid writes a <style> into each SVG and style attributes on its nodes, generated per diagram: no hash can
// list them ahead and a static site can mint no nonce. So pages with a diagram are served with `style-src
// 'self' 'unsafe-inline'` (scripts stay `'self'` only); no README style reaches the page whatever the policy,
// since the sanitizer drops every <style> and every style attribute but a table cell's text-align.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/** Mermaid's browser build (one file, sets `globalThis.mermaid`), below the site's base. */
export const MERMAID_SCRIPT_PATH = 'assets/mermaid.min.js';
/** The script that draws the page's diagrams with it. */
export const MERMAID_INIT_PATH = 'assets/mermaid-init.js';

/** Whether a README may hold a ```mermaid block (a cheap test; the page's own render decides exactly). */
export function hasMermaidBlock(text: string | undefined): boolean {
  return text !== undefined && /^ {0,3}(?:`{3,}|~{3,})[ \t]*mermaid\b/im.test(text);
}

let mermaidBuild: Buffer | undefined;

/** The bytes of mermaid's browser build, read once from its package. */
export function mermaidScript(): Buffer {
  mermaidBuild ??= readFileSync(createRequire(import.meta.url).resolve('mermaid/dist/mermaid.min.js'));
  return mermaidBuild;
}

/**
 * Each `<pre><code class="language-mermaid">` becomes a figure with the diagram, its source kept below it in a
 * <details>; a diagram mermaid cannot parse stays as code.
 */
export const MERMAID_INIT_SCRIPT = `(async () => {
  const blocks = [...document.querySelectorAll('pre > code.language-mermaid')];
  if (blocks.length === 0 || !globalThis.mermaid) return;
  const dark = matchMedia('(prefers-color-scheme: dark)').matches;
  // A diagram's own %%{init}%% may not loosen security nor bring CSS, fonts or theme variables of its own.
  const secure = ['secure', 'securityLevel', 'startOnLoad', 'maxTextSize', 'maxEdges', 'suppressErrorRendering',
    'themeCSS', 'themeVariables', 'fontFamily', 'altFontFamily', 'htmlLabels', 'dompurifyConfig'];
  globalThis.mermaid.initialize({ startOnLoad: false, securityLevel: 'strict', secure,
    theme: dark ? 'dark' : 'default' });
  for (const [index, code] of blocks.entries()) {
    const pre = code.parentElement;
    const id = 'kepkit-mermaid-' + index;
    try {
      const { svg } = await globalThis.mermaid.render(id, code.textContent);
      const figure = document.createElement('figure');
      figure.className = 'mermaid-diagram';
      figure.setAttribute('role', 'group');
      figure.setAttribute('aria-label', 'Diagram');
      figure.innerHTML = svg;
      const source = document.createElement('details');
      const summary = document.createElement('summary');
      summary.textContent = 'Diagram source';
      pre.replaceWith(figure);
      source.append(summary, pre);
      figure.after(source);
    } catch {
      // What mermaid left behind while trying; the block stays as code.
      document.getElementById('d' + id)?.remove();
    }
  }
})();
`;
