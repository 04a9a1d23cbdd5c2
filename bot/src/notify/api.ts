import { Api } from 'grammy';
import type { BotConfig } from '../config.js';

/**
 * A Bot API client for sending without a running bot (the server's outbox worker).
 * @param options.timeoutSeconds how long one call may take before it is given up; @default grammY's 500
 */
export function createBotApi(
  config: Pick<BotConfig, 'botToken' | 'apiRoot'>,
  options: { timeoutSeconds?: number } = {},
): Api {
  return new Api(config.botToken, {
    apiRoot: config.apiRoot,
    ...(options.timeoutSeconds ? { timeoutSeconds: options.timeoutSeconds } : {}),
  });
}
