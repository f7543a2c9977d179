import { expect } from 'chai';
import { type AwsFake, startAwsFake } from './startAwsFake.js';
import { type SecretsExtensionFake, startSecretsExtensionFake } from './startSecretsExtensionFake.js';

describe('startSecretsExtensionFake', () => {
  let aws: AwsFake;
  let extension: SecretsExtensionFake;

  beforeEach(async () => {
    aws = await startAwsFake();
    extension = await startSecretsExtensionFake(aws, { sessionToken: 'session' });
    aws.secretsManager.put('momento', 'key-1');
    aws.ssm.put('/app/key', 'param-1', { type: 'SecureString', labels: ['live'] });
  });

  afterEach(async () => {
    await extension.close();
    await aws.close();
  });

  const get = (path: string, token = 'session') =>
    fetch(`${extension.url}${path}`, { headers: { 'X-Aws-Parameters-Secrets-Token': token } });

  it('answers a secret as GetSecretValue JSON', async () => {
    const response = await get('/secretsmanager/get?secretId=momento');
    expect(response.status).to.equal(200);
    expect(await response.json()).to.include({ Name: 'momento', SecretString: 'key-1' });
  });

  it('answers a parameter by label, decrypted when asked', async () => {
    const response = await get(
      `/systemsmanager/parameters/get?name=${encodeURIComponent('/app/key')}&label=live&withDecryption=true`,
    );
    expect(((await response.json()) as { Parameter: { Value: string } }).Parameter.Value).to.equal('param-1');
    expect(extension.count('extension.GetParameter')).to.equal(1);
  });

  it('refuses a wrong session token with 401 and an unknown secret with 400 ResourceNotFoundException', async () => {
    expect((await get('/secretsmanager/get?secretId=momento', 'wrong')).status).to.equal(401);
    const missing = await get('/secretsmanager/get?secretId=none');
    expect(missing.status).to.equal(400);
    expect(await missing.text()).to.match(/^ResourceNotFoundException: /);
    expect(extension.requests.map((r) => r.authorized)).to.deep.equal([false, true]);
  });

  it('injects faults', async () => {
    extension.inject({ kind: 'server-error', status: 503, times: 1 });
    expect((await get('/secretsmanager/get?secretId=momento')).status).to.equal(503);
    expect((await get('/secretsmanager/get?secretId=momento')).status).to.equal(200);
  });
});
