// Validation of SARIF logs against the SARIF 2.1.0 schema (a devDependency), for reporter and CLI tests.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import AjvDraft04 from 'ajv-draft-04';
import { projectRoot } from './fixtures.js';

const SCHEMA = 'node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json';

/** A validator returning the schema violations of a SARIF log (empty when valid), formats included. */
export function sarifValidator(): (log: unknown) => string[] {
  // A CommonJS module: under NodeNext the default import is `module.exports`, whose `default` is the class.
  const Ajv = AjvDraft04.default;
  // The schema's language-tag pattern is not a valid `u`-flag regular expression.
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  ajv.addFormat('uri', (value: string) => URL.canParse(value));
  ajv.addFormat('uri-reference', (value: string) => !/\s/.test(value) && URL.canParse(value, 'file:///'));
  ajv.addFormat('date-time', (value: string) => !Number.isNaN(Date.parse(value)));
  const validate = ajv.compile(JSON.parse(readFileSync(path.join(projectRoot, SCHEMA), 'utf8')));
  return (log) =>
    validate(log)
      ? []
      : (validate.errors ?? []).map(
          (error: { instancePath: string; message?: string }) => `${error.instancePath} ${error.message}`,
        );
}
