import { Command, Option } from '../commander.js';
import { addRepoOptions, CliError, NoRepositoryError, type RepoOptions, repoContext } from '../common.js';
import { writeOutput } from '../output.js';

interface SchemaFlags extends RepoOptions {
  draft: '7' | '2020-12';
  output?: string;
}

export function schemaCommand(): Command {
  const command = new Command('schema')
    .description('print a JSON Schema of the metadata file (kep.yaml) or of the profile format, for editors')
    .argument(
      '[what]',
      '`metadata` (the repository profile’s metadata file, the default) or `profile` (the profile format)',
    )
    .addOption(
      new Option('--draft <draft>', 'JSON Schema draft: 7 (widest editor support) or 2020-12')
        .choices(['7', '2020-12'])
        .default('7'),
    )
    .option('-o, --output <file>', 'write the schema to a file (atomically) instead of standard output');
  addRepoOptions(command);
  command.addHelpText(
    'after',
    `
The schema accepts exactly the fields and shapes kep lint accepts (an unknown field or a list where a
value belongs is an error); statuses, stages and, when a groups file is found, SIG names are offered as
completions without being enforced, since kep lint reports those with positions and reasons.

Examples:
  kep schema --output kep.schema.json
  kep schema profile --output profile.schema.json   # for writing a profile file
  kep schema --draft 2020-12 > kep.schema.json

Use it in VS Code (redhat.vscode-yaml) settings.json:
  "yaml.schemas": { "./kep.schema.json": "keps/**/kep.yaml" }
or per file, as the first line of a kep.yaml:
  # yaml-language-server: $schema=../../../kep.schema.json`,
  );
  command.action(async (what: string | undefined, flags: SchemaFlags) => {
    if (what !== undefined && what !== 'metadata' && what !== 'profile')
      throw new CliError(`kep schema ${what}: expected metadata or profile`);
    if (what === 'profile') {
      const { profileJsonSchema } = await import('../../profile/format.js');
      await writeOutput(flags.output, `${JSON.stringify(profileJsonSchema(flags.draft), null, 2)}\n`);
      return;
    }
    // Outside a repository the schema is still useful: the default profile, without group names.
    const inRepo = flags.repo !== undefined || flags.groups !== undefined || insideRepository(flags);
    const context = inRepo ? repoContext(flags) : undefined;
    const { kubernetesProfile } = await import('../../profile/index.js');
    const { metadataSchema } = await import('../../profile/metadata-schema.js');
    const profile = context?.profile ?? kubernetesProfile;
    let groups: string[] | undefined;
    if (context) {
      const { locate, loadGroups } = await import('../../load/facts.js');
      const file = locate(context.root, context.load.groupsFile, profile.groups.candidates);
      if (file) groups = [...loadGroups(context.root, file, profile).names].sort();
    }
    const { metadataJsonSchema } = await import('../../query/export/schema.js');
    const schema = metadataJsonSchema(metadataSchema(profile.metadata), profile, {
      draft: flags.draft,
      groups,
    });
    await writeOutput(flags.output, `${JSON.stringify(schema, null, 2)}\n`);
  });
  return command;
}

function insideRepository(flags: SchemaFlags): boolean {
  try {
    repoContext(flags);
    return true;
  } catch (error) {
    if (error instanceof NoRepositoryError) return false;
    throw error;
  }
}
