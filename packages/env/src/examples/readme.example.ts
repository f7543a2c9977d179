// The README's example, compiled so that it cannot drift from the code. Not exported.
import { fromEnv } from '../index.js';

export async function readmeExample(): Promise<void> {
  const source = fromEnv({ name: 'MOMENTO_API_KEY', endpointName: 'MOMENTO_ENDPOINT' });
  const token = await source.getToken();
  // token.secret prints as Secret(1a2b3c4d); hand token.secret.reveal() to the Momento SDK only.
  void token.attributes?.endpoint;
}
