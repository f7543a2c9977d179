// The code of the pages under docs/sources/ (both languages), compiled by CI; docsSync.test.ts checks the pages quote it.
// Nothing imports this module: it is type-checked, never run.
import { KMSClient } from '@aws-sdk/client-kms';
import { kmsDecrypt } from '@tokenchain/aws-kms';
import { fromSecretsExtension, fromSecretsManager } from '@tokenchain/aws-secrets-manager';
import { fromSsmParameter } from '@tokenchain/aws-ssm';
import { cached, chain } from '@tokenchain/core';
import { fromEnv } from '@tokenchain/env';
import { fromFile } from '@tokenchain/file';

// Secrets Manager, by name or by ARN (an ARN also picks the region of the client built on first use).
const secret = fromSecretsManager({
  secretId: 'arn:aws:secretsmanager:us-west-2:123456789012:secret:Momento_Auth_Token-AbCdEf',
  timeoutMs: 3000,
});

// The previous version, around a rotation.
const previous = fromSecretsManager({ secretId: 'Momento_Auth_Token', versionStage: 'AWSPREVIOUS' });

// Inside Lambda, through the AWS Parameters and Secrets Lambda Extension (no AWS SDK in the bundle).
const viaExtension = fromSecretsExtension({ secretId: 'Momento_Auth_Token' });

// A SecureString parameter, decrypted by SSM (withDecryption is the default), at the version labelled "live".
const parameter = fromSsmParameter({ parameterName: '/prod/momento/api-key:live' });

// A String parameter holding KMS ciphertext, decrypted with an encryption context that the key policy can require.
const encrypted = kmsDecrypt(fromSsmParameter({ parameterName: '/prod/momento/encrypted-key' }), {
  encryptionContext: { app: 'orders' },
  keyId: 'arn:aws:kms:us-west-2:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab',
});

// Lambda's encrypted environment variables: the console's "encryption helpers" use the function name as context.
const lambdaEnv = kmsDecrypt(fromEnv({ variable: 'MOMENTO_API_KEY' }), {
  encryptionContext: { LambdaFunctionName: process.env.AWS_LAMBDA_FUNCTION_NAME ?? '' },
  client: new KMSClient({}),
});

// An environment variable, with the endpoint of a v2 API key beside it.
const environment = fromEnv({ variable: 'MOMENTO_API_KEY', endpointVariable: 'MOMENTO_ENDPOINT' });

// A mounted secret file, watched: a rotated Kubernetes secret reaches the clients without a restart.
const mounted = fromFile({ path: '/var/run/secrets/momento/api-key', watch: true, refuseInsecurePermissions: true });

const all = cached(chain(secret, previous, viaExtension, parameter, encrypted, lambdaEnv, environment, mounted));
await all.getToken();
