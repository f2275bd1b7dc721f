import type { ProcessProfile } from '../model/index.js';
import { kubernetesProfile } from './kubernetes.js';

export const profiles: Record<string, ProcessProfile> = { kubernetes: kubernetesProfile };

export function profileNamed(name: string): ProcessProfile | undefined {
  return profiles[name];
}

export { kubernetesProfile };
