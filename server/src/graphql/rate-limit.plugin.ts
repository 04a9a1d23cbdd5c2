import {
  type DocumentNode,
  type ExecutionArgs,
  type FragmentDefinitionNode,
  getOperationAST,
  Kind,
  type SelectionSetNode,
  valueFromASTUntyped,
} from 'graphql';
import { isAsyncIterable, type Plugin } from 'graphql-yoga';
import type { Context } from '../context.js';
import { rateLimited } from '../errors.js';
import type { Charge, RateLimiter } from './rate-limit.js';
import type { ServerContext } from './yoga.js';

/**
 * Mutations that check a guessable secret (password, code, invite): counted against the strict sign-in
 * limits. Not refreshSession: its 256-bit tokens cannot be guessed, and a shop's devices behind one NAT
 * refresh every 15 minutes; nor loginWithTelegram, for the same reasons (initData is HMAC-signed with the
 * bot token, and a shop's Wi-Fi or a carrier NAT signs many people in). Both still count against the
 * per-IP limit.
 */
export const signInMutations: ReadonlySet<string> = new Set([
  'loginWithPassword',
  'loginWithCode',
  'requestLoginCode',
  'acceptInvite',
]);

/**
 * Sign-ins whose successes are not counted: only wrong passwords and codes are guesses. Each attempt is
 * counted before it runs as any other (so concurrent guesses cannot slip past the limit, and an address or
 * email over it is refused even with the right secret) and given back once it signed someone in.
 */
const refundedWhenSignedIn: ReadonlySet<string> = new Set(['loginWithPassword', 'loginWithCode']);

/** Marks an HTTP operation whose IP was already counted in `onParams`, before its context was built. */
const ipCounted = Symbol('rate-limit ip counted');

type OperationContext = Partial<ServerContext> & Partial<Context> & { [ipCounted]?: boolean };

/**
 * Refuses operations over their limits before anything runs: per IP (every operation), per signed-in
 * user, per API key, and the strict sign-in limits (per IP, and per email named in the arguments; a
 * password or code sign-in that succeeded is given back after it ran).
 * Over HTTP the IP is counted as soon as the parameters are read, so operations that fail parsing,
 * validation or authentication count too; over WebSocket (ws.ts uses `yoga.getEnveloped`) every
 * operation is counted when it executes or subscribes. The refusal is RATE_LIMITED with
 * `retryAfterSeconds`, and over HTTP a 429 with `Retry-After`.
 */
export function useRateLimits(limiter: RateLimiter): Plugin<OperationContext, ServerContext> {
  const refuse = async (charges: Charge[], overHttp: boolean) => {
    const retryAfterSeconds = charges.length ? await limiter.consume(charges) : 0;
    if (!retryAfterSeconds) return null;
    const error = rateLimited(retryAfterSeconds);
    // Yoga turns extensions.http into the status and headers, and leaves it out of the body.
    if (overHttp)
      Object.assign(error.extensions, {
        http: { status: 429, headers: { 'Retry-After': String(retryAfterSeconds) } },
      });
    return { errors: [error] };
  };

  const limitOperation = async ({
    args,
    setResultAndStopExecution,
  }: {
    args: ExecutionArgs;
    setResultAndStopExecution: (result: { errors: Error[] }) => void;
  }) => {
    const context = args.contextValue as OperationContext;
    const { charges, refundable } = operationCharges(args, context);
    const result = await refuse(charges, !context.connection);
    if (result) setResultAndStopExecution(result);
    return result ? [] : refundable;
  };

  return {
    async onParams({ context, setResult }) {
      if (!context.ip) return;
      (context as OperationContext)[ipCounted] = true;
      const result = await refuse([{ bucket: 'ip', key: ipKey(context.ip) }], true);
      if (result) setResult(result);
    },
    async onExecute(payload) {
      const refundable = await limitOperation(payload);
      if (!refundable.length) return;
      return {
        // Awaited, so the next request from that address already sees the refund.
        async onExecuteDone({ result }) {
          if (isAsyncIterable(result)) return;
          const signedIn = refundable.filter(
            ({ responseKey }) =>
              result.data?.[responseKey] != null && !result.errors?.some((e) => e.path?.[0] === responseKey),
          );
          if (signedIn.length) await limiter.refund(signedIn.flatMap((attempt) => attempt.charges));
        },
      };
    },
    async onSubscribe(payload) {
      await limitOperation(payload);
    },
  };
}

