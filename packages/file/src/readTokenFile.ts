import { constants } from 'node:fs';
import { type FileHandle, open } from 'node:fs/promises';
import { createToken, type Token, TokenSourceError } from '@tokenchain/core';
import { raceAbort, throwIfAborted } from '@tokenchain/core/source-kit';
import { directoryError, fileError } from './fileError.js';

/** Read in slices so a generous `maxBytes` does not allocate that much for a 100-byte key. */
const READ_CHUNK_BYTES = 16 * 1024;
/** O_NONBLOCK makes opening a FIFO with no writer return at once (then refused as not a file) instead of hanging. */
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

export interface ReadTokenFileOptions {
  readonly source: string;
  /** The path to open, `~` already expanded. */
  readonly path: string;
  readonly maxBytes: number;
  readonly encoding: BufferEncoding;
  /** Sees the opened file's mode before any byte is read; throws to refuse the file. */
  readonly checkMode: (mode: number) => void;
}

/**
 * Reads a key file the careful way: one open, then `fstat` on that same descriptor (so the checks and the read see the same
 * file even while a Kubernetes volume swaps its symlinks), the size limit enforced on what is actually read, and the buffers
 * zeroed afterwards.
 */
export async function readTokenFile(init: ReadTokenFileOptions, signal?: AbortSignal): Promise<Token> {
  throwIfAborted(signal, init.source);
  return raceAbort(readOnce(init), signal, init.source);
}

async function readOnce(init: ReadTokenFileOptions): Promise<Token> {
  const { source, path } = init;
  let handle: FileHandle;
  try {
    handle = await open(path, OPEN_FLAGS);
  } catch (err) {
    throw fileError(err, source, path);
  }
  let bytes: Buffer;
  try {
    const stats = await handle.stat();
    if (stats.isDirectory()) throw directoryError(source, path);
    if (!stats.isFile()) {
      throw new TokenSourceError(`${path} is not a regular file`, { source, code: 'INVALID_CONFIGURATION' });
    }
    init.checkMode(stats.mode);
    if (stats.size > init.maxBytes) throw tooBig(init, `${stats.size} bytes`);
    bytes = await readUpTo(handle, init);
  } catch (err) {
    throw fileError(err, source, path);
  } finally {
    await handle.close().catch(() => {});
  }
  const text = bytes.toString(init.encoding);
  bytes.fill(0);
  if (text.trim().length === 0) {
    throw new TokenSourceError(`${path} is ${text.length === 0 ? 'empty' : 'only whitespace'}`, {
      source,
      code: 'MALFORMED',
    });
  }
  return createToken({ source, value: text });
}

async function readUpTo(handle: FileHandle, init: ReadTokenFileOptions): Promise<Buffer> {
  const chunk = Buffer.alloc(Math.min(READ_CHUNK_BYTES, init.maxBytes + 1));
  const parts: Buffer[] = [];
  let total = 0;
  try {
    for (;;) {
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
      if (bytesRead === 0) break;
      total += bytesRead;
      // fstat's size can be stale or zero (a file still being written, procfs): the bytes read are what count.
      if (total > init.maxBytes) throw tooBig(init, 'it grew while being read');
      parts.push(Buffer.from(chunk.subarray(0, bytesRead)));
    }
    return Buffer.concat(parts, total);
  } finally {
    chunk.fill(0);
    for (const part of parts) part.fill(0);
  }
}

function tooBig(init: ReadTokenFileOptions, detail: string): TokenSourceError {
  return new TokenSourceError(
    `${init.path} is larger than the limit of ${init.maxBytes} bytes (${detail}); is it the right file? (raise maxBytes if so)`,
    { source: init.source, code: 'MALFORMED' },
  );
}
