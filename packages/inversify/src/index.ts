export { CACHE_CLIENT, TOKEN_SOURCE, TOPIC_CLIENT } from './serviceIdentifiers.js';
export {
  DEFAULT_TTL_SECONDS,
  type TokenchainLink,
  type TokenchainModuleOptions,
  tokenchainModule,
} from './tokenchainModule.js';
