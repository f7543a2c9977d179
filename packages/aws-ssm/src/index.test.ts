import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describeSdkLoadedLazily } from '@tokenchain/aws-shared/testing';

describeSdkLoadedLazily({
  packageName: '@tokenchain/aws-ssm',
  entry: pathToFileURL(join(__dirname, 'index.mjs')).href,
  sdk: '@aws-sdk/client-ssm',
  cwd: __dirname,
});
