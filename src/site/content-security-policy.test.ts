import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  CONTENT_SECURITY_POLICY,
  DIAGRAM_CONTENT_SECURITY_POLICY,
  pagePolicy,
} from './content-security-policy.js';

/** A policy's directives by name, parsed as the CSP grammar has them (`;`-separated, name then sources). */
function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .filter(([name]) => name)
      .map(([name, ...sources]) => [name!, sources]),
  );
}

const cases = [
  { name: 'serve header', policy: CONTENT_SECURITY_POLICY, inlineStyles: false, meta: false },
  {
    name: 'serve header, mermaid page',
    policy: DIAGRAM_CONTENT_SECURITY_POLICY,
    inlineStyles: true,
    meta: false,
  },
  { name: 'page <meta>', policy: pagePolicy(false), inlineStyles: false, meta: true },
  { name: 'page <meta>, mermaid page', policy: pagePolicy(true), inlineStyles: true, meta: true },
];

for (const { name, policy, inlineStyles, meta } of cases) {
  test(`content security policy: ${name}`, () => {
    const parsed = directives(policy);
    assert.deepEqual(parsed.get('default-src'), ["'none'"]);
    // Scripts never inline and never eval'd; WebAssembly only where Pagefind runs (built pages).
    assert.deepEqual(parsed.get('script-src'), meta ? ["'self'", "'wasm-unsafe-eval'"] : ["'self'"]);
    assert.deepEqual(parsed.get('style-src'), inlineStyles ? ["'self'", "'unsafe-inline'"] : ["'self'"]);
    assert.deepEqual(parsed.get('form-action'), ["'self'"], 'the search box submits to the search page');
    assert.deepEqual(parsed.get('base-uri'), ["'none'"]);
    // A <meta> cannot set frame-ancestors (browsers ignore it with a warning).
    assert.equal(parsed.has('frame-ancestors'), !meta);
    // Safe inside a double-quoted HTML attribute as it is.
    assert.doesNotMatch(policy, /["<>&]/);
  });
}
