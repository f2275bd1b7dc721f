export { renderMarkdown } from './markdown.js';
export { listPage, proposalPage, releasePage, releaseReportFor } from './pages.js';
export { resolveSitePath, type SitePage, sitePaths } from './routes.js';
export { loadSite, type Site, type SiteOptions } from './site.js';
export { SITE_CSS } from './style.js';
export { proposalPath, releasePath, STYLESHEET_PATH } from './urls.js';
