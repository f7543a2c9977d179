// The README's example, compiled so that it cannot drift from the code. Nothing imports this module: it is type-checked, never run.
import { fromEnv } from '@tokenchain/env';

const source = fromEnv({ variable: 'MOMENTO_API_KEY', endpointVariable: 'MOMENTO_ENDPOINT' });
const token = await source.getToken();

// token.secret prints as Secret(1a2b3c4d); hand token.secret.reveal() to the Momento SDK only.
// token.attributes?.endpoint holds MOMENTO_ENDPOINT when it is set.

export { token };
