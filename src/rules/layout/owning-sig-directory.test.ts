import { kubernetesProfile } from '../../profile/index.js';
import { corpusRepo, SKELETON, skeletonText } from '../../testing/fixtures.js';
import { ruleTester } from '../../testing/rule-tester.js';
import { owningSigDirectoryRule } from './owning-sig-directory.js';

const owningSig = (sig: string) => (text: string) =>
  text.replace('owning-sig: sig-node', `owning-sig: ${sig}`);

ruleTester(owningSigDirectoryRule, {
  valid: [
    { name: 'a sig-node KEP under keps/sig-node' },
    {
      name: 'a KEP in a subproject directory below its SIG (keps/sig-cluster-lifecycle/kubeadm/…)',
      files: {
        'keps/sig-cluster-lifecycle/kubeadm/1234-example-feature/kep.yaml': owningSig(
          'sig-cluster-lifecycle',
        )(skeletonText('kep.yaml')),
        [SKELETON.metadata]: null,
      },
    },
    {
      name: 'a directory that is not a group (keps/provider-aws) says nothing about the owner',
      repo: () => corpusRepo(['keps/provider-aws/630-ebs-csi-driver']),
    },
    {
      name: 'a profile that does not file proposals by group (no layout.groupDirectories)',
      profile: { ...kubernetesProfile, layout: { ...kubernetesProfile.layout, groupDirectories: undefined } },
      files: { 'kep.yaml': owningSig('sig-storage') },
    },
  ],
  invalid: [
    {
      name: 'owning-sig names another SIG than the directory',
      files: { 'kep.yaml': owningSig('sig-storage') },
      errors: [
        {
          line: 5,
          column: 13,
          message: 'owning-sig is "sig-storage", but the KEP lives in the sig-node directory',
        },
      ],
    },
    {
      name: 'the corpus’s 986-resource-quota-scope-selectors: sig-api-machinery under keps/sig-scheduling',
      repo: () => corpusRepo(['keps/sig-scheduling/986-resource-quota-scope-selectors']),
      errors: [
        {
          file: 'keps/sig-scheduling/986-resource-quota-scope-selectors/kep.yaml',
          line: 5,
          column: 13,
          message: '"sig-api-machinery", but the KEP lives in the sig-scheduling directory',
        },
      ],
    },
  ],
});
