export { PROPOSALS_JSON_PATH, proposalJsonPath } from './api.js';
export { SITE_MANIFEST, SiteBuildError, type SiteBuildResult, siteFileOf, writeSite } from './build.js';
export { CONTENT_SECURITY_POLICY, DIAGRAM_CONTENT_SECURITY_POLICY } from './content-security-policy.js';
export {
  FullTextIndex,
  SEARCH_ENDPOINT_PATH,
  SearchQueryError,
  searchJson,
  searchQueryOf,
} from './fulltext.js';
export { type FullTextRecord, fullTextRecords, writePagefindIndex } from './fulltext-pagefind.js';
export { LIVE_EVENTS_PATH, LIVE_RELOAD_SCRIPT, LIVE_RELOAD_SCRIPT_PATH } from './live.js';
export { renderMarkdown } from './markdown.js';
export { listPage } from './pages/list.js';
export { proposalPage } from './pages/proposal.js';
export { releasePage, releaseReportFor } from './pages/release.js';
export { resolveSitePath, type SitePage, sitePaths } from './routes.js';
export { loadSite, NO_FEED_NOTICE, refreshSite, type Site, type SiteOptions } from './site.js';
export { SITE_CSS } from './style.js';
export { proposalPath, releasePath, STYLESHEET_PATH } from './urls.js';
