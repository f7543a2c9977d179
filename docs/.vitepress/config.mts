// The documentation site: VitePress over the markdown pages in docs/ (English) and docs/ja/ (Japanese), with the API reference
// that typedoc writes into docs/api/ before the build (docs/typedoc.json). `npm run docs:build` at the root builds it into
// docs/site/. Why VitePress: docs/decisions.md, "Documentation site".
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type MarkdownIt from 'markdown-it';
import { type DefaultTheme, defineConfig } from 'vitepress';
import { withMermaid } from 'vitepress-plugin-mermaid';
import { presentSections } from './pages.mjs';

const docs = fileURLToPath(new URL('..', import.meta.url));
const repo = resolve(docs, '..');
export const REPOSITORY = 'https://github.com/tokenchain/tokenchain';

// A page may link into the repository (`../packages/core/README.md`, `../bench/results/latest.md`, `examples/readme.ts`): on
// GitHub that works, on the site it would be a dead link, so a link to anything but a page of the site points at the file on
// GitHub instead. docsSync.test.ts checks that the file exists.
function repositoryLinks(md: MarkdownIt): void {
  md.core.ruler.push('tokenchain-repository-links', (state) => {
    const page = (state.env as { realPath?: string; path?: string }).realPath ?? (state.env as { path?: string }).path;
    if (!page) return;
    for (const block of state.tokens) {
      for (const token of block.children ?? []) {
        if (token.type !== 'link_open') continue;
        const href = token.attrGet('href');
        if (!href || /^[a-z]+:|^#|^\//i.test(href)) continue;
        const [path = '', anchor] = href.split('#');
        const target = resolve(dirname(page), path);
        const isPage = !relative(docs, target).startsWith('..') && /\.md$/.test(target);
        if (!isPage) {
          const kind = existsSync(target) && !target.endsWith('.md') && !/\.[a-z0-9]+$/i.test(target) ? 'tree' : 'blob';
          token.attrSet('href', `${REPOSITORY}/${kind}/main/${relative(repo, target)}${anchor ? `#${anchor}` : ''}`);
        }
      }
    }
  });
}

// The guide's sidebar on the guide's pages; the API reference's (hundreds of entries) only on its own pages, so that a guide
// page does not carry it.
function sidebar(lang: 'en' | 'ja'): DefaultTheme.SidebarMulti {
  const prefix = lang === 'ja' ? '/ja/' : '/';
  const api = { text: lang === 'ja' ? 'API リファレンス (英語)' : 'API reference', link: `${prefix}api/` };
  const guide: DefaultTheme.SidebarItem[] = [
    ...presentSections().map((section) => ({
      text: section[lang],
      items: section.pages.map((page) => ({ text: page[lang], link: `${prefix}${page.file}` })),
    })),
    { text: api.text, items: [api] },
  ];
  return {
    [`${prefix}api/`]: [
      {
        text: lang === 'ja' ? 'ガイドに戻る' : 'Back to the guide',
        items: [{ text: sectionsTitle(lang), link: `${prefix}getting-started` }],
      },
      { text: api.text, items: apiSidebar(prefix) },
    ],
    [prefix]: guide,
  };
}

function sectionsTitle(lang: 'en' | 'ja'): string {
  return lang === 'ja' ? 'はじめに' : 'Getting started';
}

// typedoc writes docs/api/ (English, from the TSDoc); buildSite.mjs copies it to docs/ja/api/ so that the Japanese site has
// the same pages and its language menu always leads somewhere.
function apiSidebar(prefix: string): DefaultTheme.SidebarItem[] {
  const file = join(docs, 'api', 'typedoc-sidebar.json');
  const overview = { text: prefix === '/' ? 'Overview' : '概要', link: `${prefix}api/` };
  if (!existsSync(file)) return [overview];
  const json = readFileSync(file, 'utf8').replaceAll('"/api/', `"${prefix}api/`);
  return [overview, ...(JSON.parse(json) as DefaultTheme.SidebarItem[])];
}

const searchJa = {
  button: { buttonText: '検索', buttonAriaLabel: '検索' },
  modal: {
    noResultsText: '見つかりませんでした',
    resetButtonTitle: 'リセット',
    footer: { selectText: '選択', navigateText: '移動', closeText: '閉じる' },
  },
};

export default withMermaid(
  defineConfig({
    title: 'tokenchain',
    description: 'Get a Momento API key from wherever you keep it and turn it into long-lived, reused Momento clients.',
    // No favicon of its own: an empty one, so that browsers do not ask for /favicon.ico and log a 404.
    head: [['link', { rel: 'icon', href: 'data:,' }]],
    // Served at the root by the browser test; DOCS_BASE=/tokenchain/ for https://tokenchain.github.io/tokenchain/.
    base: process.env.DOCS_BASE ?? '/',
    srcDir: '.',
    outDir: './site',
    cacheDir: './.vitepress/cache',
    srcExclude: ['examples/**', 'site/**', 'dist/**', 'node_modules/**', 'README.md'],
    cleanUrls: true,
    lastUpdated: false,
    // Links into the repository are rewritten to GitHub above; docsSync.test.ts checks every other link too.
    ignoreDeadLinks: false,
    markdown: { config: repositoryLinks },
    mermaid: { securityLevel: 'strict' },
    locales: {
      root: {
        label: 'English',
        lang: 'en-US',
        themeConfig: {
          nav: [
            { text: 'Guide', link: '/getting-started' },
            { text: 'API', link: '/api/' },
            { text: 'Error codes', link: '/errors' },
          ],
          sidebar: sidebar('en'),
        },
      },
      ja: {
        label: '日本語',
        lang: 'ja',
        link: '/ja/',
        description: 'Momento の API キーを保管場所から取得し、長寿命で再利用される Momento クライアントを作ります。',
        themeConfig: {
          nav: [
            { text: 'ガイド', link: '/ja/getting-started' },
            { text: 'API', link: '/ja/api/' },
            { text: 'エラーコード', link: '/ja/errors' },
          ],
          sidebar: sidebar('ja'),
          outline: { label: 'このページの内容' },
          docFooter: { prev: '前のページ', next: '次のページ' },
          darkModeSwitchLabel: '外観',
          sidebarMenuLabel: 'メニュー',
          returnToTopLabel: 'トップに戻る',
          langMenuLabel: '言語',
        },
      },
    },
    themeConfig: {
      socialLinks: [{ icon: 'github', link: REPOSITORY }],
      search: {
        provider: 'local',
        options: {
          locales: { ja: { translations: searchJa } },
          // minisearch splits words on spaces and punctuation, which leaves a Japanese sentence one long word: split runs of
          // kana and kanji into words with Intl.Segmenter, at build time (the index) and in the browser (the query) alike.
          // VitePress serializes this function into the page, so it must not close over anything.
          miniSearch: {
            options: {
              tokenize: (text: string) =>
                text
                  .split(/[\s\p{P}\p{S}]+/u)
                  .filter((part) => part.length > 0)
                  .flatMap((part) =>
                    /[\u3040-\u30ff\u3400-\u9fff]/u.test(part)
                      ? [...new Intl.Segmenter('ja', { granularity: 'word' }).segment(part)]
                          .filter((segment) => segment.isWordLike)
                          .map((segment) => segment.segment)
                      : [part],
                  ),
            },
          },
        },
      },
      outline: 'deep',
    },
  }),
);
