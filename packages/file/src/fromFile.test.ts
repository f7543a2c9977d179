/// <reference types="chai-as-promised" />
import { execFileSync } from 'node:child_process';
import { chmod, mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { TokenNotFoundError, TokenSourceError } from '@tokenchain/core';
import { describeTokenSourceContract, useProcessEnv } from '@tokenchain/core/testing';
import { expect } from 'chai';
import { KEY_1, makeTempDir, PACKAGE_ENTRY, recordEvents, runNode, writeKey } from './fixtures.testing.js';
import { DEFAULT_MAX_BYTES, fromFile } from './fromFile.js';

describe(fromFile.name, () => {
  let dir: string;
  const contractDirs: string[] = [];

  beforeEach(async () => {
    dir = await makeTempDir();
  });

  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  after(async () => {
    for (const d of contractDirs) await rm(d, { recursive: true, force: true });
  });

  describeTokenSourceContract('fromFile', async () => {
    const root = await makeTempDir();
    contractDirs.push(root);
    await writeKey(join(root, 'key'), `${KEY_1}\n`);
    await writeKey(join(root, 'empty'), '');
    await writeKey(join(root, 'big'), 'x'.repeat(100));
    await writeKey(join(root, 'exposed'), KEY_1, 0o644);
    return {
      present: () => fromFile({ path: join(root, 'key') }),
      expectedKey: KEY_1,
      absent: () => fromFile({ path: join(root, 'missing') }),
      broken: {
        directory: () => fromFile({ path: root }),
        empty: () => fromFile({ path: join(root, 'empty') }),
        'too big': () => fromFile({ path: join(root, 'big'), maxBytes: 10 }),
        'exposed, with refuseInsecurePermissions': () =>
          fromFile({ path: join(root, 'exposed'), refuseInsecurePermissions: true }),
      },
    };
  });

  describe('having a file holding a key and a trailing newline', () => {
    describe('when called', () => {
      it('returns the trimmed key named after the path as given', async () => {
        const path = join(dir, 'api-key');
        await writeKey(path, `\uFEFF${KEY_1}\r\n\n`);
        const source = fromFile({ path });
        const token = await source.getToken();
        expect(source.name).to.equal(`file:${path}`);
        expect(token.source).to.equal(`file:${path}`);
        expect(token.secret.reveal()).to.equal(KEY_1);
      });
    });

    describe('when the file changes between calls', () => {
      it('returns the new key, because each call reads the file', async () => {
        const path = join(dir, 'api-key');
        await writeKey(path, KEY_1);
        const source = fromFile({ path });
        await source.getToken();
        await writeKey(path, 'second-key');
        expect((await source.getToken()).secret.reveal()).to.equal('second-key');
      });
    });

    describe('when an encoding is given', () => {
      it('decodes the file with it', async () => {
        const path = join(dir, 'api-key');
        await writeFile(path, Buffer.from(KEY_1, 'utf16le'));
        await chmod(path, 0o600);
        const token = await fromFile({ path, encoding: 'utf16le' }).getToken();
        expect(token.secret.reveal()).to.equal(KEY_1);
      });
    });
  });

  describe('having a path that starts with ~', () => {
    describe('when homeDir is given', () => {
      it('reads ~/… from that directory and keeps ~ in the name', async () => {
        await mkdir(join(dir, '.momento'));
        await writeKey(join(dir, '.momento', 'key'), KEY_1);
        const source = fromFile({ path: '~/.momento/key', homeDir: dir });
        expect(source.name).to.equal('file:~/.momento/key');
        expect((await source.getToken()).secret.reveal()).to.equal(KEY_1);
      });
    });

    describe('when no homeDir is given', () => {
      let home: string;
      before(async () => {
        home = await makeTempDir();
      });
      after(async () => {
        await rm(home, { recursive: true, force: true });
      });
      useProcessEnv(() => ({ HOME: home }));

      it('uses the home directory of the process (HOME)', async () => {
        await writeKey(join(home, 'key'), KEY_1);
        expect((await fromFile({ path: '~/key' }).getToken()).secret.reveal()).to.equal(KEY_1);
      });
    });

    describe('when the path is ~ alone', () => {
      it('names the home directory, which is a directory', async () => {
        await expect(fromFile({ path: '~', homeDir: dir }).getToken())
          .to.be.rejectedWith(TokenSourceError, `${dir} is a directory`)
          .and.eventually.have.property('code', 'INVALID_CONFIGURATION');
      });
    });

    describe('when the path is ~user/…', () => {
      it('leaves it alone, so the file is not found', async () => {
        await expect(fromFile({ path: '~nobody/key', homeDir: dir }).getToken()).to.be.rejectedWith(
          TokenNotFoundError,
          'no file at ~nobody/key',
        );
      });
    });
  });

  describe('having the key itself passed as the path', () => {
    describe('when built', () => {
      for (const [what, path] of [
        ['the key', KEY_1],
        ['the key with a newline', `${KEY_1}\n`],
        ['the key under a directory', `/run/secrets/${KEY_1}`],
      ] as const) {
        it(`throws INVALID_CONFIGURATION for ${what} without quoting any of it`, () => {
          expect(() => fromFile({ path }))
            .to.throw(TokenSourceError)
            .with.property('message')
            .that.matches(/^file: path is shaped like a Momento API key \(not shown\)/)
            .and.does.not.include(KEY_1.slice(-12));
        });
      }
    });
  });

  describe('having no file at the path', () => {
    describe('when called', () => {
      it('rejects with TokenNotFoundError naming the path', async () => {
        const path = join(dir, 'missing');
        const err = await fromFile({ path })
          .getToken()
          .catch((e: unknown) => e);
        expect(TokenNotFoundError.is(err)).to.equal(true);
        expect((err as TokenNotFoundError).message).to.equal(`file:${path}: no file at ${path}`);
        expect((err as TokenNotFoundError).source).to.equal(`file:${path}`);
      });
    });

    describe('when a part of the path is a file, not a directory (ENOTDIR)', () => {
      it('rejects with TokenNotFoundError too', async () => {
        await writeKey(join(dir, 'plain'), KEY_1);
        const path = join(dir, 'plain', 'key');
        await expect(fromFile({ path }).getToken()).to.be.rejectedWith(TokenNotFoundError, 'not a directory');
      });
    });
  });

  describe('having a directory at the path', () => {
    describe('when called', () => {
      it('rejects with INVALID_CONFIGURATION naming the path', async () => {
        await expect(fromFile({ path: dir }).getToken())
          .to.be.rejectedWith(TokenSourceError, `${dir} is a directory, not a file`)
          .and.eventually.have.property('code', 'INVALID_CONFIGURATION');
      });
    });
  });

  describe('having something other than a regular file at the path', () => {
    describe('when it is a FIFO with no writer', () => {
      it('rejects with INVALID_CONFIGURATION at once instead of waiting for a writer', async () => {
        const path = join(dir, 'pipe');
        execFileSync('mkfifo', [path]);
        await expect(fromFile({ path }).getToken())
          .to.be.rejectedWith(TokenSourceError, `${path} is not a regular file`)
          .and.eventually.have.property('code', 'INVALID_CONFIGURATION');
      });
    });

    describe('when it is a symlink loop', () => {
      it('rejects with INVALID_CONFIGURATION (ELOOP)', async () => {
        await symlink(join(dir, 'b'), join(dir, 'a'));
        await symlink(join(dir, 'a'), join(dir, 'b'));
        await expect(fromFile({ path: join(dir, 'a') }).getToken())
          .to.be.rejectedWith(TokenSourceError, 'ELOOP')
          .and.eventually.have.property('code', 'INVALID_CONFIGURATION');
      });
    });
  });

  describe('having a file larger than maxBytes', () => {
    describe('when called', () => {
      it('rejects with MALFORMED naming the path and the limit, not the content', async () => {
        const path = join(dir, 'big');
        await writeKey(path, `${KEY_1}\n`.repeat(2));
        const err = await fromFile({ path, maxBytes: KEY_1.length + 1 })
          .getToken()
          .catch((e: unknown) => e);
        expect(TokenSourceError.is(err) && err.code).to.equal('MALFORMED');
        expect(String((err as Error).message))
          .to.include(path)
          .and.include(`limit of ${KEY_1.length + 1} bytes`);
        expect(inspect(err, { depth: 8 })).not.to.include(KEY_1);
      });
    });

    describe('when it is larger than the default of 64 KiB', () => {
      it('rejects with MALFORMED', async () => {
        const path = join(dir, 'big');
        await writeKey(path, 'x'.repeat(DEFAULT_MAX_BYTES + 1));
        await expect(fromFile({ path }).getToken())
          .to.be.rejectedWith(TokenSourceError, `limit of ${DEFAULT_MAX_BYTES} bytes`)
          .and.eventually.have.property('code', 'MALFORMED');
      });
    });

    describe('when it is exactly maxBytes', () => {
      it('returns the key', async () => {
        const path = join(dir, 'key');
        await writeKey(path, KEY_1);
        const token = await fromFile({ path, maxBytes: KEY_1.length }).getToken();
        expect(token.secret.reveal()).to.equal(KEY_1);
      });
    });
  });

  describe('having an empty or blank file', () => {
    for (const [label, content, said] of [
      ['empty', '', 'is empty'],
      ['only whitespace', ' \n\n', 'is only whitespace'],
    ] as const) {
      describe(`when it is ${label}`, () => {
        it('rejects with MALFORMED naming the path', async () => {
          const path = join(dir, 'key');
          await writeKey(path, content);
          await expect(fromFile({ path }).getToken())
            .to.be.rejectedWith(TokenSourceError, `${path} ${said}`)
            .and.eventually.have.property('code', 'MALFORMED');
        });
      });
    }
  });

  describe('having a file that group or others may read', () => {
    describe('when called twice', () => {
      it('returns the key and reports one warning naming the path and mode', async () => {
        const path = join(dir, 'key');
        await writeKey(path, KEY_1, 0o644);
        const { observer, events } = recordEvents();
        const source = fromFile({ path, observer });
        expect((await source.getToken()).secret.reveal()).to.equal(KEY_1);
        await source.getToken();
        expect(events).to.have.length(1);
        expect(events[0]).to.include({ type: 'warning', source: `file:${path}` });
        expect(events[0]).to.have.property('message').that.includes(path).and.includes('mode 0644');
      });
    });

    describe('when the mode changes to another exposed mode', () => {
      it('warns again', async () => {
        const path = join(dir, 'key');
        await writeKey(path, KEY_1, 0o644);
        const { observer, events } = recordEvents();
        const source = fromFile({ path, observer });
        await source.getToken();
        await chmod(path, 0o640);
        await source.getToken();
        expect(events.map((e) => (e.type === 'warning' ? e.message : e.type))).to.have.length(2);
        expect(events[1]).to.have.property('message').that.includes('mode 0640');
      });
    });

    describe('when refuseInsecurePermissions is set', () => {
      it('rejects with ACCESS_DENIED naming the path and mode', async () => {
        const path = join(dir, 'key');
        await writeKey(path, KEY_1, 0o604);
        const err = await fromFile({ path, refuseInsecurePermissions: true })
          .getToken()
          .catch((e: unknown) => e);
        expect(TokenSourceError.is(err) && err.code).to.equal('ACCESS_DENIED');
        expect((err as Error).message)
          .to.include(path)
          .and.include('mode 0604');
        expect((err as Error).message).not.to.include(KEY_1);
      });
    });
  });

  describe('having a file only its owner may read', () => {
    describe('when called', () => {
      it('returns the key without a warning', async () => {
        const path = join(dir, 'key');
        await writeKey(path, KEY_1, 0o400);
        const { observer, events } = recordEvents();
        const token = await fromFile({ path, observer, refuseInsecurePermissions: true }).getToken();
        expect(token.secret.reveal()).to.equal(KEY_1);
        expect(events).to.deep.equal([]);
      });
    });
  });

  describe('having a file the calling user may not read', () => {
    // Root reads any file whatever its mode, so when the tests run as root the read happens in a child process that has
    // dropped its capabilities: a real EACCES from the kernel, not a simulated one.
    const readAsAnotherUser = async (path: string): Promise<Record<string, unknown>> => {
      const script = `
        const { fromFile } = await import(process.argv[1]);
        const err = await fromFile({ path: process.argv[2] }).getToken().then(() => undefined, (e) => e);
        process.stdout.write(JSON.stringify(err ? { name: err.name, code: err.code, message: err.message } : {}));`;
      if (process.getuid?.() === 0) {
        const result = await runNode(script, [PACKAGE_ENTRY, path], { withoutCapabilities: true });
        expect(result.stderr).to.equal('');
        return JSON.parse(result.stdout) as Record<string, unknown>;
      }
      const err = await fromFile({ path })
        .getToken()
        .then(
          () => undefined,
          (e: unknown) => e as TokenSourceError,
        );
      return err ? { name: err.name, code: err.code, message: err.message } : {};
    };

    describe('when the file itself is not readable', () => {
      it('rejects with ACCESS_DENIED naming the path', async () => {
        await chmod(dir, 0o755);
        const path = join(dir, 'key');
        await writeKey(path, KEY_1, 0o000);
        const err = await readAsAnotherUser(path);
        expect(err).to.include({ name: 'TokenSourceError', code: 'ACCESS_DENIED' });
        expect(err.message).to.equal(`file:${path}: cannot read ${path}: permission denied (EACCES)`);
      });
    });

    describe('when a directory on the path may not be entered', () => {
      it('rejects with ACCESS_DENIED too, not NOT_FOUND', async () => {
        const path = join(dir, 'key');
        await writeKey(path, KEY_1);
        await chmod(dir, 0o000);
        try {
          const err = await readAsAnotherUser(path);
          expect(err).to.include({ code: 'ACCESS_DENIED' });
        } finally {
          await chmod(dir, 0o700);
        }
      });
    });
  });

  describe('having an aborted signal', () => {
    describe('when called', () => {
      it('rejects with ABORTED', async () => {
        const path = join(dir, 'key');
        await writeKey(path, KEY_1);
        const controller = new AbortController();
        controller.abort();
        await expect(fromFile({ path }).getToken({ signal: controller.signal }))
          .to.be.rejectedWith(TokenSourceError)
          .and.eventually.have.property('code', 'ABORTED');
      });
    });
  });

  describe('having invalid options', () => {
    describe('when built', () => {
      it('throws INVALID_CONFIGURATION at once', () => {
        for (const init of [
          { path: '' },
          { path: ' ' },
          { path: 'key', maxBytes: 0 },
          { path: 'key', maxBytes: 1.5 },
          { path: 'key', debounceMs: -1 },
          { path: 'key', encoding: 'klingon' as BufferEncoding },
        ]) {
          expect(() => fromFile(init), JSON.stringify(init))
            .to.throw(TokenSourceError)
            .with.property('code', 'INVALID_CONFIGURATION');
        }
      });
    });
  });

  describe('having watch off', () => {
    describe('when inspected', () => {
      it('offers no subscribe and is not watching', () => {
        const source = fromFile({ path: join(dir, 'key') });
        expect(source.subscribe).to.equal(undefined);
        expect(source.watching).to.equal(false);
        source.close();
      });
    });
  });
});
