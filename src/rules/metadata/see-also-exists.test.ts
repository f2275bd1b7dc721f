import { test } from 'node:test';
import { corpusRepo, lineOf } from '../../testing/fixtures.js';
import { expectFindings, runRule } from '../../testing/rule-tester.js';
import { seeAlsoExistsRule } from './see-also-exists.js';

const KEP = 'keps/sig-node/2033-kubelet-in-userns-aka-rootless';
const OTHER = 'keps/sig-network/0752-endpointslices';
const FILE = `${KEP}/kep.yaml`;

test('metadata/see-also-exists: valid — URLs are not checked, existing KEP paths (with a leading /) pass', () => {
  const repo = corpusRepo([KEP, OTHER]);
  try {
    repo.edit(FILE, /^see-also:$/m, `see-also:\n  - "/${OTHER}"\n  - ${OTHER}/README.md`);
    expectFindings(runRule(seeAlsoExistsRule, repo), []);
  } finally {
    repo.dispose();
  }
});

test('metadata/see-also-exists: invalid — reports the list item of a KEP path that does not exist', () => {
  const repo = corpusRepo([KEP, OTHER]);
  try {
    repo.edit(FILE, /^see-also:$/m, `see-also:\n  - "/${OTHER}"\n  - "/keps/sig-node/9999-no-such-kep"`);
    expectFindings(runRule(seeAlsoExistsRule, repo), [
      {
        file: FILE,
        line: lineOf(repo.read(FILE), '9999-no-such-kep'),
        column: 5,
        message: /see-also entry "\/keps\/sig-node\/9999-no-such-kep" does not exist/,
      },
    ]);
  } finally {
    repo.dispose();
  }
});