/**
 * Which counters one operation is charged to, and the sign-in attempts among them (by response key) whose
 * charges are given back if they sign someone in.
 */
function operationCharges(args: ExecutionArgs, context: OperationContext) {
  const charges: Charge[] = [];
  const refundable: { responseKey: string; charges: Charge[] }[] = [];
  const ip = context.ip ? ipKey(context.ip) : null;
  if (ip && !context[ipCounted]) charges.push({ bucket: 'ip', key: ip });
  if (context.viewer?.kind === 'user') charges.push({ bucket: 'user', key: context.viewer.userId });
  if (context.viewer?.kind === 'apiKey') charges.push({ bucket: 'apiKey', key: context.viewer.apiKeyId });

  const attempts = signInAttempts(args.document, args.operationName, args.variableValues ?? {});
  // Aliases can put several attempts in one request: each counts.
  if (attempts.length && ip) charges.push({ bucket: 'signInIp', key: ip, points: attempts.length });
  const perEmail = new Map<string, number>();
  for (const { email } of attempts) if (email) perEmail.set(email, (perEmail.get(email) ?? 0) + 1);
  for (const [email, points] of perEmail) charges.push({ bucket: 'signInEmail', key: email, points });
  for (const { field, responseKey, email } of attempts) {
    if (!refundedWhenSignedIn.has(field)) continue;
    const attemptCharges: Charge[] = [];
    if (ip) attemptCharges.push({ bucket: 'signInIp', key: ip });
    if (email) attemptCharges.push({ bucket: 'signInEmail', key: email });
    refundable.push({ responseKey, charges: attemptCharges });
  }
  return { charges, refundable };
}

interface SignInAttempt {
  field: string;
  /** Where its answer is in `data`: the alias, or the field's name. */
  responseKey: string;
  email: string | null;
}

/** The sign-in fields a mutation selects at its root (through fragments too), with the email each names. */
function signInAttempts(
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Record<string, unknown>,
): SignInAttempt[] {
  const operation = getOperationAST(document, operationName);
  if (operation?.operation !== 'mutation') return [];
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions)
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);

  const attempts: SignInAttempt[] = [];
  const visited = new Set<string>();
  const walk = (selectionSet: SelectionSetNode) => {
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.INLINE_FRAGMENT) walk(selection.selectionSet);
      else if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const fragment = fragments.get(selection.name.value);
        if (fragment && !visited.has(fragment.name.value)) {
          visited.add(fragment.name.value);
          walk(fragment.selectionSet);
        }
      } else if (signInMutations.has(selection.name.value)) {
        const argument = selection.arguments?.find((a) => a.name.value === 'email');
        const value = argument ? valueFromASTUntyped(argument.value, variables) : null;
        attempts.push({
          field: selection.name.value,
          responseKey: selection.alias?.value ?? selection.name.value,
          email: typeof value === 'string' ? normalizeEmail(value) : null,
        });
      }
    }
  };
  walk(operation.selectionSet);
  return attempts;
}

/**
 * The counter key of an address: IPv4 as it is; IPv6 by its /64, the block one subscriber gets and
 * may pick addresses from at will (counting each address alone would give them 2^64 counters).
 */
export function ipKey(ip: string): string {
  const address = ip.split('%')[0]!.toLowerCase();
  const mappedIpv4 = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(address);
  if (mappedIpv4) return mappedIpv4[1]!;
  if (!address.includes(':')) return address;
  const [head = '', tail] = address.split('::');
  const headGroups = head ? head.split(':') : [];
  const tailGroups = tail ? tail.split(':') : [];
  const zeros = tail === undefined ? 0 : 8 - headGroups.length - tailGroups.length;
  const groups = [...headGroups, ...Array<string>(zeros).fill('0'), ...tailGroups];
  return `${groups
    .slice(0, 4)
    .map((group) => group.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}

/** As the sign-in mutations look accounts up, so `Anna@X.org ` and `anna@x.org` share a counter. */
const normalizeEmail = (email: string) => email.trim().toLowerCase().slice(0, 320);
