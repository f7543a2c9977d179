// Loaded by every package's mocha run (see each .mocharc.json).
// chai-as-promised gives `await expect(p).to.be.rejectedWith(...)`, which the tests use instead of try/catch.
import * as chai from 'chai';
import chaiAsPromised from 'chai-as-promised';

chai.use(chaiAsPromised);

// The AWS SDK must never walk the default credential chain or the instance metadata address in a test,
// and Node 20 gets a support warning that would clutter the output.
process.env.AWS_EC2_METADATA_DISABLED = 'true';
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

// A promise rejected with nobody listening is a bug in the code under test: fail the run loudly.
process.on('unhandledRejection', (reason) => {
  throw reason instanceof Error ? reason : new Error(`unhandled rejection: ${String(reason)}`);
});
