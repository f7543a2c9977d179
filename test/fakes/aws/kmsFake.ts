import { createCipheriv, createDecipheriv, randomBytes, randomUUID } from 'node:crypto';
import { AwsFakeError } from './AwsFakeError.js';
import {
  type Input,
  optionalBlob,
  optionalString,
  optionalStringMap,
  type RequestContext,
  requireString,
} from './input.js';

/** Seeds and inspects the fake's KMS keys. */
export interface KmsFake {
  /** A new enabled AES-256 key, optionally reachable as `alias/<name>`. */
  createKey(options?: { readonly alias?: string; readonly description?: string }): { keyId: string; arn: string };
  /** Resolves a key id, key ARN, `alias/<name>` or alias ARN to the key's ARN; throws for an unknown key. */
  arnOf(keyId: string): string;
  disable(keyId: string): void;
  enable(keyId: string): void;
  /** What `Encrypt` would return, as base64. */
  encrypt(keyId: string, plaintext: string | Uint8Array, encryptionContext?: Readonly<Record<string, string>>): string;
  /** Decrypts base64 ciphertext to UTF-8, as `Decrypt` would; throws an `AwsFakeError` on failure. */
  decrypt(ciphertext: string, encryptionContext?: Readonly<Record<string, string>>): string;
}

export interface KmsService {
  readonly api: KmsFake;
  /** The key SSM uses for SecureString parameters without a KeyId, created on first use. */
  ssmDefaultKeyId(): string;
  handle(operation: string, input: Input, context: RequestContext): unknown;
}

interface Key {
  readonly id: string;
  readonly arn: string;
  readonly material: Buffer;
  readonly description: string;
  readonly created: Date;
  enabled: boolean;
}

// The blob layout is this fake's own: magic, format version, key id, IV, GCM tag, ciphertext. Like real KMS ciphertext it
// names its key, so Decrypt needs no KeyId.
const MAGIC = Buffer.from('FKMS');
const FORMAT_VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const MAX_PLAINTEXT_BYTES = 4096;
const SSM_ALIAS = 'alias/aws/ssm';

