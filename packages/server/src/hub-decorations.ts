// What a hub adds to its Fastify instance (`hub.storage`, `hub.channels`, ...): the plugins declare
// it as augmentations of Fastify's types. Named here so that the declarations reach code that only
// imports this package, such as tests that start a hub and reach into it.
export type {} from './accounts/accounts-plugin.js';
export type {} from './auth/auth-plugin.js';
export type {} from './channels/channels-plugin.js';
export type {} from './config/config-plugin.js';
export type {} from './conversations/conversations-plugin.js';
export type {} from './mail/mail-plugin.js';
export type {} from './realtime/address-allowance.js';
export type {} from './realtime/realtime-plugin.js';
export type {} from './realtime/visitor-socket.js';
export type {} from './storage/storage-plugin.js';
export type {} from './users/users-plugin.js';
export type {} from './visitors/visitors-plugin.js';
