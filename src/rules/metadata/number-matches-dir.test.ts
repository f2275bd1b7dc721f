import { corpusRepo, skeletonText } from '../../testing/fixtures.js';
import { ruleTester } from '../../testing/rule-tester.js';
import { numberMatchesDirRule } from './number-matches-dir.js';

const PADDED = 'keps/sig-network/0752-endpointslices';
const number = (from: string) => (text: string) =>
  text.replace('kep-number: 1234\n', `kep-number: ${from}\n`);

ruleTester(numberMatchesDirRule, {
  valid: [
    { name: 'the skeleton: kep-number 1234 in 1234-example-feature' },
    { name: 'a zero-padded kep-number: 01234 is 1234', files: { 'kep.yaml': number('01234') } },
    { name: 'a quoted kep-number', files: { 'kep.yaml': number('"1234"') } },
    { name: '0752-endpointslices with kep-number 752', repo: () => corpusRepo([PADDED]) },
  ],
  invalid: [
    {
      name: 'a different number, fixed to the directory’s number since the README title agrees with the directory',
      files: { 'kep.yaml': number('1243') },
      errors: [{ line: 2, column: 13, message: 'kep-number 1243 does not match the directory number 1234' }],
      output: skeletonText('kep.yaml'),
    },
    {
      name: 'a quoted different number keeps its quotes when fixed',
      files: { 'kep.yaml': number("'999' # copied") },
      errors: [{ line: 2, column: 13, message: 'kep-number 999 does not match' }],
      output: skeletonText('kep.yaml').replace('kep-number: 1234\n', "kep-number: '1234' # copied\n"),
    },
    {
      name: 'a different number is not fixed when the README title names it too (the directory may be wrong)',
      files: {
        'kep.yaml': number('1243'),
        'README.md': (text) => text.replace('# KEP-1234:', '# KEP-1243:'),
      },
      errors: [
        { file: 'kep.yaml', line: 2, column: 13, message: 'does not match the directory number 1234' },
      ],
      output: null,
    },
    {
      name: 'a kep-number that is no number, never fixed',
      files: { 'kep.yaml': number('"1234a"') },
      errors: [{ line: 2, column: 13, message: '"1234a" is not a number' }],
      output: null,
    },
  ],
});
