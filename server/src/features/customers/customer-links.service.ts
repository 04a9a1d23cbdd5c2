import { startLink, startPayload } from '@posy/bot/deep-link';
import { randomSecret, sha256 } from '../../auth/tokens.js';
import { type Context, requireShop } from '../../context.js';
import { notFound, unauthenticated } from '../../errors.js';
import type { Database } from '../../transaction.js';
import {
  AlreadyCustomer,
  CustomerAlreadyLinked,
  CustomerLinkExpired,
  CustomerLinkUsed,
} from './customer-links.errors.js';

/** A new link with its secret, which exists only in this answer: the database keeps its hash. */
export interface CreatedCustomerLink {
  customerId: string;
  expiresAt: Date;
  /** `t.me/<bot>?start=customer-<token>`: the bot says which shop it is and opens the Mini App on it. */
  telegramUrl: string;
}

/**
 * Makes a one-use link that gives a customer record of the active shop (one taken by phone, say) to the
 * Telegram user who opens and claims it. A record that already has a user is CustomerAlreadyLinked.
 */
export async function createCustomerLink(ctx: Context, customerId: string): Promise<CreatedCustomerLink> {
  const shopId = requireShop(ctx);
  const customer = await ctx.prisma.customer.findFirst({
    where: { id: customerId, shopId },
    select: { id: true, userId: true },
  });
  if (!customer) throw notFound('The customer');
  if (customer.userId) throw new CustomerAlreadyLinked();
  const token = randomSecret(24);
  const link = await ctx.prisma.customerLink.create({
    data: {
      shopId,
      customerId,
      tokenHash: sha256(token),
      createdById: ctx.viewer.kind === 'user' ? ctx.viewer.userId : null,
      expiresAt: new Date(Date.now() + ctx.config.invites.ttlSeconds * 1000),
    },
    select: { id: true, expiresAt: true },
  });
  ctx.audit.target = { type: 'Customer', id: customerId };
  ctx.audit.changes = { customerLinkId: link.id };
  const payload = startPayload({ kind: 'customer', token });
  return {
    customerId,
    expiresAt: link.expiresAt,
    telegramUrl: startLink(ctx.config.telegram.botUsername, payload),
  };
}

/**
 * Makes the signed-in user the customer record of a link. One use: the link is claimed and the record
 * linked in the mutation's one transaction, each only if still free, so two claims cannot both win.
 */
export async function claimCustomerLink(ctx: Context, token: string): Promise<{ id: string }> {
  const { viewer } = ctx;
  if (viewer.kind !== 'user') throw unauthenticated('Sign in (e.g. through Telegram) to link your record');
  const link = await ctx.prisma.customerLink.findUnique({ where: { tokenHash: sha256(token) } });
  if (!link) throw notFound('This link');
  if (link.claimedAt) throw new CustomerLinkUsed(link.claimedAt);
  if (link.expiresAt <= new Date()) throw new CustomerLinkExpired(link.expiresAt);
  const existing = await ctx.prisma.customer.findUnique({
    where: { shopId_userId: { shopId: link.shopId, userId: viewer.userId } },
    select: { id: true },
  });
  if (existing) throw new AlreadyCustomer();

  const claimed = await ctx.prisma.customerLink.updateMany({
    where: { id: link.id, claimedAt: null },
    data: { claimedAt: new Date(), claimedById: viewer.userId },
  });
  if (claimed.count === 0) {
    const now = await ctx.prisma.customerLink.findUniqueOrThrow({ where: { id: link.id } });
    throw new CustomerLinkUsed(now.claimedAt ?? new Date());
  }
  const linked = await ctx.prisma.customer.updateMany({
    where: { id: link.customerId, userId: null },
    data: { userId: viewer.userId },
  });
  // Linked to someone meanwhile (a Mini App sign-in from the shop's link, say): the claim rolls back.
  if (linked.count === 0) throw new CustomerAlreadyLinked();
  ctx.audit.shopId = link.shopId;
  ctx.audit.target = { type: 'Customer', id: link.customerId };
  ctx.audit.changes = { customerLinkId: link.id };
  return { id: link.customerId };
}

/** The shop of a link that can still be claimed (for the bot's reply); null for any other token. */
export async function openCustomerLinkShop(prisma: Database, token: string) {
  const link = await prisma.customerLink.findFirst({
    where: {
      tokenHash: sha256(token),
      claimedAt: null,
      expiresAt: { gt: new Date() },
      customer: { userId: null },
    },
    select: { shop: { select: { name: true } } },
  });
  return link?.shop ?? null;
}
