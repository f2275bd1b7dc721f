// What `kep serve` and `kep build-site` share: the repository flags, and the site options built from them.

import { cacheDirFor } from '../load/cache.js';
import { findForge } from '../site/forge.js';
import type { SiteOptions } from '../site/index.js';
import { CliError, kepkitVersion, type RepoContext, type RepoOptions, templateOptions } from './common.js';

export interface SiteFlags extends RepoOptions {
  cache: boolean;
  siteUrl?: string;
}

/**
 * The site's absolute URL with a trailing slash: `--site-url`, else the config's `site.url`, else the base URL
 * when that is absolute; undefined when none is known (then there is no feed).
 */
export function siteUrlOf(
  flag: string | undefined,
  configured: string | undefined,
  baseUrl: string,
): string | undefined {
  if (flag !== undefined && !/^https?:\/\/[^\s"'<>\\]+$/.test(flag))
    throw new CliError(
      `--site-url ${flag}: expected an absolute http(s) URL such as https://example.org/enhancements/`,
    );
  const url = flag ?? configured ?? (/^https?:\/\//.test(baseUrl) ? baseUrl : undefined);
  return url === undefined || url.endsWith('/') ? url : `${url}/`;
}

/** The site's options: `kep lint`'s own (the config's rule settings and template mode), so findings agree. */
export async function siteOptions(
  context: RepoContext,
  flags: SiteFlags,
  baseUrl: string,
): Promise<SiteOptions> {
  const { allRules, ruleById } = await import('../rules/index.js');
  return {
    lint: {
      ...context.load,
      rules: context.config.rules ?? {},
      cache: flags.cache,
      configText: context.configText,
      ...templateOptions(context.config),
    },
    ruleById,
    rules: allRules.map((rule) => ({
      id: rule.id,
      description: rule.description,
      rationale: rule.rationale,
      severity: rule.severity,
      appliesTo: rule.docs?.appliesTo,
    })),
    baseUrl,
    siteUrl: siteUrlOf(flags.siteUrl, context.config.site?.url, baseUrl),
    linkBase: context.profile.links?.base,
    forge: findForge(context.root, context.config.site),
    history: { cacheDir: flags.cache ? cacheDirFor(context.root) : undefined, version: kepkitVersion() },
  };
}
