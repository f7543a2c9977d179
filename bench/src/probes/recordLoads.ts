// Module hooks for importProbe.ts: remember every URL resolved, and hand the list over when asked.
import type { MessagePort } from 'node:worker_threads';

const urls: string[] = [];

export function initialize({ port }: { port: MessagePort }): void {
  port.on('message', () => port.postMessage(urls));
  port.unref();
}

export async function resolve(
  specifier: string,
  context: unknown,
  next: (specifier: string, context: unknown) => Promise<{ url: string }>,
): Promise<{ url: string }> {
  const result = await next(specifier, context);
  urls.push(result.url);
  return result;
}
