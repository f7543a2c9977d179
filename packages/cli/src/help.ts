/** `tokenchain --help`: short, examples first, then where to look next. */
export const MAIN_HELP = `tokenchain - find out where your Momento API key comes from

Usage:
  tokenchain doctor [options]    walk the source chain and explain which key wins
  tokenchain schemes [--json]    list the schemes a --sources string may use
  tokenchain help [command]      show help for a command

Examples:
  tokenchain doctor
  tokenchain doctor --sources "ssm:/momento/api-key, env:MOMENTO_API_KEY" --ping
  tokenchain doctor --json | jq .key.fingerprint

Options:
  -h, --help       show help
  -v, --version    show the version

Run 'tokenchain help doctor' for every doctor option and the exit codes.
Docs: docs/cli.md and docs/configuration.md in the tokenchain repository.
`;

/** `tokenchain doctor --help`. */
export const DOCTOR_HELP = `Usage: tokenchain doctor [options]

Walks the chain of key sources exactly as your application would, and prints each
link (outcome, duration), then the winning key: its kind (v2, v1, legacy),
fingerprint, expiry and endpoint. Keys are never printed, in any mode.

Options:
  -s, --sources SPEC   the chain to check (default: $MOMENTO_TOKEN_SOURCES, else
                       MOMENTO_API_KEY with MOMENTO_ENDPOINT, as the Momento SDK reads)
      --all            also ask the links after the winner, to find shadowed keys
      --ping           make one Momento call (a get) to see if the key is accepted
      --cache NAME     the cache --ping reads (default tokenchain-doctor; it need not exist)
      --endpoint HOST  endpoint for a v2 key that carries none (like MOMENTO_ENDPOINT)
      --connect HOST:PORT
                       send --ping there instead of the key's endpoint (momento-local)
      --plaintext      with --connect: no TLS
      --timeout MS     bound on the walk, and on the ping (default 10000)
      --import MODULE  load a module exporting schemes for your own sources (repeatable)
      --json           print exactly one JSON object (see docs/cli.md) instead of text
  -h, --help           show this help

Examples:
  tokenchain doctor --sources "secretsmanager:Momento_Auth_Token, env:MOMENTO_API_KEY"
  tokenchain doctor --all --ping --cache my-cache
  AWS_ENDPOINT_URL=http://localhost:4566 tokenchain doctor -s "ssm:/momento/api-key"

Exit codes:
  0  key found (with --ping: and accepted)
  1  internal error (a bug; the message is redacted)
  2  configuration error (bad flag, unknown scheme or option, bad --import)
  3  no usable key (none found, a source failed, or the key is malformed or expired)
  4  key rejected by Momento (--ping)
  5  Momento could not be asked (--ping: unreachable, timed out)

AWS sources use the AWS SDK's usual settings: AWS_REGION, AWS_PROFILE, credentials,
and AWS_ENDPOINT_URL for a local endpoint.
`;

/** `tokenchain schemes --help`. */
export const SCHEMES_HELP = `Usage: tokenchain schemes [--json] [--import MODULE]

Lists the schemes a --sources string may use, the package each comes from
(--import for yours), and its options. Grammar: docs/configuration.md.

Options:
      --import MODULE  also list the schemes a module exports (repeatable)
      --json           print JSON instead of text
  -h, --help           show this help

Example:
  tokenchain schemes
`;
