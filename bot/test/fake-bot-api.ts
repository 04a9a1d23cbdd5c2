/**
 * A local fake of the Telegram Bot API: a real HTTP server on 127.0.0.1 answering `/bot<token>/<method>` the
 * way api.telegram.org does, for tests that point grammY's `client.apiRoot` at it. Dependency-free (node:http
 * only) so any package's tests can import it.
 *
 * Bodies are accepted as grammY and other clients send them: JSON, application/x-www-form-urlencoded and
 * multipart/form-data (plus query parameters). Form values are strings, except JSON objects and arrays
 * (`reply_markup`, `commands`), which are parsed, as Telegram does; uploaded files are recorded as
 * `{ filename, size }` in place of their `attach://` reference.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Update } from 'grammy/types';

export interface FakeBotApiError {
  error_code: number;
  description: string;
  parameters?: { retry_after?: number; migrate_to_chat_id?: number };
}

export interface FakeBotApiCall {
  method: string;
  payload: Record<string, unknown>;
  /** When the request arrived (`Date.now()`), for tests of how calls are spaced. */
  at: number;
}

export interface FakeBotApi {
  /** Pass as grammY's `client.apiRoot`. */
  apiRoot: string;
  /** The only token the fake accepts; any other gets 401 Unauthorized. */
  token: string;
  /** What `getMe` returns. */
  botInfo: FakeBotInfo;
  /** Every request with a valid token, in order, including the ones answered with an error. */
  calls: FakeBotApiCall[];
  /** Answers the next call of `method` with this error (HTTP status = `error_code`), once per call to failNext. */
  failNext(method: string, error: FakeBotApiError): void;
  // --- Outbox abilities (notification sending tests) ---
  /**
   * Never answers the next call of `method` (it is recorded, then left hanging until the client gives up or
   * stop()), as a Telegram that took a request whose sender then died. Once per call to hangNext.
   */
  hangNext(method: string): void;
  /**
   * Queues an update for `getUpdates` (a long poll waiting for one answers at once) and returns it with its
   * `update_id`, numbered from 1 in push order when the update has none.
   */
  pushUpdate(update: Omit<Update, 'update_id'> & { update_id?: number }): Update;
  /** Updates pushed and not yet confirmed by a `getUpdates` with a higher `offset`, as Telegram keeps them. */
  readonly pendingUpdates: readonly Update[];
  /** What `setWebhook` set (`deleteWebhook` clears it); while set, `getUpdates` is refused with 409, as Telegram does. */
  readonly webhook: { url: string; secret_token?: string } | undefined;
  stop(): Promise<void>;
}

export interface FakeBotInfo {
  id: number;
  is_bot: true;
  first_name: string;
  username: string;
  can_join_groups: boolean;
  can_read_all_group_messages: boolean;
  supports_inline_queries: boolean;
  can_connect_to_business: boolean;
  has_main_web_app: boolean;
  has_topics_enabled: boolean;
  allows_users_to_create_topics: boolean;
  can_manage_bots: boolean;
  supports_join_request_queries: boolean;
}

export interface FakeBotApiOptions {
  /** @default '7000000001:fake-token-for-tests' */
  token?: string;
  botInfo?: Partial<FakeBotInfo>;
}

type Payload = Record<string, unknown>;
type MethodResult = { result: unknown } | FakeBotApiError;
type MethodHandler = (payload: Payload) => MethodResult;

