export * from '../generated/client/client.js';
