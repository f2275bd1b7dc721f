// Build step: compile every built-in profile (profiles/*.yaml) with kepkit's own profile loader into
// dist/profiles/<name>.json, which runs read instead of parsing YAML and validating on every start.
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const { readProfileData } = await import(path.join(root, 'dist/profile/load.js'));
const out = path.join(root, 'dist/profiles');
mkdirSync(out, { recursive: true });
for (const name of readdirSync(path.join(root, 'profiles')).filter((file) => file.endsWith('.yaml'))) {
  const data = readProfileData(path.join(root, 'profiles', name));
  delete data.source;
  writeFileSync(path.join(out, name.replace(/\.yaml$/, '.json')), `${JSON.stringify(data)}\n`);
}
