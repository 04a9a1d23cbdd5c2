import { z } from 'zod';
import { builder } from '../../builder.js';
import { asSignedInUser } from '../common/access.js';
import { ShopRef } from '../shops/shops.schema.js';
import { loginWithCode, requestLoginCode } from './login-codes.service.js';
import { loginWithPassword } from './password-login.service.js';
import {
  type DeliveredTokens,
  deliverTokens,
  logout,
  logoutEverywhere,
  refreshCookieHeader,
  refreshSessionFromCookie,
} from './session-cookie.js';
import { listMySessions, refreshSession } from './sessions.service.js';
import { loginWithTelegram } from './telegram-login.service.js';

export const AuthPayload = builder.objectRef<DeliveredTokens>('AuthPayload').implement({
  description: 'A signed-in session: a short-lived access token and a one-use refresh token.',
  fields: (t) => ({
    accessToken: t.exposeString('accessToken', { description: 'Send as `Authorization: Bearer …`.' }),
    accessTokenExpiresAt: t.expose('accessTokenExpiresAt', { type: 'DateTime' }),
    refreshToken: t.exposeString('refreshToken', {
      nullable: true,
      description:
        `Works once; refreshSession returns the next. Null when it went into the webapp's HttpOnly cookie ` +
        `instead (a sign-in sent with \`${refreshCookieHeader}: 1\`, or a refresh by cookie).`,
    }),
    user: t.prismaField({
      type: 'User',
      resolve: (query, tokens, _args, ctx) =>
        ctx.prisma.user.findUniqueOrThrow({ ...query, where: { id: tokens.userId } }).then(asSignedInUser),
    }),
  }),
});

const device = () => z.string().max(200, 'device is limited to 200 characters');

builder.mutationField('loginWithPassword', (t) =>
  t.field({
    type: AuthPayload,
    description: 'Staff sign-in on the PWA outside Telegram.',
    args: {
      email: t.arg.string({ validate: z.email('Enter a valid email').max(254) }),
      password: t.arg.string({ validate: z.string().min(1, 'Enter your password').max(200) }),
      device: t.arg.string({ required: false, validate: device() }),
    },
    resolve: async (_root, args, ctx) => deliverTokens(ctx, await loginWithPassword(ctx, args)),
  }),
);

builder.mutationField('loginWithTelegram', (t) =>
  t.field({
    type: AuthPayload,
    description:
      'Mini App sign-in with the raw `initData` Telegram hands the app. With `shopId` (or a `shop-<slug>` start ' +
      'parameter) the user becomes a customer of that shop unless they are staff there.',
    args: {
      initData: t.arg.string({ validate: z.string().min(1, 'initData is empty').max(4096) }),
      device: t.arg.string({ required: false, validate: device() }),
      shopId: t.arg.globalID({ required: false, for: ShopRef }),
      installation: t.arg.string({
        required: false,
        description:
          'The installation: a random id the app keeps on this device (not a secret). A new sign-in from the same installation ' +
          'ends the session the previous launch opened there, whose refresh token went with its webview.',
        validate: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, 'installation is 16–64 letters, digits, - or _'),
      }),
    },
    resolve: async (_root, args, ctx) =>
      deliverTokens(
        ctx,
        await loginWithTelegram(ctx, {
          initData: args.initData,
          device: args.device,
          shopId: args.shopId?.id,
          installationId: args.installation,
        }),
      ),
  }),
);

builder.mutationField('requestLoginCode', (t) =>
  t.boolean({
    description:
      'Sends a 6-digit sign-in code to the Telegram of the staff member with this email. Always answers true, ' +
      'so it reveals no accounts; RATE_LIMITED while a code was just sent or the user is locked out.',
    args: { email: t.arg.string({ validate: z.email('Enter a valid email').max(254) }) },
    resolve: async (_root, args, ctx) => {
      await requestLoginCode(ctx, args.email);
      return true;
    },
  }),
);

builder.mutationField('loginWithCode', (t) =>
  t.field({
    type: AuthPayload,
    description: 'Signs in with the code sent by requestLoginCode (valid 5 minutes, 5 attempts).',
    args: {
      email: t.arg.string({ validate: z.email('Enter a valid email').max(254) }),
      code: t.arg.string({ validate: z.string().regex(/^\d{6}$/, 'The code is 6 digits') }),
      device: t.arg.string({ required: false, validate: device() }),
    },
    resolve: async (_root, args, ctx) => deliverTokens(ctx, await loginWithCode(ctx, args)),
  }),
);

builder.mutationField('refreshSession', (t) =>
  t.field({
    type: AuthPayload,
    description:
      'Trades a refresh token for a new pair. Without `refreshToken`, the webapp’s: the one in its cookie ' +
      '(accepted from its own origin only), whose successor goes back into the cookie.',
    args: { refreshToken: t.arg.string({ required: false, validate: z.string().min(1).max(200) }) },
    resolve: async (_root, args, ctx) =>
      args.refreshToken
        ? deliverTokens(ctx, await refreshSession(ctx, args.refreshToken))
        : refreshSessionFromCookie(ctx),
  }),
);

builder.mutationField('logout', (t) =>
  t.boolean({
    description: 'Ends the current session and clears the webapp’s refresh cookie.',
    authScopes: { user: true },
    resolve: (_root, _args, ctx) => logout(ctx),
  }),
);

builder.mutationField('logoutEverywhere', (t) =>
  t.int({
    description: 'Ends every session of the signed-in user; returns how many were ended.',
    authScopes: { user: true },
    resolve: (_root, _args, ctx) => logoutEverywhere(ctx),
  }),
);

builder.prismaObject('Session', {
  select: { id: true },
  fields: (t) => ({
    id: t.exposeID('id'),
    device: t.exposeString('device', { nullable: true }),
    ip: t.exposeString('ip', { nullable: true }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    lastUsedAt: t.expose('lastUsedAt', { type: 'DateTime' }),
    expiresAt: t.expose('expiresAt', { type: 'DateTime' }),
    current: t.boolean({
      resolve: (session, _args, ctx) => ctx.viewer.kind === 'user' && ctx.viewer.sessionId === session.id,
    }),
  }),
});

builder.queryField('mySessions', (t) =>
  t.prismaField({
    type: ['Session'],
    description: 'The signed-in user’s open sessions (devices), most recently used first.',
    authScopes: { user: true },
    resolve: (query, _root, _args, ctx) => listMySessions(ctx, query),
  }),
);
