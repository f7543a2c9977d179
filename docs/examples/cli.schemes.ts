// docs/cli.md: a module for `tokenchain doctor --import`. Every scheme it exports is registered, so `--sources` may use it:
//   tokenchain doctor --import ./docs/dist/examples/cli.schemes.js --sources "vault:momento?url=https://vault.internal:8200"
export { vaultScheme } from './configuration.customScheme.js';
