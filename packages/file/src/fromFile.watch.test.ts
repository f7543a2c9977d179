/// <reference types="chai-as-promised" />
import { chmod, mkdir, rename, rm, symlink, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { TokenEvent } from '@tokenchain/core';
import { expect } from 'chai';
import {
  collectTokens,
  createSecretVolume,
  expectWritesAnnounced,
  inotifyWatchCount,
  KEY_1,
  KEY_2,
  KEY_3,
  makeTempDir,
  PACKAGE_ENTRY,
  recordEvents,
  runNode,
  writeKey,
} from './fixtures.testing.js';
import { fromFile, type WatchedFileTokenSource } from './fromFile.js';

/** Short, so the tests are quick; the default (100 ms) is for real volumes. */
const DEBOUNCE_MS = 20;

describe(`${fromFile.name} with watch: true`, () => {
  let dir: string;
  let sources: WatchedFileTokenSource[];

  const watched = (init: Omit<Parameters<typeof fromFile>[0], 'watch' | 'debounceMs'>): WatchedFileTokenSource => {
    const source = fromFile({ ...init, watch: true, debounceMs: DEBOUNCE_MS });
    sources.push(source);
    return source;
  };

  /** A watched file holding KEY_1, read once (so KEY_1 is known), with what it announces and reports recorded. */
  const watchingKey = async (options: { readonly refuseInsecurePermissions?: boolean } = {}) => {
    const path = join(dir, 'key');
    await writeKey(path, KEY_1);
    const { observer, next } = recordEvents();
    const source = watched({ path, observer, ...options });
    await source.getToken();
    return { path, source, announced: collectTokens(source), next };
  };

  beforeEach(async () => {
    dir = await makeTempDir();
    sources = [];
  });

  afterEach(async () => {
    for (const source of sources) source.close();
    await rm(dir, { recursive: true, force: true });
  });

  describe('having a plain file', () => {
    describe('when the file is rewritten in place', () => {
      it('announces the new token', async () => {
        const { path, announced } = await watchingKey();
        await writeKey(path, `${KEY_2}\n`);
        const token = await announced.next();
        expect(token.secret.reveal()).to.equal(KEY_2);
        expect(token.source).to.equal(`file:${path}`);
      });
    });

    describe('when an editor saves it by renaming a new file over it', () => {
      it('announces the new token', async () => {
        const { path, announced } = await watchingKey();
        await writeKey(join(dir, '.key.swp'), KEY_2);
        await rename(join(dir, '.key.swp'), path);
        expect((await announced.next()).secret.reveal()).to.equal(KEY_2);
      });
    });

    describe('when it is rewritten with the same content, then with new content', () => {
      it('announces only the new content', async () => {
        const { path, source, announced } = await watchingKey();
        await writeKey(path, `${KEY_1}\n`);
        // The check of that write is over, so a wrong announcement of the same key would have come first.
        await source.settled();
        await expectWritesAnnounced(announced, path, [KEY_2]);
        expect(announced.tokens.map((t) => t.secret.reveal())).to.deep.equal([KEY_2]);
      });
    });

    describe('when it changes while nobody called getToken before subscribing', () => {
      it('takes the content at subscription as known and announces the change', async () => {
        const path = join(dir, 'key');
        await writeKey(path, KEY_1);
        const { observer, next } = recordEvents();
        const source = watched({ path, observer });
        const announced = collectTokens(source);
        // The first read after subscribing sets what is known; wait until it has happened.
        await source.settled();
        await expectWritesAnnounced(announced, path, [KEY_2]);
        const rotated = await next('rotated');
        expect(announced.tokens).to.have.length(1);
        expect(rotated).to.include({ source: `file:${path}` });
      });
    });
  });

  describe('having no subscriber', () => {
    describe('when settled() is called', () => {
      it('resolves, with nothing watched', async () => {
        const path = join(dir, 'key');
        await writeKey(path, KEY_1);
        const source = watched({ path });
        await source.settled();
        expect(source.watching).to.equal(false);
      });
    });
  });

  describe('having a Kubernetes secret volume (..data symlink swap)', () => {
    describe('when the kubelet swaps in new content, twice', () => {
      it('announces each new token', async () => {
        const volume = await createSecretVolume(dir, { 'api-key': `${KEY_1}\n` });
        const path = join(dir, 'api-key');
        const { observer, events } = recordEvents();
        const source = watched({ path, observer, refuseInsecurePermissions: true });
        expect((await source.getToken()).secret.reveal()).to.equal(KEY_1);
        const announced = collectTokens(source);

        await volume.update({ 'api-key': `${KEY_2}\n` });
        expect((await announced.next()).secret.reveal()).to.equal(KEY_2);
        await volume.update({ 'api-key': `${KEY_3}\n` });
        expect((await announced.next()).secret.reveal()).to.equal(KEY_3);

        expect(announced.tokens).to.have.length(2);
        const rotations = events.filter((e) => e.type === 'rotated');
        expect(rotations).to.have.length(2);
        expect(events.filter((e) => e.type !== 'rotated')).to.deep.equal([]);
      });
    });

    describe('when another key of the same volume changes', () => {
      it('announces nothing for this key', async () => {
        const volume = await createSecretVolume(dir, { 'api-key': KEY_1, endpoint: 'cell-1' });
        const source = watched({ path: join(dir, 'api-key') });
        await source.getToken();
        const announced = collectTokens(source);
        await volume.update({ 'api-key': KEY_1, endpoint: 'cell-2' });
        await source.settled();
        await volume.update({ 'api-key': KEY_2, endpoint: 'cell-2' });
        expect((await announced.next()).secret.reveal()).to.equal(KEY_2);
        expect(announced.tokens).to.have.length(1);
      });
    });
  });

  describe('having a symlink to a file in another directory', () => {
    describe('when the target is rewritten in place', () => {
      it('announces the new token', async () => {
        await mkdir(join(dir, 'real'));
        await mkdir(join(dir, 'links'));
        await writeKey(join(dir, 'real', 'key'), KEY_1);
        await symlink(join(dir, 'real', 'key'), join(dir, 'links', 'key'));
        const source = watched({ path: join(dir, 'links', 'key') });
        await source.getToken();
        const announced = collectTokens(source);
        // The first check watches the target's directory too.
        await source.settled();
        await writeKey(join(dir, 'real', 'key'), KEY_2);
        expect((await announced.next()).secret.reveal()).to.equal(KEY_2);
      });
    });
  });

  describe('having a file that is removed, then created again', () => {
    describe('when it comes back with new content', () => {
      it('reports the absence as a warning and announces the new token', async () => {
        const { path, announced, next } = await watchingKey();
        await unlink(path);
        const warning = await next('warning');
        expect(warning).to.have.property('message').that.includes(`no file at ${path}`);
        await expectWritesAnnounced(announced, path, [KEY_2]);
      });
    });

    describe('when it comes back with the same content', () => {
      it('announces nothing', async () => {
        const { path, source, announced, next } = await watchingKey();
        await unlink(path);
        await next('warning');
        await writeKey(path, KEY_1);
        await source.settled();
        await expectWritesAnnounced(announced, path, [KEY_2]);
        expect(announced.tokens).to.have.length(1);
      });
    });
  });

  describe('having the directory holding the file removed, then created again', () => {
    describe('when the file comes back with new content', () => {
      it('watches the new directory and announces the new token', async () => {
        const volume = join(dir, 'volume');
        const path = join(volume, 'key');
        await mkdir(volume);
        await writeKey(path, KEY_1);
        const { observer, next } = recordEvents();
        const source = watched({ path, observer });
        await source.getToken();
        const announced = collectTokens(source);
        await source.settled();
        await rm(volume, { recursive: true });
        await next('warning');
        await mkdir(volume);
        await expectWritesAnnounced(announced, path, [KEY_2, KEY_3]);
      });
    });
  });

  describe('having the directory holding the file replaced at once by a new one', () => {
    describe('when the file in the new directory changes twice', () => {
      it('watches the new directory and announces both tokens', async () => {
        const volume = join(dir, 'volume');
        const path = join(volume, 'key');
        await mkdir(volume);
        await writeKey(path, KEY_1);
        const source = watched({ path });
        await source.getToken();
        const announced = collectTokens(source);
        await source.settled();
        await rm(volume, { recursive: true });
        await mkdir(volume);
        await expectWritesAnnounced(announced, path, [KEY_2, KEY_3]);
      });
    });
  });

  describe('having no file yet when subscribing', () => {
    describe('when the file is created', () => {
      it('announces its token', async () => {
        const path = join(dir, 'key');
        const source = watched({ path });
        const announced = collectTokens(source);
        await source.settled();
        await expectWritesAnnounced(announced, path, [KEY_1]);
      });
    });

    describe('when not even its directory exists yet', () => {
      it('reports that it cannot watch, keeps trying, and announces the token once the file is there', async () => {
        const path = join(dir, 'later', 'key');
        const { observer, next } = recordEvents();
        const source = watched({ path, observer });
        const announced = collectTokens(source);
        const warning = await next('warning');
        expect(warning)
          .to.have.property('message')
          .that.includes(`cannot watch ${join(dir, 'later')} (ENOENT)`);
        await mkdir(join(dir, 'later'));
        await expectWritesAnnounced(announced, path, [KEY_1]);
      });
    });
  });

  describe('having a file that turns unusable while watched', () => {
    describe('when it is emptied, then filled again', () => {
      it('reports refresh-failed with the code, throws nothing, and announces the repaired token', async () => {
        const { path, announced, next } = await watchingKey();
        await writeFile(path, '');
        const failed = (await next('refresh-failed')) as Extract<TokenEvent, { type: 'refresh-failed' }>;
        expect(failed).to.include({ code: 'MALFORMED', consecutiveFailures: 1, source: `file:${path}` });
        expect(failed.reason).to.equal(`${path} is empty`);
        expect(failed.retryInMs).to.be.greaterThan(0);
        await expectWritesAnnounced(announced, path, [KEY_2]);
      });
    });

    describe('when its permissions are opened while refuseInsecurePermissions is set, then closed again', () => {
      it('reports refresh-failed ACCESS_DENIED, then announces the token once the file is private again', async () => {
        const { path, announced, next } = await watchingKey({ refuseInsecurePermissions: true });
        await chmod(path, 0o644);
        const failed = await next('refresh-failed');
        expect(failed).to.include({ code: 'ACCESS_DENIED' });
        expect(failed).to.have.property('reason').that.includes('mode 0644');
        expect(announced.tokens).to.deep.equal([]);
        await writeKey(path, KEY_2, 0o600);
        expect((await announced.next()).secret.reveal()).to.equal(KEY_2);
      });
    });
  });

  describe('having a subscriber that throws', () => {
    describe('when the file changes', () => {
      it('still tells the other subscribers and reports a warning', async () => {
        const path = join(dir, 'key');
        await writeKey(path, KEY_1);
        const { observer, next } = recordEvents();
        const source = watched({ path, observer });
        await source.getToken();
        source.subscribe(() => {
          throw new RangeError('subscriber bug');
        });
        const announced = collectTokens(source);
        await expectWritesAnnounced(announced, path, [KEY_2]);
        const warning = await next('warning');
        expect(warning).to.have.property('message').that.includes('a subscriber threw (RangeError)');
      });
    });
  });

  describe('having subscribers', () => {
    describe('when the last one unsubscribes', () => {
      it('closes the watchers', async () => {
        const path = join(dir, 'key');
        await writeKey(path, KEY_1);
        const before = inotifyWatchCount();
        const source = watched({ path });
        await source.getToken();
        const first = collectTokens(source);
        const second = collectTokens(source);
        expect(source.watching).to.equal(true);
        await writeKey(path, KEY_2);
        await first.next();
        await source.settled();
        if (before !== undefined) expect(inotifyWatchCount()).to.be.greaterThan(before);

        first.unsubscribe();
        expect(source.watching).to.equal(true);
        second.unsubscribe();
        second.unsubscribe();
        expect(source.watching).to.equal(false);
        expect(inotifyWatchCount()).to.equal(before);
      });
    });

    describe('when close() is called', () => {
      it('drops every subscriber and stops watching, while getToken still works', async () => {
        const path = join(dir, 'key');
        await writeKey(path, KEY_1);
        const before = inotifyWatchCount();
        const source = watched({ path });
        const announced = collectTokens(source);
        await source.settled();
        source.close();
        expect(source.watching).to.equal(false);
        expect(inotifyWatchCount()).to.equal(before);
        // A second watcher of the file tells when the write has been seen: by then a source still watching would have
        // announced it too.
        const witness = watched({ path });
        const seen = collectTokens(witness);
        await witness.settled();
        await writeKey(path, KEY_2);
        await seen.next();
        expect(announced.tokens).to.deep.equal([]);
        expect((await source.getToken()).secret.reveal()).to.equal(KEY_2);
      });
    });

    describe('when the process has nothing else to do', () => {
      it('lets it exit although a subscriber is still there', async () => {
        const path = join(dir, 'key');
        await writeKey(path, KEY_1);
        const script = `
          import { writeFile } from 'node:fs/promises';
          const { fromFile } = await import(process.argv[1]);
          const source = fromFile({ path: process.argv[2], watch: true, debounceMs: 10 });
          await source.getToken();
          const announced = new Promise((resolve) => source.subscribe(resolve));
          await writeFile(process.argv[2], 'next-key');
          const token = await announced;
          process.stdout.write(token.secret.reveal() + ' ' + source.watching);`;
        const result = await runNode(script, [PACKAGE_ENTRY, path]);
        expect(result).to.deep.equal({ code: 0, stdout: 'next-key true', stderr: '' });
      });
    });
  });
});
