export { PROPOSALS_JSON_PATH, proposalJsonPath } from './api.js';
export { LIVE_EVENTS_PATH, LIVE_RELOAD_SCRIPT, LIVE_RELOAD_SCRIPT_PATH } from './live.js';
export { renderMarkdown } from './markdown.js';
export { listPage, proposalPage, releasePage, releaseReportFor } from './pages.js';
export { resolveSitePath, type SitePage, sitePaths } from './routes.js';
export { loadSite, refreshSite, type Site, type SiteOptions } from './site.js';
export { SITE_CSS } from './style.js';
export { proposalPath, releasePath, STYLESHEET_PATH } from './urls.js';
