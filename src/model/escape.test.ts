import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseXml } from '../testing/xml.js';
import {
  forCsv,
  forJson,
  forMarkdown,
  forMarkdownCode,
  forTerminal,
  forWorkflowCommand,
  forWorkflowProperty,
  forXml,
  hasUnsafeCharacters,
} from './escape.js';

/** The title of the security report: ESC, an OSC title sequence ended by BEL, CR LF and a workflow command. */
const HOSTILE = 'Evil\u001b[31mRED\u001b]0;pwned\u0007\r\n::error file=injected.yaml,line=1::INJECTED';

/** Each case: [input, expected output]. */
type Cases = [string, string][];

function table(name: string, sink: (text: string) => string, cases: Cases): void {
  describe(name, () => {
    for (const [input, expected] of cases) {
      test(`${JSON.stringify(input)} → ${JSON.stringify(expected)}`, () => {
        assert.equal(sink(input), expected);
      });
    }
  });
}

table('forTerminal shows every control, separator and bidi character as an escape', forTerminal, [
  ['Pod log budgets', 'Pod log budgets'],
  ['keps/sig-node/2033-rootless/kep.yaml', 'keps/sig-node/2033-rootless/kep.yaml'],
  ['café — naïve ✅', 'café — naïve ✅'],
  ['C:\\path and \\x1b as text', 'C:\\path and \\x1b as text'],
  [HOSTILE, 'Evil\\x1b[31mRED\\x1b]0;pwned\\x07\\r\\n::error file=injected.yaml,line=1::INJECTED'],
  ['a\tb', 'a\\tb'],
  ['\n::warning::x', '\\n::warning::x'],
  ['nul\u0000 bs\u0008 vt\u000b ff\u000c us\u001f', 'nul\\x00 bs\\x08 vt\\x0b ff\\x0c us\\x1f'],
  ['del\u007f', 'del\\x7f'],
  ['c1 \u0080 \u0085 \u009b[31m \u009d0;x\u009c \u009f', 'c1 \\x80 \\x85 \\x9b[31m \\x9d0;x\\x9c \\x9f'],
  ['ls\u2028ps\u2029', 'ls\\u2028ps\\u2029'],
  [
    'bidi \u202a\u202b\u202c\u202d\u202e \u2066\u2067\u2068\u2069',
    'bidi \\u202a\\u202b\\u202c\\u202d\\u202e \\u2066\\u2067\\u2068\\u2069',
  ],
  ['\u00a0nbsp and \u200b zero width stay', '\u00a0nbsp and \u200b zero width stay'],
]);

test('forTerminal: escaping twice changes nothing, and nothing unsafe is left', () => {
  const once = forTerminal(HOSTILE);
  assert.equal(forTerminal(once), once);
  assert.equal(hasUnsafeCharacters(HOSTILE), true);
  assert.equal(hasUnsafeCharacters(once), false);
  assert.equal(hasUnsafeCharacters('Pod log budgets'), false);
});

table('forWorkflowCommand: the runner’s escaping, then the other controls visible', forWorkflowCommand, [
  ['invalid stage', 'invalid stage'],
  ['100% broken:\nsecond line', '100%25 broken:%0Asecond line'],
  ['a\r\nb', 'a%0D%0Ab'],
  ['%0A is not a newline', '%250A is not a newline'],
  [HOSTILE, 'Evil\\x1b[31mRED\\x1b]0;pwned\\x07%0D%0A::error file=injected.yaml,line=1::INJECTED'],
  ['tab\there \u202eevil', 'tab\\there \\u202eevil'],
]);

table('forWorkflowProperty: the message escaping plus `:` and `,`', forWorkflowProperty, [
  ['keps/sig-node/2033-rootless/kep.yaml', 'keps/sig-node/2033-rootless/kep.yaml'],
  ['metadata/status', 'metadata/status'],
  ['keps/a,b:c/kep.yaml', 'keps/a%2Cb%3Ac/kep.yaml'],
  ['keps/x\n::error file=y::z/kep.yaml', 'keps/x%0A%3A%3Aerror file=y%3A%3Az/kep.yaml'],
  ['keps/100%/\u001b', 'keps/100%25/\\x1b'],
]);

table('forMarkdown: one line, no markup, no cell break; normal text reads the same', forMarkdown, [
  ['Pod log budgets', 'Pod log budgets'],
  ['@lucia-ferrante, @tobias-wren', '@lucia-ferrante, @tobias-wren'],
  [
    'https://git.k8s.io/enhancements/keps/sig-node/5101-pod-log-budgets',
    'https://git.k8s.io/enhancements/keps/sig-node/5101-pod-log-budgets',
  ],
  ['Deprecate & remove Kubelet RunOnce mode', 'Deprecate & remove Kubelet RunOnce mode'],
  ['a | b', 'a \\| b'],
  ['kube_proxy and keps/sig-x/1234-a_b stay', 'kube_proxy and keps/sig-x/1234-a_b stay'],
  ['back\\slash', 'back\\\\slash'],
  ['first line\n  second line\r\nthird\u2028fourth', 'first line second line third fourth'],
  ['<img src=x onerror=alert(1)>', '\\<img src=x onerror=alert(1)\\>'],
  [
    '[click](https://evil.example) ![pixel](https://evil.example/p.png)',
    '\\[click\\](https://evil.example) !\\[pixel\\](https://evil.example/p.png)',
  ],
  ['`code` *bold* _em_ ~~gone~~', '\\`code\\` \\*bold\\* \\_em\\_ \\~\\~gone\\~\\~'],
  ['&#x202e; &amp; &rlo;', '\\&#x202e; \\&amp; \\&rlo;'],
  [HOSTILE, 'Evil\\\\x1b\\[31mRED\\\\x1b\\]0;pwned\\\\x07 ::error file=injected.yaml,line=1::INJECTED'],
  ['tab\tand \u202e', 'tab\\\\tand \\\\u202e'],
]);

