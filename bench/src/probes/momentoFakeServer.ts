// The Momento fake in a process of its own, for clientOverhead.ts: the clients measured then have the bench's process to
// themselves. `node momentoFakeServer.js <key>` prints the fake's endpoint overrides as one JSON line, then serves until
// its stdin closes.
import { startMomentoFake } from '@tokenchain/fakes/momento';

const key = process.argv[2];
if (key === undefined) throw new Error('usage: momentoFakeServer <key>');
const fake = await startMomentoFake({ keys: [key] });
console.log(JSON.stringify(fake.endpointOverrides()));
process.stdin.resume();
process.stdin.on('end', () => {
  void fake.close();
});
