// The images a README shows by a relative link (`![design](./design.png)`): served and copied beside the
// proposal's page, so that the link works there. Only images, only files the walk saw in the proposal's own
// directory, read through load's confined reader (a symbolic link out of the repository is refused).
import { readBytes } from '../load/files.js';
import type { Proposal } from '../model/index.js';
import type { Site } from './site.js';
import { proposalPath } from './urls.js';

const IMAGE_TYPES: Record<string, string> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  // An SVG runs no script as an <img>, and opened by itself the CSP (no inline script) still holds.
  svg: 'image/svg+xml',
};

export function imageType(file: string): string | undefined {
  return IMAGE_TYPES[/\.([a-z0-9]+)$/i.exec(file)?.[1]?.toLowerCase() ?? ''];
}

/** The repository's image files, sorted, once per walk. */
const imagesByWalk = new WeakMap<Set<string>, string[]>();

function imageFiles(site: Site): string[] {
  let images = imagesByWalk.get(site.layout.files);
  if (!images) {
    images = [...site.layout.files].filter((file) => imageType(file) !== undefined).sort();
    imagesByWalk.set(site.layout.files, images);
  }
  return images;
}

/** Images in a directory-layout proposal's directory: repo-relative path → path below the site's base. */
export function proposalImages(site: Site, proposal: Proposal): Map<string, string> {
  const images = new Map<string, string>();
  // In a one-file layout the proposal is a file: the directory around it belongs to others.
  if (proposal.dir === proposal.readmePath || proposal.dir.endsWith('.md')) return images;
  const prefix = `${proposal.dir}/`;
  // The image files sorted: those below the directory are one run, found by binary search (a site asks for
  // every proposal's images, and a repository has thousands of files).
  const files = imageFiles(site);
  let low = 0;
  let high = files.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (files[middle]! < prefix) low = middle + 1;
    else high = middle;
  }
  for (let index = low; index < files.length && files[index]!.startsWith(prefix); index++) {
    const file = files[index]!;
    const below = file.slice(prefix.length).split('/').map(encodeURIComponent).join('/');
    images.set(file, proposalPath(proposal) + below);
  }
  return images;
}

export interface SiteAsset {
  contentType: string;
  bytes: Buffer;
}

/** Read an image of the repository; undefined when it is not one, is too large, or leads outside the repo. */
export function readImage(site: Site, file: string): SiteAsset | undefined {
  const contentType = imageType(file);
  if (!contentType) return undefined;
  const read = readBytes(site.root, file);
  return read.ok ? { contentType, bytes: read.bytes } : undefined;
}
