import {
  DecryptCommand,
  DisableKeyCommand,
  EncryptCommand,
  IncorrectKeyException,
  InvalidCiphertextException,
  KMSClient,
  NotFoundException,
} from '@aws-sdk/client-kms';
import {
  DescribeSecretCommand,
  GetSecretValueCommand,
  InvalidRequestException,
  PutSecretValueCommand,
  ResourceNotFoundException,
  SecretsManagerClient,
  UpdateSecretVersionStageCommand,
} from '@aws-sdk/client-secrets-manager';
import {
  GetParameterCommand,
  LabelParameterVersionCommand,
  ParameterNotFound,
  ParameterVersionNotFound,
  PutParameterCommand,
  SSMClient,
} from '@aws-sdk/client-ssm';
import { expect } from 'chai';
import { type AwsFake, startAwsFake } from './startAwsFake.js';

describe('startAwsFake', () => {
  let fake: AwsFake;
  let sm: SecretsManagerClient;
  let ssm: SSMClient;
  let kms: KMSClient;

  beforeEach(async () => {
    fake = await startAwsFake();
    sm = new SecretsManagerClient({ ...fake.clientConfig(), maxAttempts: 3 });
    ssm = new SSMClient(fake.clientConfig());
    kms = new KMSClient(fake.clientConfig());
  });

  afterEach(async () => {
    sm.destroy();
    ssm.destroy();
    kms.destroy();
    await fake.close();
  });

  describe('Secrets Manager', () => {
    describe('having a secret with a current and a previous version', () => {
      let first: string;
      let second: string;
      beforeEach(() => {
        first = fake.secretsManager.put('momento', 'key-1').versionId;
        second = fake.secretsManager.rotate('momento', 'key-2');
      });

      it('answers GetSecretValue by name with AWSCURRENT', async () => {
        const out = await sm.send(new GetSecretValueCommand({ SecretId: 'momento' }));
        expect(out).to.include({ SecretString: 'key-2', VersionId: second, Name: 'momento' });
        expect(out.VersionStages).to.deep.equal(['AWSCURRENT']);
      });

      it('answers by ARN, by stage and by version id', async () => {
        const arn = fake.secretsManager.arn('momento');
        expect((await sm.send(new GetSecretValueCommand({ SecretId: arn }))).SecretString).to.equal('key-2');
        const previous = await sm.send(new GetSecretValueCommand({ SecretId: 'momento', VersionStage: 'AWSPREVIOUS' }));
        expect(previous).to.include({ SecretString: 'key-1', VersionId: first });
        const byId = await sm.send(new GetSecretValueCommand({ SecretId: 'momento', VersionId: first }));
        expect(byId.SecretString).to.equal('key-1');
      });

      it('lists VersionIdsToStages in DescribeSecret', async () => {
        const out = await sm.send(new DescribeSecretCommand({ SecretId: 'momento' }));
        expect(out.VersionIdsToStages).to.deep.equal({ [first]: ['AWSPREVIOUS'], [second]: ['AWSCURRENT'] });
      });

      it('stages a pending version with PutSecretValue and promotes it with UpdateSecretVersionStage', async () => {
        const put = await sm.send(
          new PutSecretValueCommand({ SecretId: 'momento', SecretString: 'key-3', VersionStages: ['AWSPENDING'] }),
        );
        const pending = await sm.send(new GetSecretValueCommand({ SecretId: 'momento', VersionStage: 'AWSPENDING' }));
        expect(pending.SecretString).to.equal('key-3');
        await sm.send(
          new UpdateSecretVersionStageCommand({
            SecretId: 'momento',
            VersionStage: 'AWSCURRENT',
            MoveToVersionId: put.VersionId!,
            RemoveFromVersionId: second,
          }),
        );
        const versions = fake.secretsManager.versions('momento');
        expect(versions[put.VersionId!]).to.have.members(['AWSCURRENT', 'AWSPENDING']);
        expect(versions[second]).to.deep.equal(['AWSPREVIOUS']);
        expect(versions[first]).to.deep.equal([]);
      });

      it('refuses reads once the secret is marked for deletion', async () => {
        fake.secretsManager.markDeleted('momento');
        await expect(sm.send(new GetSecretValueCommand({ SecretId: 'momento' })))
          .to.be.rejectedWith(InvalidRequestException)
          .and.eventually.have.property('message')
          .that.matches(/marked for deletion/);
      });
    });

    it('answers SecretBinary as bytes', async () => {
      fake.secretsManager.put('binary', new Uint8Array([1, 2, 3]));
      const out = await sm.send(new GetSecretValueCommand({ SecretId: 'binary' }));
      expect([...(out.SecretBinary ?? [])]).to.deep.equal([1, 2, 3]);
    });

    it('rejects an unknown secret, a missing stage and an ARN from another region with ResourceNotFoundException', async () => {
      fake.secretsManager.put('elsewhere', 'key', { region: 'eu-west-1' });
      const arn = fake.secretsManager.arn('elsewhere', { region: 'eu-west-1' });
      for (const input of [{ SecretId: 'nope' }, { SecretId: arn }, { SecretId: 'elsewhere' }]) {
        await expect(sm.send(new GetSecretValueCommand(input))).to.be.rejectedWith(ResourceNotFoundException);
      }
      const euClient = new SecretsManagerClient(fake.clientConfig({ region: 'eu-west-1' }));
      try {
        expect((await euClient.send(new GetSecretValueCommand({ SecretId: arn }))).SecretString).to.equal('key');
        await expect(
          euClient.send(new GetSecretValueCommand({ SecretId: arn, VersionStage: 'AWSPENDING' })),
        ).to.be.rejectedWith(ResourceNotFoundException);
      } finally {
        euClient.destroy();
      }
      expect(fake.requests.at(-1)?.region).to.equal('eu-west-1');
    });
  });

  describe('SSM', () => {
    it('answers versions, labels and the latest value', async () => {
      fake.ssm.put('/app/key', 'v1');
      await ssm.send(new PutParameterCommand({ Name: '/app/key', Value: 'v2', Type: 'String', Overwrite: true }));
      await ssm.send(new LabelParameterVersionCommand({ Name: '/app/key', ParameterVersion: 1, Labels: ['stable'] }));
      const value = async (Name: string) => (await ssm.send(new GetParameterCommand({ Name }))).Parameter?.Value;
      expect(await value('/app/key')).to.equal('v2');
      expect(await value('/app/key:1')).to.equal('v1');
      expect(await value('/app/key:stable')).to.equal('v1');
      expect(await value(fake.ssm.arn('/app/key'))).to.equal('v2');
      await expect(value('/app/key:9')).to.be.rejectedWith(ParameterVersionNotFound);
      await expect(value('/app/key:nolabel')).to.be.rejectedWith(ParameterVersionNotFound);
      await expect(value('/nothing')).to.be.rejectedWith(ParameterNotFound);
    });

    it('returns a SecureString decrypted, or as KMS ciphertext bound to the parameter ARN', async () => {
      fake.ssm.put('/app/secure', 'plain-key', { type: 'SecureString' });
      const decrypted = await ssm.send(new GetParameterCommand({ Name: '/app/secure', WithDecryption: true }));
      expect(decrypted.Parameter).to.include({ Value: 'plain-key', Type: 'SecureString', Version: 1 });
      const raw = await ssm.send(new GetParameterCommand({ Name: '/app/secure', WithDecryption: false }));
      expect(raw.Parameter?.Value).to.not.include('plain-key');
      expect(fake.kms.decrypt(raw.Parameter!.Value!, { PARAMETER_ARN: fake.ssm.arn('/app/secure') })).to.equal(
        'plain-key',
      );
    });

    it('reads Secrets Manager through /aws/reference/secretsmanager/', async () => {
      fake.secretsManager.put('momento', 'sm-key');
      const out = await ssm.send(
        new GetParameterCommand({ Name: '/aws/reference/secretsmanager/momento', WithDecryption: true }),
      );
      expect(out.Parameter?.Value).to.equal('sm-key');
      await expect(
        ssm.send(new GetParameterCommand({ Name: '/aws/reference/secretsmanager/none', WithDecryption: true })),
      ).to.be.rejectedWith(ParameterNotFound);
    });
  });

  describe('KMS', () => {
    it('decrypts with the same encryption context and key, and fails otherwise', async () => {
      const { keyId, arn } = fake.kms.createKey({ alias: 'momento' });
      const other = fake.kms.createKey();
      const context = { app: 'tokenchain', stage: 'test' };
      const encrypted = await kms.send(
        new EncryptCommand({
          KeyId: 'alias/momento',
          Plaintext: Buffer.from('secret-key'),
          EncryptionContext: context,
        }),
      );
      const CiphertextBlob = encrypted.CiphertextBlob!;
      const reordered = { stage: 'test', app: 'tokenchain' };
      const out = await kms.send(new DecryptCommand({ CiphertextBlob, EncryptionContext: reordered }));
      expect(Buffer.from(out.Plaintext!).toString()).to.equal('secret-key');
      expect(out.KeyId).to.equal(arn);
      await expect(
        kms.send(new DecryptCommand({ CiphertextBlob, EncryptionContext: { app: 'x' } })),
      ).to.be.rejectedWith(InvalidCiphertextException);
      await expect(kms.send(new DecryptCommand({ CiphertextBlob }))).to.be.rejectedWith(InvalidCiphertextException);
      await expect(
        kms.send(new DecryptCommand({ CiphertextBlob, EncryptionContext: context, KeyId: other.keyId })),
      ).to.be.rejectedWith(IncorrectKeyException);
      await expect(
        kms.send(new DecryptCommand({ CiphertextBlob: Buffer.from('garbage'), EncryptionContext: context })),
      ).to.be.rejectedWith(InvalidCiphertextException);
      await expect(
        kms.send(new EncryptCommand({ KeyId: 'alias/none', Plaintext: Buffer.from('x') })),
      ).to.be.rejectedWith(NotFoundException);
      await kms.send(new DisableKeyCommand({ KeyId: keyId }));
      await expect(kms.send(new DecryptCommand({ CiphertextBlob, EncryptionContext: context })))
        .to.be.rejectedWith(Error)
        .and.eventually.have.property('name', 'DisabledException');
    });
  });

  describe('faults', () => {
    beforeEach(() => {
      fake.secretsManager.put('momento', 'key-1');
    });

    it('throttles the given number of requests, and records the SDK retry attempts', async () => {
      fake.inject({ kind: 'throttle', times: 2, operation: 'secretsmanager.GetSecretValue' });
      const out = await sm.send(new GetSecretValueCommand({ SecretId: 'momento' }));
      expect(out.SecretString).to.equal('key-1');
      expect(out.$metadata.attempts).to.equal(3);
      expect(fake.attempts('secretsmanager.GetSecretValue')).to.deep.equal([1, 2, 3]);
      expect(fake.count('secretsmanager.GetSecretValue')).to.equal(3);
    });

    it('answers 503 until cleared', async () => {
      fake.inject({ kind: 'server-error', status: 503 });
      const err = await sm.send(new GetSecretValueCommand({ SecretId: 'momento' })).catch((e: unknown) => e);
      expect(err).to.have.nested.property('$metadata.httpStatusCode', 503);
      expect(fake.count()).to.equal(3);
      fake.clearFaults();
      expect((await sm.send(new GetSecretValueCommand({ SecretId: 'momento' }))).SecretString).to.equal('key-1');
    });

    it('denies access, or any named error, only for the chosen operation', async () => {
      fake.inject({ kind: 'access-denied', operation: 'secretsmanager.GetSecretValue', times: 1 });
      fake.inject({ kind: 'error', type: 'DecryptionFailure', operation: 'secretsmanager.GetSecretValue', times: 1 });
      await sm.send(new DescribeSecretCommand({ SecretId: 'momento' }));
      await expect(sm.send(new GetSecretValueCommand({ SecretId: 'momento' })))
        .to.be.rejectedWith(Error)
        .and.eventually.have.property('name', 'AccessDeniedException');
      await expect(sm.send(new GetSecretValueCommand({ SecretId: 'momento' })))
        .to.be.rejectedWith(Error)
        .and.eventually.have.property('name', 'DecryptionFailure');
    });

    it('hangs until the client aborts, and close() still ends at once', async () => {
      fake.inject({ kind: 'hang' });
      const controller = new AbortController();
      const pending = sm.send(new GetSecretValueCommand({ SecretId: 'momento' }), { abortSignal: controller.signal });
      setTimeout(() => controller.abort(), 50).unref();
      await expect(pending).to.be.rejectedWith(Error).and.eventually.have.property('name', 'AbortError');
      const hung = sm.send(new GetSecretValueCommand({ SecretId: 'momento' })).catch((e: unknown) => e);
      await new Promise((resolve) => setTimeout(resolve, 50));
      await fake.close();
      expect(await hung).to.be.instanceOf(Error);
    });

    it('resets connections and sends malformed bodies', async () => {
      fake.inject({ kind: 'reset', times: 3 });
      const reset = await sm.send(new GetSecretValueCommand({ SecretId: 'momento' })).catch((e: unknown) => e);
      expect(reset).to.have.property('code', 'ECONNRESET');
      fake.inject({ kind: 'malformed', times: 1 });
      await expect(sm.send(new GetSecretValueCommand({ SecretId: 'momento' }))).to.be.rejectedWith(Error);
    });

    it("answers a proxy's HTML or text page for each 5xx, which the SDK cannot read as AWS JSON", async () => {
      for (const [status, format] of [
        [500, 'html'],
        [502, 'html'],
        [503, 'text'],
        [504, 'text'],
      ] as const) {
        fake.inject({ kind: 'proxy-page', status, format, times: 3 });
        const err = await sm.send(new GetSecretValueCommand({ SecretId: 'momento' })).catch((e: unknown) => e);
        expect(err, `${status} ${format}`).to.have.property('name', 'SyntaxError');
        expect(err).to.have.nested.property('$metadata.httpStatusCode', status);
      }
      expect(fake.count()).to.equal(12);
    });

    it('adds fields to an error body, which the SDK copies onto its exception', async () => {
      fake.inject({ kind: 'error', type: 'ResourceNotFoundException', fields: { SecretString: 'echoed' }, times: 1 });
      await expect(sm.send(new GetSecretValueCommand({ SecretId: 'momento' })))
        .to.be.rejectedWith(ResourceNotFoundException)
        .and.eventually.have.property('SecretString', 'echoed');
    });

    it('drips a 200 body that never ends, until the client aborts', async () => {
      fake.inject({ kind: 'drip', intervalMs: 10, times: 1 });
      const controller = new AbortController();
      const pending = sm.send(new GetSecretValueCommand({ SecretId: 'momento' }), { abortSignal: controller.signal });
      setTimeout(() => controller.abort(), 100).unref();
      // Aborted while reading the body, the SDK says so in a deserialization error rather than an AbortError.
      await expect(pending).to.be.rejectedWith(Error, /aborted/);
    });

    it('delays and then answers', async () => {
      fake.inject({ kind: 'delay', ms: 100, times: 1 });
      const started = performance.now();
      expect((await sm.send(new GetSecretValueCommand({ SecretId: 'momento' }))).SecretString).to.equal('key-1');
      expect(performance.now() - started).to.be.at.least(90);
    });
  });
});
