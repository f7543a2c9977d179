/**
 * The methods of the SDK's `CacheClient` (1.118), by name, so that a managed client can answer them before the SDK is loaded
 * (see `lazyManagedObject`). A method missing here is still answered, once the SDK is loaded; `cacheClientMethods.test.ts`
 * checks that every name here is a method of the installed SDK.
 */
export const CACHE_CLIENT_METHODS: ReadonlySet<string> = new Set(
  'createCache decreaseTtl delete deleteCache dictionaryFetch dictionaryGetField dictionaryGetFields dictionaryIncrement dictionaryLength dictionaryRemoveField dictionaryRemoveFields dictionarySetField dictionarySetFields flushCache get getBatch getWithHash increaseTtl increment itemGetTtl itemGetType keyExists keysExist listCaches listConcatenateBack listConcatenateFront listFetch listLength listPopBack listPopFront listPushBack listPushFront listRemoveValue listRetain ping set setAddElement setAddElements setBatch setContainsElement setContainsElements setFetch setIfAbsent setIfAbsentOrEqual setIfAbsentOrHashEqual setIfAbsentOrHashNotEqual setIfEqual setIfNotEqual setIfNotExists setIfPresent setIfPresentAndHashEqual setIfPresentAndHashNotEqual setIfPresentAndNotEqual setLength setPop setRemoveElement setRemoveElements setSample setWithHash sortedSetFetchByRank sortedSetFetchByScore sortedSetGetRank sortedSetGetScore sortedSetGetScores sortedSetIncrementScore sortedSetLength sortedSetLengthByScore sortedSetPutElement sortedSetPutElements sortedSetRemoveElement sortedSetRemoveElements sortedSetUnionStore updateTtl'.split(
    ' ',
  ),
);