table('forMarkdownCode: a code span that no backtick or pipe can end', forMarkdownCode, [
  ['keps/sig-node/2400-node-swap', '`keps/sig-node/2400-node-swap`'],
  ['d3bff6b1fd', '`d3bff6b1fd`'],
  ['', ''],
  ['a`b', '``a`b``'],
  ['a``b`', '``` a``b` ```'],
  ['`start', '`` `start ``'],
  ['a|b', '`a\\|b`'],
  ['keps/x\n| y', '`keps/x \\| y`'],
  ['<b>*x*</b>', '`<b>*x*</b>`'],
  ['esc\u001b[31m', '`esc\\x1b[31m`'],
]);

table('forCsv: RFC 4180 quoting, visible controls, formulas defused', forCsv, [
  ['Pod log budgets', 'Pod log budgets'],
  ['', ''],
  ['a,b', '"a,b"'],
  ['say "hi"', '"say ""hi"""'],
  [' leading space', '" leading space"'],
  ['2026-04-20', '2026-04-20'],
  ['v1.36', 'v1.36'],
  ['=HYPERLINK("http://evil.example","x")', '"\'=HYPERLINK(""http://evil.example"",""x"")"'],
  ['+1+2', "'+1+2"],
  ['-2+3', "'-2+3"],
  ['@SUM(A1:A2)', "'@SUM(A1:A2)"],
  ['@lucia-ferrante, @tobias-wren', '"\'@lucia-ferrante, @tobias-wren"'],
  ['\t=1+1', '\\t=1+1'],
  ['line\r\nbreak', 'line\\r\\nbreak'],
  [HOSTILE, '"Evil\\x1b[31mRED\\x1b]0;pwned\\x07\\r\\n::error file=injected.yaml,line=1::INJECTED"'],
]);

test('forJson: JSON text with DEL, C1, separators and bidi characters as \\u escapes, read back unchanged', () => {
  const value = {
    title: HOSTILE,
    others: ['del\u007f c1\u0085\u009b', 'ls\u2028ps\u2029', 'bidi\u202e\u2066'],
  };
  const json = forJson(JSON.stringify(value, null, 2));
  assert.deepEqual(JSON.parse(json), value);
  assert.equal(hasUnsafeCharacters(json.replace(/\n/g, '')), false);
  assert.match(json, /"del\\u007f c1\\u0085\\u009b"/);
  assert.match(json, /"bidi\\u202e\\u2066"/);
  assert.equal(forJson('{"title":"Pod log budgets — café ✅"}'), '{"title":"Pod log budgets — café ✅"}');
});

table('forXml: markup and attribute ends as entities, what XML forbids or hides as visible escapes', forXml, [
  ['Pod log budgets — café ✅', 'Pod log budgets — café ✅'],
  ['<b>"it\'s" & more</b>', '&lt;b&gt;&quot;it&#39;s&quot; &amp; more&lt;/b&gt;'],
  ['tab\tline\nreturn\r', 'tab&#9;line&#10;return&#13;'],
  ['nul\u0000 bel\u0007 esc\u001b', 'nul\\u0000 bel\\u0007 esc\\u001b'],
  ['del\u007f c1\u0085', 'del\\u007f c1\\u0085'],
  ['bidi\u202e\u2066', 'bidi\\u202e\\u2066'],
  [
    'lone \ud800 high, lone \udfff low, pair \ud83d\ude00',
    'lone \\ud800 high, lone \\udfff low, pair \ud83d\ude00',
  ],
  ['\ufffe\uffff', '\\ufffe\\uffff'],
]);

test('forXml: a document made of hostile text still parses strictly, and reads back as the escaped text', () => {
  const hostile = `${HOSTILE} \ud800 \u202e </title><script>alert(1)</script> ]]> &amp;`;
  const document = parseXml(`<feed a="${forXml(hostile)}"><title>${forXml(hostile)}</title></feed>`);
  const title = document.getElementsByTagName('title')[0]!;
  assert.equal(
    title.textContent,
    hostile.replace(
      // biome-ignore lint/suspicious/noControlCharactersInRegex: the characters forXml shows as escapes
      /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\ud800]/g,
      (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
    ),
  );
  assert.equal(document.getElementsByTagName('script').length, 0);
  assert.equal(document.documentElement!.getAttribute('a'), title.textContent);
});
