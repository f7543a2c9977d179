// The site's pages in reading order, with their titles in both languages. The sidebar, the nav and the browser test read this
// list; a page another branch has not delivered yet is left out until its file exists.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface Page {
  /** The page's file under docs/ without `.md`; the Japanese one is docs/ja/<file>.md. */
  readonly file: string;
  readonly en: string;
  readonly ja: string;
}

export interface Section {
  readonly en: string;
  readonly ja: string;
  readonly pages: readonly Page[];
}

export const sections: readonly Section[] = [
  {
    en: 'Guide',
    ja: 'ガイド',
    pages: [
      { file: 'getting-started', en: 'Getting started', ja: 'はじめに' },
      { file: 'sources', en: 'Sources compared', ja: 'ソースの比較' },
      { file: 'caching', en: 'Caching policy', ja: 'キャッシュポリシー' },
      { file: 'rotation', en: 'Rotation', ja: 'ローテーション' },
      { file: 'momento', en: 'Momento clients', ja: 'Momento クライアント' },
      { file: 'errors', en: 'Error codes', ja: 'エラーコード' },
      { file: 'migrating', en: 'Migrating', ja: '移行ガイド' },
    ],
  },
  {
    en: 'Sources',
    ja: 'ソース',
    pages: [
      { file: 'sources/secrets-manager', en: 'Secrets Manager', ja: 'Secrets Manager' },
      { file: 'sources/ssm', en: 'SSM Parameter Store', ja: 'SSM パラメータストア' },
      { file: 'sources/kms', en: 'KMS', ja: 'KMS' },
      { file: 'sources/env', en: 'Environment variables', ja: '環境変数' },
      { file: 'sources/file', en: 'Files', ja: 'ファイル' },
      { file: 'writing-a-source', en: 'Writing a source', ja: 'ソースの書き方' },
    ],
  },
  {
    en: 'Recipes',
    ja: 'レシピ',
    pages: [
      { file: 'lambda', en: 'AWS Lambda', ja: 'AWS Lambda' },
      { file: 'recipes/ecs-ec2', en: 'ECS and EC2', ja: 'ECS と EC2' },
      { file: 'recipes/kubernetes', en: 'Kubernetes', ja: 'Kubernetes' },
      { file: 'recipes/local-development', en: 'Local development', ja: 'ローカル開発' },
      { file: 'bundling', en: 'Bundling', ja: 'バンドル' },
      { file: 'testing', en: 'Testing', ja: 'テスト' },
      { file: 'disposable-tokens', en: 'Disposable tokens', ja: '使い捨てトークン' },
    ],
  },
  {
    en: 'Operating',
    ja: '運用',
    pages: [
      { file: 'configuration', en: 'Configuration strings', ja: '設定文字列' },
      { file: 'cli', en: 'CLI', ja: 'CLI' },
      { file: 'inversify', en: 'Inversify', ja: 'Inversify' },
    ],
  },
  {
    en: 'Background',
    ja: '背景',
    pages: [
      { file: 'architecture', en: 'Architecture', ja: 'アーキテクチャ' },
      { file: 'performance', en: 'Performance', ja: 'パフォーマンス' },
      { file: 'reliability', en: 'Reliability', ja: '信頼性' },
      { file: 'decisions', en: 'Decisions', ja: '設計判断' },
    ],
  },
];

const docs = fileURLToPath(new URL('..', import.meta.url));

/** The sections with only the pages whose English and Japanese files both exist. */
export function presentSections(): Section[] {
  return sections
    .map((section) => ({
      ...section,
      pages: section.pages.filter((p) => existsSync(`${docs}${p.file}.md`) && existsSync(`${docs}ja/${p.file}.md`)),
    }))
    .filter((section) => section.pages.length > 0);
}
