/** The region of an ARN (`arn:aws:secretsmanager:eu-west-1:123456789012:secret:name`), or undefined for a plain name. */
export function regionOfArn(id: string): string | undefined {
  if (!id.startsWith('arn:')) return undefined;
  const region = id.split(':')[3];
  return region === undefined || region.length === 0 ? undefined : region;
}
