import { Api } from 'grammy';
import type { BotConfig } from '../config.js';

/** A Bot API client for sending without a running bot (the server's outbox worker). */
export function createBotApi(config: Pick<BotConfig, 'botToken' | 'apiRoot'>): Api {
  return new Api(config.botToken, { apiRoot: config.apiRoot });
}
