// The built-in profiles: files of the profile format shipped in `profiles/`, loaded through the same loader as
// a user's file. The build compiles each into `dist/profiles/<name>.json` (scripts/build-profiles.mjs), so that
// a run reads plain JSON instead of importing the YAML parser and zod (about 80 ms, measured) on every start.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ProcessProfile } from '../model/index.js';
import { BUILTIN_PROFILES_DIR, buildProfile, loadProfileFile, type ProfileData } from './load.js';

const COMPILED_DIR = fileURLToPath(new URL('../profiles/', import.meta.url));

/** The names of the built-in profiles. */
export function builtinProfileNames(): string[] {
  const names = new Set<string>();
  for (const [dir, ending] of [
    [BUILTIN_PROFILES_DIR, '.yaml'],
    [COMPILED_DIR, '.json'],
  ] as const) {
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir)) if (name.endsWith(ending)) names.add(name.slice(0, -ending.length));
  }
  return [...names].sort();
}

const loaded = new Map<string, ProcessProfile>();

/** A built-in profile by name, or undefined when there is none of that name. */
export function profileNamed(name: string): ProcessProfile | undefined {
  let profile = loaded.get(name);
  if (profile) return profile;
  if (!/^[a-z0-9][a-z0-9-]*$/.test(name)) return undefined;
  const file = path.join(BUILTIN_PROFILES_DIR, `${name}.yaml`);
  const compiled = path.join(COMPILED_DIR, `${name}.json`);
  if (existsSync(compiled))
    profile = buildProfile({ ...(JSON.parse(readFileSync(compiled, 'utf8')) as ProfileData), source: file });
  else if (existsSync(file)) profile = loadProfileFile(file);
  else return undefined;
  loaded.set(name, profile);
  return profile;
}

/** The Kubernetes profile (`profiles/kubernetes.yaml`). */
export const kubernetesProfile: ProcessProfile = profileNamed('kubernetes')!;

export {
  buildProfile,
  loadProfileFile,
  type ProfileData,
  ProfileError,
  profileKeyLocation,
  readProfileData,
} from './load.js';
