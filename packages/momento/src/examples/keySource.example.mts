// A stand-in for the examples: in an application this is chain(fromSecretsManager(...), fromEnv()) or any TokenSource.
import { createToken, TokenNotFoundError, type TokenSource } from '@tokenchain/core';

export const keySource: TokenSource = {
  name: 'env:MOMENTO_API_KEY',
  async getToken() {
    const value = process.env.MOMENTO_API_KEY;
    if (value === undefined) throw new TokenNotFoundError('MOMENTO_API_KEY is not set', { source: this.name });
    const endpoint = process.env.MOMENTO_ENDPOINT;
    return createToken({ source: this.name, value, attributes: endpoint ? { endpoint } : undefined });
  },
};
