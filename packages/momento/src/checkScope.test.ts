import { expect } from 'chai';
import { checkScope } from './checkScope.js';
import { sdk } from './fixtures.testing.js';

// The SDK's own conversion of a scope into the permissions it sends: what checkScope must agree with.
const { permissionsFromDisposableTokenScope } = require('@gomomento/sdk/dist/src/internal/internal-auth-client') as {
  permissionsFromDisposableTokenScope: (scope: unknown) => { toObject(): unknown };
};
const sdkAccepts = (scope: unknown) => {
  try {
    permissionsFromDisposableTokenScope(scope);
    return true;
  } catch {
    return false;
  }
};

const S = sdk.DisposableTokenScopes;
const T = sdk.TokenScopes;

describe(checkScope.name, () => {
  describe('having a scope from the SDK factories', () => {
    const scopes: [string, unknown][] = [
      ['cacheKeyReadWrite', S.cacheKeyReadWrite('c', 'k')],
      ['cacheKeyPrefixReadOnly', S.cacheKeyPrefixReadOnly(sdk.AllCaches, 'p')],
      ['cacheKeyWriteOnly on a CacheName', S.cacheKeyWriteOnly({ name: 'c' }, { key: 'k' } as never)],
      ['cacheReadWrite', S.cacheReadWrite('c')],
      ['topicPublishSubscribe', S.topicPublishSubscribe('c', 't')],
      ['topicSubscribeOnly on all topics', S.topicSubscribeOnly(sdk.AllCaches, sdk.AllTopics)],
      ['functionInvoke', S.functionInvoke('c', 'f')],
      ['TokenScopes.cacheReadOnly', T.cacheReadOnly('c')],
      ['AllDataReadWrite', sdk.AllDataReadWrite],
    ];
    for (const [what, scope] of scopes) {
      it(`accepts ${what}, as the SDK does`, () => {
        expect(sdkAccepts(scope)).to.equal(true);
        expect(checkScope(sdk, scope as never)).to.equal(undefined);
      });
    }
  });

  describe('having a scope the SDK refuses', () => {
    const scopes: [string, unknown][] = [
      ['a string', 'c'],
      ['an object without permissions', { role: 'readwrite', cache: 'c' }],
      ['an unknown cache role', { permissions: [{ role: 'admin', cache: 'c' }] }],
      ['a cache selector of the wrong type', { permissions: [{ role: 'readwrite', cache: 42 }] }],
      [
        'a topic permission with a function',
        { permissions: [{ role: 'publishonly', cache: 'c', topic: 't', func: 'f' }] },
      ],
      ['a topic role on a cache permission', { permissions: [{ role: 'publishonly', cache: 'c' }] }],
    ];
    for (const [what, scope] of scopes) {
      it(`refuses ${what}, as the SDK does`, () => {
        expect(sdkAccepts(scope)).to.equal(false);
        expect(checkScope(sdk, scope as never)).to.be.a('string');
      });
    }
  });

  describe('having a scope the SDK takes but should not', () => {
    it('refuses an item restriction next to a topic permission: the SDK drops the item and the token gets the whole cache', () => {
      const scope = {
        permissions: [
          { role: sdk.CacheRole.ReadWrite, cache: 'c', item: { key: 'k' } },
          { role: sdk.TopicRole.PublishSubscribe, cache: 'c', topic: 't' },
        ],
      };
      expect(JSON.stringify(permissionsFromDisposableTokenScope(scope).toObject())).to.not.include('item_selector');
      expect(checkScope(sdk, scope as never)).to.match(/drop the item restriction/);
    });

    it('refuses no permissions at all, and empty names', () => {
      expect(sdkAccepts({ permissions: [] })).to.equal(true);
      expect(checkScope(sdk, { permissions: [] })).to.match(/no permissions/);
      expect(sdkAccepts(S.cacheKeyReadWrite('c', ''))).to.equal(true);
      expect(checkScope(sdk, S.cacheKeyReadWrite('c', ''))).to.match(/empty name/);
      expect(checkScope(sdk, S.cacheReadWrite(''))).to.match(/empty name/);
    });
  });
});
