import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { type Browser, chromium, type Page } from 'playwright-core';
import { serveSite } from './serveSite.js';

// The built site, opened page by page in headless Chromium: each hand-written page in both languages (and the API reference's
// package pages) renders a heading, logs no console error, draws every Mermaid diagram its markdown has, and every link it
// has to this site answers 200 and lands on an anchor that exists.
const docs = fileURLToPath(new URL('../../', import.meta.url));
const root = join(docs, '..');
const site = join(docs, 'site');
const CHROMIUM = '/usr/bin/chromium';
const PAGE_TIMEOUT_MS = 5_000;
// The search box loads an ~800 KB index per language on first open: on a loaded CI machine that took longer than a page.
const SEARCH_TIMEOUT_MS = 30_000;

function htmlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? htmlFiles(join(dir, entry.name))
      : entry.name.endsWith('.html')
        ? [join(dir, entry.name)]
        : [],
  );
}

/** The URL path of a built page: `ja/caching.html` → `/ja/caching`, `ja/index.html` → `/ja/`. */
const urlPath = (file: string) =>
  `/${relative(site, file)
    .replace(/index\.html$/, '')
    .replace(/\.html$/, '')}`;

/** The markdown a page was built from, for the number of Mermaid diagrams it should show. */
function sourceOf(path: string): string | undefined {
  const base = path.endsWith('/') ? `${path}index` : path;
  const file = join(docs, `${base}.md`);
  return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
}

/**
 * Opens the search box. A click that lands before Vue has hydrated the page does nothing (the button is still plain
 * HTML), which on a loaded CI machine is likely: so click, give the box a moment, and click again until it is there.
 */
async function openSearch(page: Page): Promise<void> {
  const deadline = Date.now() + SEARCH_TIMEOUT_MS;
  const input = page.locator('.VPLocalSearchBox input');
  for (;;) {
    if (await input.isVisible()) return;
    await page.locator('.VPNavBarSearch button').first().click();
    try {
      await input.waitFor({ timeout: 2_000 });
      return;
    } catch (err) {
      if (Date.now() > deadline) throw err;
    }
  }
}

describe('the documentation site in a browser', function () {
  this.timeout(600_000);
  let browser: Browser;
  let server: Awaited<ReturnType<typeof serveSite>>;
  let pages: string[] = [];

  before(() => {
    // The site is built once per CI run (the first Node version builds it, the others find it up to date).
    execFileSync(process.execPath, [join(docs, 'browser', 'buildSite.mjs'), '--if-stale'], { stdio: 'inherit' });
    if (!existsSync(CHROMIUM)) execFileSync('sh', [join(root, '.ci', 'chromium.sh')], { stdio: 'inherit' });
  });

  before(async () => {
    server = await serveSite(site);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
    pages = htmlFiles(site)
      .map(urlPath)
      .filter((path) => path !== '/404' && (!path.includes('/api/') || /^(\/ja)?\/api\/([a-z-]+\/)?$/.test(path)))
      .sort();
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('has every page in both languages', () => {
    const english = pages.filter((p) => !p.startsWith('/ja/'));
    const japanese = pages.filter((p) => p.startsWith('/ja/'));
    expect(english.length).to.be.greaterThan(20);
    expect(japanese.map((p) => p.replace(/^\/ja/, ''))).to.have.members(english);
  });

  it('finds pages with its local search, Japanese words included', async () => {
    const page = await browser.newPage();
    page.setDefaultTimeout(SEARCH_TIMEOUT_MS);
    const found: Record<string, number> = {};
    for (const [path, query] of [
      ['/', 'rotation'],
      ['/ja/', 'ローテーション'],
      ['/ja/', '暗号化コンテキスト'],
    ] as const) {
      await page.goto(`${server.origin}${path}`, { waitUntil: 'load' });
      await openSearch(page);
      await page.locator('.VPLocalSearchBox input').fill(query);
      await page
        .locator('.VPLocalSearchBox .result')
        .first()
        .waitFor()
        .catch(() => undefined);
      found[`${path} ${query}`] = await page.locator('.VPLocalSearchBox .result').count();
    }
    await page.close();
    for (const [search, results] of Object.entries(found)) expect(results, search).to.be.greaterThan(0);
  });

  it('renders every page with its diagrams, no console errors and links that resolve', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    page.setDefaultTimeout(PAGE_TIMEOUT_MS);
    const problems: string[] = [];
    let current = '';
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`${current}: console error: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`${current}: uncaught: ${error.message}`));

    const links = new Map<string, string>(); // target URL (with anchor) → the page that links to it
    const anchors = new Map<string, Set<string>>(); // visited path → the ids on it

    const slowest = { path: '', ms: 0 };
    for (const path of pages) {
      current = path;
      const started = performance.now();
      const response = await page.goto(`${server.origin}${path}`, { waitUntil: 'load' });
      if (response?.status() !== 200) problems.push(`${path}: HTTP ${response?.status()}`);
      await page.locator('.vp-doc h1').first().waitFor();
      const diagrams = (sourceOf(path)?.match(/^```mermaid$/gm) ?? []).length;
      if (diagrams > 0) {
        // Mermaid may draw a diagram twice while the page hydrates (the first time as an error picture); wait for the last.
        const drawn = await page
          .waitForFunction((n) => {
            const svgs = [...document.querySelectorAll('.mermaid svg')];
            return svgs.length >= n && svgs.every((svg) => !/syntax error/i.test(svg.textContent ?? ''));
          }, diagrams)
          .then(() => true)
          .catch(() => false);
        if (!drawn) {
          const svgs = await page.locator('.mermaid svg').allTextContents();
          const broken = svgs.filter((text) => /syntax error/i.test(text)).length;
          problems.push(
            `${path}: ${svgs.length - broken} of ${diagrams} Mermaid diagrams rendered, ${broken} failed to parse`,
          );
        }
      }
      const found = await page.evaluate(() => ({
        ids: [...document.querySelectorAll('[id]')].map((element) => element.id),
        hrefs: [...document.querySelectorAll<HTMLAnchorElement>('.vp-doc a[href], .VPSidebar a[href], .VPNav a[href]')]
          .map((a) => a.href)
          .filter((href) => href.startsWith(location.origin)),
      }));
      anchors.set(path, new Set(found.ids));
      for (const href of found.hrefs) if (!links.has(href)) links.set(href, path);
      const ms = performance.now() - started;
      if (ms > slowest.ms) Object.assign(slowest, { path, ms });
    }
    await context.close();
    console.log(
      `      ${pages.length} pages, ${links.size} links; slowest page ${slowest.path} in ${Math.round(slowest.ms)} ms`,
    );

    // Every link once, eight at a time: a static server on loopback answers in a millisecond.
    const targets = [...links];
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        for (let next = targets.shift(); next !== undefined; next = targets.shift()) {
          const [href, from] = next;
          const url = new URL(href);
          const status = (await fetch(new URL(url.pathname, server.origin))).status;
          if (status !== 200) problems.push(`${from}: link to ${url.pathname} answers ${status}`);
          const ids = anchors.get(url.pathname.replace(/\.html$/, ''));
          const id = decodeURIComponent(url.hash.slice(1));
          if (id && ids && !ids.has(id)) problems.push(`${from}: link to ${url.pathname}#${id}: no such anchor`);
        }
      }),
    );
    expect(problems, problems.join('\n')).to.deep.equal([]);
  });
});
