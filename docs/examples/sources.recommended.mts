// A code block of docs/sources.md (and of its Japanese page), compiled by CI; docsSync.test.ts checks the pages quote it
// verbatim. Nothing imports this module: it is type-checked, never run.
import { kmsDecrypt } from '@tokenchain/aws-kms';
import { fromSecretsManager } from '@tokenchain/aws-secrets-manager';
import { chain } from '@tokenchain/core';
import { fromEnv } from '@tokenchain/env';
import { fromFile } from '@tokenchain/file';

// Lambda / ECS / EC2: Secrets Manager, falling back to the environment for local runs.
chain(fromSecretsManager({ secretId: 'Momento_Auth_Token' }), fromEnv());

// Kubernetes: the mounted secret, watched, so a rotated secret reaches the clients without a restart.
chain(fromFile({ path: '/var/run/secrets/momento/api-key', watch: true }), fromEnv());

// Lambda with encrypted environment variables.
kmsDecrypt(fromEnv({ variable: 'MOMENTO_API_KEY_ENCRYPTED' }), {
  encryptionContext: { LambdaFunctionName: process.env.AWS_LAMBDA_FUNCTION_NAME ?? '' },
});
