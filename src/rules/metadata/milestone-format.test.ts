import { skeletonText } from '../../testing/fixtures.js';
import { ruleTester } from '../../testing/rule-tester.js';
import { milestoneFormatRule } from './milestone-format.js';

const skeletonWith = (from: string, to: string) => (text: string) => {
  if (!text.includes(from)) throw new Error(`${from} not in the skeleton`);
  return text.replace(from, to);
};

ruleTester(milestoneFormatRule, {
  valid: [
    { name: 'vMAJOR.MINOR everywhere' },
    {
      name: 'milestones of every stage, quoted and plain',
      files: {
        'kep.yaml': skeletonWith(
          '  alpha: "v1.31"\n',
          '  alpha: v1.29\n  beta: "v1.30"\n  stable: \'v1.31\'\n',
        ),
      },
    },
  ],
  invalid: [
    {
      name: 'a missing v and a patch version, each at its value; only the missing v is fixed',
      files: {
        'kep.yaml': skeletonWith(
          'latest-milestone: "v1.31"\nmilestone:\n  alpha: "v1.31"\n',
          'latest-milestone: "1.31"\nmilestone:\n  alpha: v1.31.0\n',
        ),
      },
      errors: [
        { line: 15, column: 19, message: '"latest-milestone" is "1.31"' },
        { line: 17, column: 10, message: '"milestone.alpha" is "v1.31.0"' },
      ],
      output: skeletonText('kep.yaml').replace(
        'latest-milestone: "v1.31"\nmilestone:\n  alpha: "v1.31"\n',
        'latest-milestone: "v1.31"\nmilestone:\n  alpha: v1.31.0\n',
      ),
    },
    {
      name: 'two stages on one line of a flow mapping are told apart by column; the one missing its v is fixed',
      files: {
        'kep.yaml': skeletonWith(
          'milestone:\n  alpha: "v1.31"\n',
          "milestone: {alpha: '1.30', beta: 1.31x}\n",
        ),
      },
      errors: [
        { line: 16, column: 20, message: '"milestone.alpha" is "1.30"' },
        { line: 16, column: 34, message: '"milestone.beta" is "1.31x"' },
      ],
      output: skeletonText('kep.yaml').replace(
        'milestone:\n  alpha: "v1.31"\n',
        "milestone: {alpha: 'v1.30', beta: 1.31x}\n",
      ),
    },
    {
      name: 'TBD is reported and not fixed',
      files: { 'kep.yaml': skeletonWith('latest-milestone: "v1.31"', 'latest-milestone: TBD') },
      errors: [{ line: 15, column: 19, message: '"latest-milestone" is "TBD"' }],
      output: null,
    },
  ],
});
