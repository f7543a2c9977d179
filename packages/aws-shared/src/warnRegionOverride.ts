import type { TokenEvent } from '@tokenchain/core';

/**
 * Tells the user, once, when the region of a resource's ARN replaces the `clientConfig.region` they set: the resource only
 * exists in its own region, so the ARN wins, but a silent override would be a surprise.
 */
export function warnRegionOverride(
  report: (event: TokenEvent) => void,
  source: string,
  arnRegion: string | undefined,
  clientConfig: { readonly region?: unknown } | undefined,
): void {
  const configured = clientConfig?.region;
  if (arnRegion === undefined || typeof configured !== 'string' || configured === arnRegion) return;
  report({
    type: 'warning',
    source,
    time: Date.now(),
    message: `using region ${arnRegion} from the ARN instead of clientConfig.region ${configured}`,
  });
}
