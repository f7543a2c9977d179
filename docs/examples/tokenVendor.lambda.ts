// docs/disposable-tokens.md quotes this file: a token vending Lambda behind API Gateway, compiled so it cannot drift.
import { DisposableTokenScopes } from '@gomomento/sdk';
import { fromSecretsManager } from '@tokenchain/aws-secrets-manager';
import { chain, TokenSourceError } from '@tokenchain/core';
import { fromEnv } from '@tokenchain/env';
import { createTokenVendor, type TokenVendor } from '@tokenchain/momento';

/** The parts of an API Gateway (HTTP API, JWT authorizer) event the handler reads. */
export interface VendEvent {
  readonly requestContext: { readonly authorizer?: { readonly jwt?: { readonly claims?: { readonly sub?: string } } } };
}

export interface VendResponse {
  readonly statusCode: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

// Module scope: one vendor per container, so one AuthClient and one cached read of the long-lived key serve every request.
const vendor = createTokenVendor({
  source: chain(fromSecretsManager({ secretId: 'Momento_Auth_Token' }), fromEnv()),
});

export const handler = vendHandler(vendor);

/** The handler, for any vendor (tests give it one on a local token service). */
export function vendHandler(tokens: TokenVendor): (event: VendEvent) => Promise<VendResponse> {
  const headers = { 'content-type': 'application/json', 'cache-control': 'no-store' };
  return async (event) => {
    const user = event.requestContext.authorizer?.jwt?.claims?.sub;
    if (user === undefined) return { statusCode: 401, headers, body: '{"error":"unauthenticated"}' };
    try {
      const token = await tokens.vend(DisposableTokenScopes.topicSubscribeOnly('chat', 'lobby'), {
        validForSeconds: 15 * 60,
        tokenId: user,
      });
      return {
        statusCode: 200,
        headers,
        body: JSON.stringify({
          // The one place the token leaves the server, revealed on purpose for the browser that asked for it.
          authToken: token.secret.reveal(),
          endpoint: token.attributes?.endpoint,
          expiresAt: token.expiresAt?.toISOString(),
        }),
      };
    } catch (err) {
      // The error names the source and the key's fingerprint; the browser gets only its code.
      const code = TokenSourceError.is(err) ? err.code : 'UNKNOWN';
      return { statusCode: 503, headers, body: JSON.stringify({ error: code }) };
    }
  };
}
