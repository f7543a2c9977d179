import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describeSdkLoadedLazily } from '@tokenchain/aws-shared/testing';

describeSdkLoadedLazily({
  packageName: '@tokenchain/aws-secrets-manager',
  entry: pathToFileURL(join(__dirname, 'index.mjs')).href,
  sdk: '@aws-sdk/client-secrets-manager',
  cwd: __dirname,
});
