import path from 'node:path';
import { isInside } from '../../load/files.js';
import { Command } from '../commander.js';
import { addRepoOptions, CliError, printNotice, repoContext } from '../common.js';
import { type SiteFlags, siteOptions } from '../site-options.js';
import { indexForSearch } from '../site-search.js';

interface BuildSiteFlags extends SiteFlags {
  out: string;
  baseUrl: string;
}

/** `/enhancements` → `/enhancements/`: the base every link starts with; a full URL or a path, never relative. */
function normalBaseUrl(value: string): string {
  const base = value.endsWith('/') ? value : `${value}/`;
  if (!/^(\/|https?:\/\/)/.test(base) || /["'<>\s\\]/.test(base))
    throw new CliError(`--base-url ${value}: expected a path such as /enhancements/ or an http(s) URL`);
  return base;
}

export function buildSiteCommand(): Command {
  const command = new Command('build-site')
    .description('write the web UI as static files: the list, a page per proposal, a page per release')
    .requiredOption('--out <dir>', 'the directory to write the site into (created if missing)')
    .option('--base-url <path>', 'the path the site is served under, e.g. /enhancements/', '/')
    .option('--no-cache', 'ignore and do not write the on-disk cache')
    .option(
      '--site-url <url>',
      'the site’s absolute URL, for the Atom feed’s links (default: the config’s site.url); its path is the default --base-url',
    );
  addRepoOptions(command);
  command.addHelpText(
    'after',
    `
Writes index.html (every proposal with its findings), keps/<id>/index.html (a proposal: metadata, findings,
README), release/index.html (every release) and release/vX.Y/index.html (the kep release report of each
release a latest-milestone names, with charts), statistics/index.html (from the git history), index/index.html
(every proposal by status and group), keps.json (kepify's shape: metadata and READMEs), feed.xml (an Atom feed
of changes; only with --site-url or the config's site.url), rules/index.html (the lint rules findings link to),
site.css and the search's files (assets/*.js, api/list.json, and pagefind/, the full-text index). The
pages are plain HTML and CSS that read without JavaScript (scripts only add search, filters and sorting):
any static host serves them; only a proposal with a mermaid block loads assets/mermaid.min.js to draw it. Each
page carries a Content-Security-Policy <meta> (scripts only from the site, never inline; inline styles only on
mermaid pages). Each file is written atomically. Builds are incremental: .kepkit-site.json in the output
directory records what each page was made from, so the next build renders only the pages whose proposal
(files, findings, history) changed, and every page when something site-wide changed (profile, config,
template, groups, approvers, --base-url, the kepkit version, the set of proposals or releases). Files of pages that are gone are removed, but only those
the manifest lists and only while they hold what kepkit wrote. The output directory may not be inside the
proposals root (the site would be walked as proposals).

Exit codes: 0 site written; 2 usage error (bad --base-url or --site-url, --out inside the proposals root, a
page that would land outside --out).

Examples:
  kep build-site --out _site
  kep build-site --out public --base-url /enhancements/   # GitHub Pages of a project site
  kep build-site --out public --site-url https://example.org/enhancements/   # with the Atom feed
  npx serve _site                                          # look at it`,
  );
  command.action(async (flags: BuildSiteFlags) => {
    const context = repoContext(flags);
    // Without --base-url, the site URL's path is where the pages link: the site is served there.
    const siteUrl = flags.siteUrl ?? context.config.site?.url;
    const baseUrl = normalBaseUrl(
      command.getOptionValueSource('baseUrl') === 'default' && siteUrl && URL.canParse(siteUrl)
        ? new URL(siteUrl).pathname
        : flags.baseUrl,
    );
    const out = path.resolve(flags.out);
    const proposalsRoot = path.resolve(context.root, context.profile.layout.proposalsRoot);
    if (isInside(proposalsRoot, out))
      throw new CliError(
        `--out ${flags.out}: inside the proposals root ${proposalsRoot}; choose a directory outside it`,
      );
    const { loadSite, SiteBuildError, writeSite } = await import('../../site/index.js');
    const site = await loadSite(context.root, await siteOptions(context, flags, baseUrl));
    // The full text is indexed (Pagefind, in a thread of its own) while the pages are rendered.
    const indexed = await indexForSearch(site, out);
    let built: import('../../site/index.js').SiteBuildResult;
    try {
      built = writeSite(site, out);
    } catch (error) {
      await indexed().catch(() => {});
      if (error instanceof SiteBuildError) throw new CliError(error.message);
      throw error;
    }
    await indexed();
    for (const notice of site.notices) printNotice(notice);
    for (const file of built.keptEdited)
      printNotice(`${file}: no longer a page, but edited since kepkit wrote it; left in place`);
    const skipped = built.skipped + built.unchanged;
    printNotice(
      `wrote ${built.written} files to ${out}` +
        (built.incremental ? `, ${skipped} unchanged` : '') +
        (built.removed.length > 0 ? `, removed ${built.removed.length} of pages that are gone` : ''),
    );
  });
  return command;
}
