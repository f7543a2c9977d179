import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { TokenSourceError } from '@tokenchain/core';
import { fromConfig, loadSources } from '@tokenchain/core/config';
import { expect } from 'chai';
import { collectTokens, KEY_1, KEY_2, makeTempDir, writeKey } from './fixtures.testing.js';
import { fileScheme } from './index.js';

// The scheme as the package exports it: an application passes the same value in options.schemes.
const schemes = [fileScheme];

describe('fileScheme', () => {
  let dir: string;
  let path: string;

  beforeEach(async () => {
    dir = await makeTempDir();
    path = join(dir, 'api-key');
    await writeKey(path, `${KEY_1}\n`);
  });

  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  describe('having file:PATH', () => {
    it('returns the trimmed key of that file', async () => {
      const token = await fromConfig(`file:${path}`, { schemes }).getToken();
      expect(token.secret.reveal()).to.equal(KEY_1);
      expect(token.source).to.equal(`file:${path}`);
    });

    it('falls through to the next entry when the file does not exist', async () => {
      const source = fromConfig(`file:${join(dir, 'missing')}, file:${path}`, { schemes });
      expect((await source.getToken()).source).to.equal(`file:${path}`);
    });
  });

  describe('having ?watch', () => {
    it('announces the new key when the file changes', async () => {
      const { sources } = await loadSources(`file:${path}?watch`, { schemes });
      const source = sources[0] as NonNullable<(typeof sources)[0]>;
      const announced = collectTokens(source);
      try {
        await source.getToken();
        await writeKey(path, KEY_2);
        expect((await announced.next()).secret.reveal()).to.equal(KEY_2);
      } finally {
        announced.unsubscribe();
      }
    });
  });

  describe('having ?refuseInsecurePermissions', () => {
    it('refuses a file others may read with ACCESS_DENIED', async () => {
      await writeKey(path, KEY_1, 0o644);
      const err = await fromConfig(`file:${path}?refuseInsecurePermissions`, { schemes })
        .getToken()
        .catch((e: unknown) => e);
      expect(TokenSourceError.is(err) && err.code).to.equal('ACCESS_DENIED');
    });
  });

  describe('having a mistake', () => {
    it('rejects an entry without a path, saying what the target is', async () => {
      await expect(loadSources('file:', { schemes })).to.be.rejectedWith(
        /entry 1 "file:": the "file" scheme needs a target: the path of the file/,
      );
    });

    it('rejects a maxBytes that is not a number', async () => {
      await expect(loadSources(`file:${path}?maxBytes=big`, { schemes })).to.be.rejectedWith(
        /option "maxBytes" of "file" must be a number \(got "big"\)/,
      );
    });
  });
});