export async function startFakeBotApi(options: FakeBotApiOptions = {}): Promise<FakeBotApi> {
  const token = options.token ?? '7000000001:fake-token-for-tests';
  const botInfo: FakeBotInfo = {
    id: Number(token.split(':')[0]),
    is_bot: true,
    first_name: 'Posy Test',
    username: 'posy_test_bot',
    can_join_groups: false,
    can_read_all_group_messages: false,
    supports_inline_queries: false,
    can_connect_to_business: false,
    has_main_web_app: true,
    has_topics_enabled: false,
    allows_users_to_create_topics: false,
    can_manage_bots: false,
    supports_join_request_queries: false,
    ...options.botInfo,
  };
  const calls: FakeBotApiCall[] = [];
  const failures = new Map<string, FakeBotApiError[]>();
  // Outbox abilities: calls to leave unanswered, per method.
  const hangs = new Map<string, number>();
  const hanging = new Set<() => void>();
  const methods = createMethods(botInfo);
  addPhotoMethods(methods, botInfo);
  const updates = createUpdateQueue();
  let webhook: FakeBotApi['webhook'];
  methods.setWebhook = (payload) => {
    if (typeof payload.url !== 'string' || !/^https:\/\//.test(payload.url)) {
      return badRequest('bad webhook: An HTTPS URL must be provided for webhook');
    }
    const secret = payload.secret_token;
    webhook = { url: payload.url, ...(typeof secret === 'string' ? { secret_token: secret } : {}) };
    return { result: true };
  };
  methods.deleteWebhook = () => {
    webhook = undefined;
    return { result: true };
  };
  Object.assign(methods, createPaymentMethods());

  const server = createServer((request, response) => {
    handle(request).then(
      (answer) => respond(response, answer),
      (error: unknown) =>
        respond(response, { error_code: 500, description: `Internal Server Error: ${error}` }),
    );
  });

  async function handle(request: IncomingMessage): Promise<MethodResult> {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const route = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec(url.pathname);
    if (!route) return { error_code: 404, description: 'Not Found' };
    if (route[1] !== token) return { error_code: 401, description: 'Unauthorized' };
    const method = route[2] as string;
    const payload = { ...parseQuery(url.searchParams), ...(await parseBody(request)) };
    // `at` is not enumerable, so tests comparing calls with toEqual({ method, payload }) keep passing.
    calls.push(Object.defineProperty({ method, payload } as FakeBotApiCall, 'at', { value: Date.now() }));

    const hangsLeft = hangs.get(method) ?? 0;
    if (hangsLeft > 0) {
      hangs.set(method, hangsLeft - 1);
      // Settled only by stop(), whose closeAllConnections() drops the socket, so no answer is ever written.
      await new Promise<void>((resolve) => hanging.add(resolve));
      return { error_code: 500, description: 'Internal Server Error: stopped while hanging' };
    }

    const failure = failures.get(method)?.shift();
    if (failure) return failure;
    if (method === 'getUpdates') {
      if (webhook) {
        return {
          error_code: 409,
          description:
            "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
        };
      }
      return updates.take(payload, request);
    }
    const handler = methods[method];
    if (!handler) return { error_code: 404, description: 'Not Found' };
    return handler(payload);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;

  let stopped: Promise<void> | undefined;
  return {
    apiRoot: `http://127.0.0.1:${port}`,
    token,
    botInfo,
    calls,
    failNext(method, error) {
      const queue = failures.get(method) ?? [];
      queue.push(error);
      failures.set(method, queue);
    },
    hangNext(method) {
      hangs.set(method, (hangs.get(method) ?? 0) + 1);
    },
    pushUpdate: (update) => updates.push(update),
    get pendingUpdates() {
      return updates.pending;
    },
    get webhook() {
      return webhook;
    },
    stop() {
      updates.close();
      for (const release of hanging) release();
      stopped ??= new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // grammY keeps connections alive; without this, close() waits for them to time out.
        server.closeAllConnections();
      });
      return stopped;
    },
  };
}

