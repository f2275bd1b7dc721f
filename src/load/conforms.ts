// The metadata catalog's fast path (query/catalog/build.ts) takes a metadata file as the plain reader gives it
// when the data already has the shape the profile's schema accepts; this is that check, by hand, without zod.
import type { FieldSpec, ProcessProfile } from '../model/index.js';

const YAML_BOOL = /^(true|false|yes|no|on|off|y|n)$/i;

/**
 * Whether data is already what the schema accepts, checked by hand without zod: the metadata catalog's fast
 * path takes such files as they are (and leaves the rest to the full loader, which reports every problem).
 */
export function conformsPlainly(
  profile: Pick<ProcessProfile['metadata'], 'fields' | 'unknownFields'>,
  data: Record<string, unknown>,
): boolean {
  const text = (value: unknown) => value === null || typeof value === 'string';
  const fits = (spec: FieldSpec, value: unknown): boolean => {
    if (value === null) return true;
    switch (spec.type) {
      case 'text':
        return typeof value === 'string';
      case 'boolean':
        return typeof value === 'string' && YAML_BOOL.test(value);
      case 'list':
        return (
          Array.isArray(value) && value.every((item) => (spec.items ? fits(spec.items, item) : text(item)))
        );
      case 'mapping':
        return isRecord(value) && mapping(spec.fields ?? {}, value);
    }
  };
  const mapping = (fields: Record<string, FieldSpec>, value: Record<string, unknown>): boolean =>
    Object.entries(value).every(([key, inner]) => {
      const spec = fields[key];
      return spec ? fits(spec, inner) : profile.unknownFields === 'allow';
    });
  return mapping(profile.fields, data);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

export { withAliases } from '../profile/metadata-schema.js';
