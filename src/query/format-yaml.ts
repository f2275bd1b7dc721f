// YAML output lives apart from format.ts so that only `--output yaml` loads the YAML library.
import { stringify } from 'yaml';

/** A YAML document of the value; strings that look like other types are quoted, so they read back as text. */
export function formatYaml(value: unknown): string {
  return stringify(value, { lineWidth: 0, aliasDuplicateObjects: false });
}