export function createKmsService(region: string, accountId: string): KmsService {
  const keys = new Map<string, Key>();
  const aliases = new Map<string, string>();

  const createKey = (options: { readonly alias?: string; readonly description?: string } = {}) => {
    const id = randomUUID();
    const key: Key = {
      id,
      arn: `arn:aws:kms:${region}:${accountId}:key/${id}`,
      material: randomBytes(32),
      description: options.description ?? '',
      created: new Date(),
      enabled: true,
    };
    keys.set(id, key);
    if (options.alias !== undefined) {
      const alias = options.alias.startsWith('alias/') ? options.alias : `alias/${options.alias}`;
      aliases.set(alias, id);
    }
    return { keyId: id, arn: key.arn };
  };

  const resolve = (keyId: string): Key => {
    let id = keyId;
    if (id.startsWith('arn:')) {
      const resource = id.split(':').slice(5).join(':');
      id = resource.startsWith('key/') ? resource.slice('key/'.length) : resource;
    }
    if (id.startsWith('alias/')) id = aliases.get(id) ?? id;
    const key = keys.get(id);
    if (!key) throw new AwsFakeError('NotFoundException', `Key '${keyId}' does not exist`);
    return key;
  };

  const usable = (key: Key): Key => {
    if (!key.enabled) throw new AwsFakeError('DisabledException', `${key.arn} is disabled.`);
    return key;
  };

  const encrypt = (key: Key, plaintext: Buffer, context: Readonly<Record<string, string>> | undefined): Buffer => {
    if (plaintext.length === 0 || plaintext.length > MAX_PLAINTEXT_BYTES) {
      throw new AwsFakeError('ValidationException', 'Plaintext must be between 1 and 4096 bytes');
    }
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', key.material, iv);
    cipher.setAAD(associatedData(context));
    const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    const id = Buffer.from(key.id, 'utf8');
    return Buffer.concat([MAGIC, Buffer.from([FORMAT_VERSION, id.length]), id, iv, cipher.getAuthTag(), body]);
  };

  const decrypt = (
    blob: Buffer,
    context: Readonly<Record<string, string>> | undefined,
    keyId: string | undefined,
  ): { key: Key; plaintext: Buffer } => {
    const header = MAGIC.length + 2;
    if (
      blob.length < header ||
      !blob.subarray(0, MAGIC.length).equals(MAGIC) ||
      blob[MAGIC.length] !== FORMAT_VERSION
    ) {
      throw new AwsFakeError('InvalidCiphertextException', '');
    }
    const idLength = blob[MAGIC.length + 1]!;
    const ivStart = header + idLength;
    const tagStart = ivStart + IV_BYTES;
    const bodyStart = tagStart + TAG_BYTES;
    if (blob.length <= bodyStart) throw new AwsFakeError('InvalidCiphertextException', '');
    const embedded = blob.subarray(header, ivStart).toString('utf8');
    const key = keys.get(embedded);
    if (!key) throw new AwsFakeError('InvalidCiphertextException', '');
    if (keyId !== undefined && resolve(keyId).id !== key.id) {
      throw new AwsFakeError(
        'IncorrectKeyException',
        'The key ID in the request does not identify a CMK that can perform this operation.',
      );
    }
    usable(key);
    try {
      const decipher = createDecipheriv('aes-256-gcm', key.material, blob.subarray(ivStart, tagStart));
      decipher.setAAD(associatedData(context));
      decipher.setAuthTag(blob.subarray(tagStart, bodyStart));
      return { key, plaintext: Buffer.concat([decipher.update(blob.subarray(bodyStart)), decipher.final()]) };
    } catch {
      // A wrong encryption context or a tampered blob fails GCM authentication, as it fails real KMS.
      throw new AwsFakeError('InvalidCiphertextException', '');
    }
  };

  const api: KmsFake = {
    createKey,
    arnOf: (keyId) => resolve(keyId).arn,
    disable(keyId) {
      resolve(keyId).enabled = false;
    },
    enable(keyId) {
      resolve(keyId).enabled = true;
    },
    encrypt(keyId, plaintext, encryptionContext) {
      const bytes = typeof plaintext === 'string' ? Buffer.from(plaintext, 'utf8') : Buffer.from(plaintext);
      return encrypt(usable(resolve(keyId)), bytes, encryptionContext).toString('base64');
    },
    decrypt(ciphertext, encryptionContext) {
      return decrypt(Buffer.from(ciphertext, 'base64'), encryptionContext, undefined).plaintext.toString('utf8');
    },
  };

  return {
    api,
    ssmDefaultKeyId() {
      return aliases.get(SSM_ALIAS) ?? createKey({ alias: SSM_ALIAS, description: 'Default key for SSM' }).keyId;
    },
    handle(operation, input) {
      switch (operation) {
        case 'Encrypt': {
          const key = usable(resolve(requireString(input, 'KeyId')));
          const plaintext = optionalBlob(input, 'Plaintext') ?? Buffer.alloc(0);
          const blob = encrypt(key, plaintext, optionalStringMap(input, 'EncryptionContext'));
          return { CiphertextBlob: blob.toString('base64'), KeyId: key.arn, EncryptionAlgorithm: 'SYMMETRIC_DEFAULT' };
        }
        case 'Decrypt': {
          const blob = optionalBlob(input, 'CiphertextBlob');
          if (!blob) throw new AwsFakeError('ValidationException', "'CiphertextBlob' is required");
          const { key, plaintext } = decrypt(
            blob,
            optionalStringMap(input, 'EncryptionContext'),
            optionalString(input, 'KeyId'),
          );
          return { KeyId: key.arn, Plaintext: plaintext.toString('base64'), EncryptionAlgorithm: 'SYMMETRIC_DEFAULT' };
        }
        case 'CreateKey': {
          const description = optionalString(input, 'Description');
          const { keyId } = createKey(description === undefined ? {} : { description });
          return { KeyMetadata: describe(resolve(keyId)) };
        }
        case 'DescribeKey':
          return { KeyMetadata: describe(resolve(requireString(input, 'KeyId'))) };
        case 'DisableKey':
          resolve(requireString(input, 'KeyId')).enabled = false;
          return {};
        case 'EnableKey':
          resolve(requireString(input, 'KeyId')).enabled = true;
          return {};
        default:
          throw new AwsFakeError('UnknownOperationException', `kms.${operation} is not implemented by the fake`);
      }
    },
  };
}

function describe(key: Key): Record<string, unknown> {
  return {
    KeyId: key.id,
    Arn: key.arn,
    Enabled: key.enabled,
    KeyState: key.enabled ? 'Enabled' : 'Disabled',
    Description: key.description,
    CreationDate: key.created.getTime() / 1000,
    KeyUsage: 'ENCRYPT_DECRYPT',
    KeySpec: 'SYMMETRIC_DEFAULT',
  };
}

/** The encryption context as canonical JSON (sorted keys). An absent context and an empty one are the same, as in KMS. */
function associatedData(context: Readonly<Record<string, string>> | undefined): Buffer {
  const sorted = Object.keys(context ?? {})
    .sort()
    .map((k) => [k, context![k]]);
  return Buffer.from(JSON.stringify(Object.fromEntries(sorted)), 'utf8');
}