function respond(response: ServerResponse, answer: MethodResult): void {
  const body =
    'result' in answer
      ? { ok: true, result: answer.result }
      : {
          ok: false,
          error_code: answer.error_code,
          description: answer.description,
          ...(answer.parameters ? { parameters: answer.parameters } : {}),
        };
  response.writeHead('result' in answer ? 200 : answer.error_code, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}

// ---------------------------------------------------------------------------------------------------------------
// getUpdates

/**
 * Telegram's update queue for long polling (https://core.telegram.org/bots/api#getupdates): `offset`
 * confirms every update below it, `limit` caps a batch, and with nothing to give the call waits up to
 * `timeout` seconds for an update (or until the client gives up and closes the connection).
 */
function createUpdateQueue() {
  let pending: Update[] = [];
  let lastId = 0;
  const waiting = new Set<() => void>();
  const wake = () => {
    for (const resolve of [...waiting]) resolve();
  };
  return {
    get pending() {
      return pending;
    },
    push(update: Omit<Update, 'update_id'> & { update_id?: number }): Update {
      const full = { ...update, update_id: update.update_id ?? ++lastId } as Update;
      lastId = Math.max(lastId, full.update_id);
      pending.push(full);
      wake();
      return full;
    },
    async take(payload: Payload, request: IncomingMessage): Promise<MethodResult> {
      const offset = Number(payload.offset ?? 0);
      const limit = Math.min(Math.max(Number(payload.limit ?? 100), 1), 100);
      const timeoutMs = Number(payload.timeout ?? 0) * 1000;
      if (offset > 0) pending = pending.filter((update) => update.update_id >= offset);
      if (pending.length === 0 && timeoutMs > 0) {
        await new Promise<void>((resolve) => {
          const done = () => {
            clearTimeout(timer);
            waiting.delete(done);
            request.socket.off('close', done);
            resolve();
          };
          const timer = setTimeout(done, timeoutMs);
          waiting.add(done);
          request.socket.once('close', done);
        });
      }
      return { result: pending.slice(0, limit) };
    },
    /** Ends every waiting long poll, so stop() need not wait for their timeouts. */
    close: wake,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Methods

function createMethods(botInfo: FakeBotInfo): Record<string, MethodHandler> {
  let nextMessageId = 1;
  const botUser = {
    id: botInfo.id,
    is_bot: true,
    first_name: botInfo.first_name,
    username: botInfo.username,
  };
  const message = (payload: Payload, messageId: number) => ({
    message_id: messageId,
    date: Math.floor(Date.now() / 1000),
    chat: { id: chatId(payload.chat_id), type: 'private' },
    from: botUser,
    text: plainText(String(payload.text), payload.parse_mode),
  });

  return {
    getMe: () => ({ result: botInfo }),
    sendMessage: (payload) => {
      if (payload.chat_id === undefined || payload.chat_id === '') return badRequest('chat_id is empty');
      const invalid = checkText(payload);
      if (invalid) return invalid;
      return { result: message(payload, nextMessageId++) };
    },
    editMessageText: (payload) => {
      const invalid = checkText(payload);
      if (invalid) return invalid;
      if (payload.inline_message_id !== undefined) return { result: true };
      if (payload.chat_id === undefined || payload.message_id === undefined) {
        return badRequest('message identifier is not specified');
      }
      return { result: message(payload, Number(payload.message_id)) };
    },
    answerCallbackQuery: (payload) =>
      payload.callback_query_id
        ? { result: true }
        : badRequest('query is too old and response timeout expired or query ID is invalid'),
    setMyCommands: (payload) => {
      const { commands } = payload;
      if (!Array.isArray(commands)) return badRequest('parameter "commands" is required');
      for (const entry of commands as Array<{ command?: unknown; description?: unknown }>) {
        if (typeof entry.command !== 'string' || !/^[a-z0-9_]{1,32}$/.test(entry.command)) {
          return badRequest('BOT_COMMAND_INVALID');
        }
        if (
          typeof entry.description !== 'string' ||
          entry.description.length < 1 ||
          entry.description.length > 256
        ) {
          return badRequest('BOT_COMMAND_DESCRIPTION_INVALID');
        }
      }
      return { result: true };
    },
    setChatMenuButton: () => ({ result: true }),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Photos (the outbox's bouquet approvals): sendPhoto with an uploaded file or a file_id, and a caption
// checked like a message's text (at most 1024 characters). The upload is recorded as { filename, size }.

function addPhotoMethods(methods: Record<string, MethodHandler>, botInfo: FakeBotInfo) {
  let nextPhotoMessageId = 1_000_000;
  methods.sendPhoto = (payload) => {
    if (payload.chat_id === undefined || payload.chat_id === '') return badRequest('chat_id is empty');
    const { photo, caption } = payload;
    const uploaded = typeof photo === 'object' && photo !== null && (photo as { size?: unknown }).size;
    if (!uploaded && (typeof photo !== 'string' || photo === ''))
      return badRequest('there is no photo in the request');
    if (caption !== undefined) {
      if (typeof caption !== 'string' || caption.length > 1024)
        return badRequest('message caption is too long');
      if (payload.parse_mode === 'HTML') {
        const problem = findHtmlProblem(caption);
        if (problem) return badRequest(`can't parse entities: ${problem}`);
      }
    }
    return {
      result: {
        message_id: nextPhotoMessageId++,
        date: Math.floor(Date.now() / 1000),
        chat: { id: chatId(payload.chat_id), type: 'private' },
        from: { id: botInfo.id, is_bot: true, first_name: botInfo.first_name, username: botInfo.username },
        photo: [
          {
            file_id: `photo-${nextPhotoMessageId}`,
            file_unique_id: `p${nextPhotoMessageId}`,
            width: 1,
            height: 1,
          },
        ],
        ...(caption === undefined ? {} : { caption: plainText(String(caption), payload.parse_mode) }),
      },
    };
  };
}

// Payments (features/payments): invoice links, pre-checkout answers and Stars refunds, checked as Telegram
// checks them. What the bot sent is in `calls`; the link names the invoice by a counter, like t.me/$… links.

/** Telegram's limits on an invoice (https://core.telegram.org/bots/api#createinvoicelink). */
function checkInvoice(payload: Payload): FakeBotApiError | undefined {
  const text = (name: string, max: number) => {
    const value = payload[name];
    return typeof value === 'string' && value.length >= 1 && value.length <= max;
  };
  if (!text('title', 32)) return badRequest('invoice title must be 1-32 characters');
  if (!text('description', 255)) return badRequest('invoice description must be 1-255 characters');
  if (typeof payload.payload !== 'string' || Buffer.byteLength(payload.payload) < 1) {
    return badRequest('invoice payload must be 1-128 bytes');
  }
  if (Buffer.byteLength(payload.payload) > 128) return badRequest('invoice payload must be 1-128 bytes');
  if (typeof payload.currency !== 'string' || !/^[A-Z]{3}$/.test(payload.currency)) {
    return badRequest('CURRENCY_INVALID');
  }
  const stars = payload.currency === 'XTR';
  const token = payload.provider_token ?? '';
  if (stars ? token !== '' : typeof token !== 'string' || token === '') {
    return badRequest(stars ? 'provider_token must be empty for XTR' : 'PAYMENT_PROVIDER_INVALID');
  }
  const prices = payload.prices;
  if (!Array.isArray(prices) || prices.length === 0) return badRequest('prices must be non-empty');
  if (stars && prices.length !== 1) return badRequest('XTR invoices must have exactly one price');
  for (const price of prices as Array<{ label?: unknown; amount?: unknown }>) {
    if (typeof price.label !== 'string' || price.label === '') return badRequest('price label is empty');
    if (!Number.isInteger(price.amount)) return badRequest('price amount must be an integer');
  }
  const total = (prices as Array<{ amount: number }>).reduce((sum, price) => sum + price.amount, 0);
  if (total <= 0) return badRequest('CURRENCY_TOTAL_AMOUNT_INVALID');
  return undefined;
}

function createPaymentMethods(): Record<string, MethodHandler> {
  let nextInvoice = 1;
  return {
    createInvoiceLink: (payload) =>
      checkInvoice(payload) ?? { result: `https://t.me/$fake-invoice-${nextInvoice++}` },
    answerPreCheckoutQuery: (payload) => {
      if (!payload.pre_checkout_query_id) return badRequest('QUERY_ID_INVALID');
      const ok = payload.ok === true || payload.ok === 'true';
      if (!ok && (typeof payload.error_message !== 'string' || payload.error_message === '')) {
        return badRequest('error_message is required when ok is false');
      }
      return { result: true };
    },
    refundStarPayment: (payload) =>
      payload.user_id !== undefined && typeof payload.telegram_payment_charge_id === 'string'
        ? { result: true }
        : badRequest('CHARGE_ID_EMPTY'),
  };
}

function chatId(value: unknown): number | string {
  return typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : (value as number | string);
}

function badRequest(reason: string): FakeBotApiError {
  return { error_code: 400, description: `Bad Request: ${reason}` };
}

function checkText(payload: Payload): FakeBotApiError | undefined {
  if (typeof payload.text !== 'string' || payload.text.trim() === '')
    return badRequest('message text is empty');
  if (payload.text.length > 4096) return badRequest('message is too long');
  if (payload.parse_mode === 'HTML') {
    const problem = findHtmlProblem(payload.text);
    if (problem) return badRequest(`can't parse entities: ${problem}`);
  }
  return undefined;
}

// Tags Telegram's HTML parse mode accepts (https://core.telegram.org/bots/api#html-style).
const HTML_TAGS = new Set(
  'b strong i em u ins s strike del span tg-spoiler a tg-emoji code pre blockquote'.split(' '),
);

/** Mimics Telegram's parser: unknown tags, unclosed tags and bare `&` or `<` are errors. */
function findHtmlProblem(text: string): string | undefined {
  const open: string[] = [];
  const token = /<(\/?)([a-z-]*)[^>]*>|&(#\d+|#x[0-9a-f]+|[a-z]+);|[<&]/gi;
  for (const match of text.matchAll(token)) {
    const [whole, closing, tag, entity] = match;
    if (whole === '<' || whole === '&') return `Unexpected "${whole}" at byte offset ${match.index}`;
    if (entity !== undefined) {
      if (!entity.startsWith('#') && !['lt', 'gt', 'amp', 'quot'].includes(entity)) {
        return `Unsupported HTML entity "&${entity};" at byte offset ${match.index}`;
      }
      continue;
    }
    const name = (tag ?? '').toLowerCase();
    if (!HTML_TAGS.has(name)) return `Unsupported start tag "${name}" at byte offset ${match.index}`;
    if (!closing) open.push(name);
    else if (open.pop() !== name)
      return `Unmatched end tag at byte offset ${match.index}, expected "</${name}>"`;
  }
  return open.length > 0 ? `Can't find end tag corresponding to start tag "${open.at(-1)}"` : undefined;
}

/** The text as Telegram stores it: markup removed, entities decoded. */
function plainText(text: string, parseMode: unknown): string {
  if (parseMode !== 'HTML') return text;
  const entities: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"' };
  return text.replace(/<[^>]*>/g, '').replace(/&(#\d+|#x[0-9a-f]+|[a-z]+);/gi, (whole, entity: string) => {
    if (entity.startsWith('#x')) return String.fromCodePoint(Number.parseInt(entity.slice(2), 16));
    if (entity.startsWith('#')) return String.fromCodePoint(Number(entity.slice(1)));
    return entities[entity] ?? whole;
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Request bodies

async function parseBody(request: IncomingMessage): Promise<Payload> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const body = Buffer.concat(chunks);
  if (body.length === 0) return {};
  const contentType = request.headers['content-type'] ?? '';
  if (contentType.startsWith('application/json')) return JSON.parse(body.toString('utf8')) as Payload;
  if (contentType.startsWith('application/x-www-form-urlencoded')) {
    return parseQuery(new URLSearchParams(body.toString('utf8')));
  }
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/.exec(contentType);
  if (contentType.startsWith('multipart/form-data') && boundary) {
    return parseMultipart(body, (boundary[1] ?? boundary[2] ?? '').trim());
  }
  throw new Error(`Unsupported content-type "${contentType}"`);
}

function parseQuery(params: URLSearchParams): Payload {
  const payload: Payload = {};
  for (const [name, value] of params) payload[name] = formValue(value);
  return payload;
}

/** Form values are strings; Telegram reads objects and arrays in them as JSON. */
function formValue(value: string): unknown {
  if (/^\s*[[{]/.test(value)) {
    try {
      return JSON.parse(value);
    } catch {
      return value;
    }
  }
  return value;
}

/**
 * grammY writes parts as `content-disposition:form-data;name="x"` and files with an unquoted
 * `filename=...`, under a random name that a field references as `attach://<name>`.
 */
function parseMultipart(body: Buffer, boundary: string): Payload {
  const fields: Payload = {};
  const files = new Map<string, { filename: string; size: number }>();
  const delimiter = Buffer.from(`--${boundary}`);
  let cursor = body.indexOf(delimiter);
  while (cursor !== -1) {
    const start = cursor + delimiter.length;
    if (body.subarray(start, start + 2).toString() === '--') break;
    const end = body.indexOf(delimiter, start);
    if (end === -1) break;
    const part = body.subarray(start + 2, end - 2); // without the CRLF after the delimiter and before the next
    const headerEnd = part.indexOf('\r\n\r\n');
    const headers = part.subarray(0, headerEnd).toString('utf8');
    const content = part.subarray(headerEnd + 4);
    const name = /;\s*name="([^"]*)"/i.exec(headers)?.[1];
    const filename = /;\s*filename=(?:"([^"]*)"|([^;\r\n]*))/i.exec(headers);
    if (name !== undefined) {
      if (filename) files.set(name, { filename: filename[1] ?? filename[2] ?? '', size: content.length });
      else fields[name] = formValue(content.toString('utf8'));
    }
    cursor = end;
  }
  for (const [name, value] of Object.entries(fields)) {
    const attached =
      typeof value === 'string' && value.startsWith('attach://') ? files.get(value.slice(9)) : undefined;
    if (attached) fields[name] = attached;
  }
  return fields;
}
