// Shared by the child scripts of this package's tests (`*.test.child.ts`): what the parent hands them through their env.

/** The setting `name` from the env the parent test gave this child; throws when the parent did not set it. */
export function childSetting(name: string): string {
  const value = process.env[name];
  if (value === undefined) throw new Error(`${name} is not set`);
  return value;
}

/** Endpoint overrides that send every call of the child to `CHILD_ENDPOINT` (a local server), in plain text. */
export function childEndpointOverrides() {
  const endpoint = childSetting('CHILD_ENDPOINT');
  return {
    cacheEndpoint: endpoint,
    controlEndpoint: endpoint,
    tokenEndpoint: endpoint,
    secureConnection: false,
  } as const;
}
