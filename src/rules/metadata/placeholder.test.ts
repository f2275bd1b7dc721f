import { kubernetesProfile } from '../../profile/index.js';
import { skeletonText } from '../../testing/fixtures.js';
import { ruleTester } from '../../testing/rule-tester.js';
import { placeholderRule } from './placeholder.js';

const replace = (from: string, to: string) => (text: string) => {
  if (!text.includes(from)) throw new Error(`${from} not in the skeleton`);
  return text.replace(from, to);
};

ruleTester(placeholderRule, {
  valid: [
    { name: 'a filled-in kep.yaml' },
    {
      name: 'template values that are real ones: a well-formed milestone (v1.19), true, a feature-gate component',
      files: {
        'kep.yaml': replace(
          'latest-milestone: "v1.31"\nmilestone:\n  alpha: "v1.31"\n',
          'latest-milestone: "v1.19"\nmilestone:\n  alpha: "v1.19"\n',
        ),
      },
    },
    {
      name: 'the template’s own kep.yaml is not a proposal',
      files: { 'keps/NNNN-kep-template/README.md': (text) => text },
    },
    {
      name: 'silent when the repository has no template kep.yaml',
      files: {
        'keps/NNNN-kep-template/kep.yaml': null,
        'kep.yaml': replace('title: Example feature', 'title: KEP Template'),
      },
    },
    {
      name: 'silent when the profile names no template metadata',
      profile: { ...kubernetesProfile, templateMetadata: undefined },
      files: { 'kep.yaml': replace('title: Example feature', 'title: KEP Template') },
    },
  ],
  invalid: [
    {
      name: 'the template’s title, author, reviewer TBD and feature gate, each at its value',
      files: {
        'kep.yaml': (text) =>
          replace(
            'title: Example feature',
            'title: KEP Template',
          )(
            replace(
              '  - "@alice"',
              '  - "@jane.doe"',
            )(replace('  - "@bob"', '  - TBD')(replace('name: ExampleFeature', 'name: MyFeature')(text))),
          ),
      },
      errors: [
        { line: 1, column: 8, message: '"title" keeps the template’s placeholder "KEP Template"' },
        { line: 4, column: 5, message: '"authors" keeps the template’s placeholder "@jane.doe"' },
        { line: 11, column: 5, message: '"reviewers" keeps the template’s placeholder "TBD"' },
        {
          line: 19,
          column: 11,
          message: '"feature-gates.name" keeps the template’s placeholder "MyFeature"',
        },
      ],
      output: null,
    },
    {
      name: 'two placeholders on one line (a flow list) are told apart by column',
      files: {
        'kep.yaml': replace(
          'participating-sigs:\n  - sig-apps\n',
          'participating-sigs: [sig-aaa, sig-bbb]\n',
        ),
      },
      errors: [
        { line: 6, column: 22, message: '"participating-sigs" keeps the template’s placeholder "sig-aaa"' },
        { line: 6, column: 31, message: '"sig-bbb"' },
      ],
    },
    {
      name: 'placeholders follow the repository’s template: a value added to it is one',
      files: {
        'keps/NNNN-kep-template/kep.yaml': (text) => `${text}\nlast-updated: 2000-01-01\n`,
        'kep.yaml': (text) => `${text}last-updated: 2000-01-01\n`,
      },
      errors: [
        {
          file: 'kep.yaml',
          line: skeletonText('kep.yaml').split('\n').length,
          column: 15,
          message: '"last-updated" keeps the template’s placeholder "2000-01-01"',
        },
      ],
    },
    {
      name: 'the template’s status and stage alternatives, and its creation date',
      files: {
        'kep.yaml': (text) =>
          replace(
            'status: implementable',
            'status: provisional|implementable|implemented|deferred|rejected|withdrawn|replaced',
          )(replace('creation-date: 2024-01-15', 'creation-date: yyyy-mm-dd')(text)),
      },
      errors: [
        { line: 8, column: 9, message: '"status"' },
        { line: 9, column: 16, message: '"yyyy-mm-dd"' },
      ],
    },
  ],
});
