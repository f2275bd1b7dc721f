// Code blocks highlighted when the page is rendered (no script in the browser): highlight.js's core with the few
// languages KEP READMEs use, so that rendering every README stays fast. Output is class-based spans only
// (`hljs-keyword`, `hljs-title function_`), which the sanitizer lets through and site.css colours.
import hljs from 'highlight.js/lib/core';
import bash from 'highlight.js/lib/languages/bash';
import diff from 'highlight.js/lib/languages/diff';
import dockerfile from 'highlight.js/lib/languages/dockerfile';
import go from 'highlight.js/lib/languages/go';
import ini from 'highlight.js/lib/languages/ini';
import javascript from 'highlight.js/lib/languages/javascript';
import json from 'highlight.js/lib/languages/json';
import makefile from 'highlight.js/lib/languages/makefile';
import protobuf from 'highlight.js/lib/languages/protobuf';
import python from 'highlight.js/lib/languages/python';
import shell from 'highlight.js/lib/languages/shell';
import yaml from 'highlight.js/lib/languages/yaml';

const LANGUAGES = {
  bash,
  diff,
  dockerfile,
  go,
  ini,
  javascript,
  json,
  makefile,
  protobuf,
  python,
  shell,
  yaml,
};

/** The names fences use in KEPs for the languages above (highlight.js's own aliases are also known). */
const ALIASES: Record<string, string> = { golang: 'go', sh: 'bash', proto: 'protobuf', conf: 'ini' };

for (const [name, language] of Object.entries(LANGUAGES)) hljs.registerLanguage(name, language);
for (const [alias, name] of Object.entries(ALIASES)) hljs.registerAliases(alias, { languageName: name });

/** A fence's language as highlight.js knows it, or undefined (the block is then shown as plain text). */
export function highlightLanguage(info: string): string | undefined {
  const name = info.trim().split(/\s+/)[0]?.toLowerCase() ?? '';
  return name && hljs.getLanguage(name) ? name : undefined;
}

/** Longer code is left plain: highlighting is linear, but a generated dump is not worth colouring. */
const MAX_HIGHLIGHTED = 100_000;

/** The code as HTML (escaped, with class-based spans), or undefined when the language is not one of ours. */
export function highlightCode(code: string, info: string): string | undefined {
  const language = highlightLanguage(info);
  if (!language || code.length > MAX_HIGHLIGHTED) return undefined;
  return hljs.highlight(code, { language, ignoreIllegals: true }).value;
}

/** The classes highlight.js writes: `hljs-<scope>`, and the `function_`-style suffixes of dotted scopes. */
export const HIGHLIGHT_CLASSES = [/^hljs-[a-z]+(?:-[a-z]+)*$/, /^[a-z]+_+$/];
