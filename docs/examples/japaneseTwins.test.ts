import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { expect } from 'chai';
import ts from 'typescript';
import { exampleFiles, filesUnder, root } from './exampleFiles.js';

// The Japanese pages quote Japanese twins of the compiled examples: `name.ja.mts` beside `name.mts` (or `.ja.ts` beside
// `.ts`), the same code with Japanese comments. Two files of the same code can drift, so these checks hold them together:
// 1. each twin has its English example beside it, and the two are the same program once comments are removed;
// 2. each twin's comments are Japanese (a twin that is a plain copy translates nothing);
// 3. every comment in a code block of a Japanese page is Japanese, so a page cannot quote the English example instead.
// docsSync.test.ts checks that every block is in some compiled example, twins included.

const JAPANESE = /[\u3040-\u30ff\u3400-\u9fff]/;
const blocks = (markdown: string) =>
  [...markdown.matchAll(/^```(?:ts|typescript|mts|cts)\b[^\n]*\n([\s\S]*?)^```/gm)].map((m) => m[1] ?? '');

function sourceFile(code: string, name: string): ts.SourceFile {
  return ts.createSourceFile(name, code, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
}

/** The program without its comments, as the TypeScript printer writes it: what must not differ between languages. */
function withoutComments(code: string, name: string): string {
  return ts.createPrinter({ removeComments: true }).printFile(sourceFile(code, name));
}

/** Every comment of the code, TSDoc included, found as the trivia around each token (so `//` inside a string is not one). */
function commentsOf(code: string): string[] {
  const found = new Map<number, string>();
  const visit = (node: ts.Node): void => {
    const ranges = [
      ...(ts.getLeadingCommentRanges(code, node.getFullStart()) ?? []),
      ...(ts.getTrailingCommentRanges(code, node.getEnd()) ?? []),
    ];
    for (const range of ranges) found.set(range.pos, code.slice(range.pos, range.end));
    for (const child of node.getChildren()) visit(child);
  };
  visit(sourceFile(code, 'block.ts'));
  return [...found.values()];
}

const englishOf = (twin: string) => twin.replace(/\.ja(\.m?ts)$/, '$1');

describe('the Japanese twins of the compiled examples', () => {
  const twins = exampleFiles().filter((file) => /\.ja\.m?ts$/.test(file));

  it('finds the twins that docs/ja quotes', () => {
    expect(twins.map((file) => relative(root, file))).to.include('docs/examples/gettingStarted.ja.mts');
  });

  for (const twin of twins) {
    const name = relative(root, twin);
    describe(name, () => {
      it('is its English example with only the comments changed', () => {
        const english = englishOf(twin);
        expect(existsSync(english), `${name} has no English example beside it`).to.equal(true);
        expect(withoutComments(readFileSync(twin, 'utf8'), twin)).to.equal(
          withoutComments(readFileSync(english, 'utf8'), english),
        );
      });

      it('has Japanese comments', () => {
        const english = commentsOf(readFileSync(twin, 'utf8')).filter((comment) => !JAPANESE.test(comment));
        expect(english, `comments of ${name} left in English`).to.deep.equal([]);
      });
    });
  }

  const japanesePages = [...filesUnder(join(root, 'docs', 'ja'), /\.md$/), join(root, 'README.ja.md')];
  for (const page of japanesePages) {
    it(`${relative(root, page)} has Japanese comments in its code`, () => {
      const english = blocks(readFileSync(page, 'utf8'))
        .flatMap(commentsOf)
        .filter((comment) => !JAPANESE.test(comment));
      expect(english, `comments left in English (quote the .ja. twin of the example)`).to.deep.equal([]);
    });
  }
});
