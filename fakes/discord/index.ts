export { FakeDiscord, startFakeDiscord } from './server.ts';
export { InteractionHandle, CallbackType, InteractionType, OptionType, customIds, findButton } from './interactions.ts';
export { guildIdForShard, shardForGuild, snowflake } from './snowflake.ts';
export { FakeDiscordTimeoutError } from './util.ts';
export { fastClientOptions } from './client-options.ts';
export type { StoredCommand } from './state.ts';
export type * from './types.ts';
export { EPHEMERAL, LOADING } from './messages.ts';
export { signInteraction, publicKeyHex, EndpointClient, type SignatureHeaders, type EndpointResponse } from './endpoint.ts';
