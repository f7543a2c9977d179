/** Which secret, and which version of it: what both `GetSecretValue` and the Lambda extension take. */
export interface SecretVersion {
  /** The secret's name or ARN. */
  readonly secretId: string;
  /** Default `AWSCURRENT` (applied by the service). Use `AWSPREVIOUS` or `AWSPENDING` around a rotation. */
  readonly versionStage?: string;
  /** A version id instead of a stage. */
  readonly versionId?: string;
}
