import type { BouquetApprovalStatus, Prisma, TaskStatus } from '@posy/prisma';
import type { ApiScope } from '../../auth/api-keys.js';
import { type Context, isStaff, requireShop } from '../../context.js';
import { forbidden } from '../../errors.js';

/*
 * The one place for visibility rules. Each rule is written once and used three ways, so that every path
 * to a row (root list, node lookup, nested field or connection) answers the same:
 * - `visibleOrders(ctx)`: the where-clause of root fields and node lookups; FORBIDDEN when the viewer may
 *   see none at all (an API key without the scope).
 * - `...visibleOrders.guard`: `authScopes` and `unauthorizedError` for nested fields (`Customer.orders`,
 *   `Order.customer`), so a nested path is refused exactly when, and as, the root one is.
 * - `visibleOrders.nested(ctx)`: the same where-clause for nested connections. It never throws: Pothos
 *   builds it while loading the parent, where an error would fail the parent too; the field's guard
 *   refuses it instead.
 */

/** A rule's answer when the viewer may see none of these rows; the message says why. */
class Refused {
  constructor(readonly message?: string) {}
}

type Rule<Where> = (ctx: Context) => Where | Refused;

export interface Visibility<Where> {
  (ctx: Context): Where;
  nested(ctx: Context): Where;
  guard: {
    authScopes: (parent: unknown, args: unknown, ctx: Context) => boolean;
    unauthorizedError: (parent: unknown, args: unknown, ctx: Context) => Error;
  };
}

/** Matches no row: the where-clause of a nested connection the field's authScopes refuse anyway. */
const NO_ROW = { id: { in: [] as string[] } };

function visibility<Where>(rule: Rule<Where>): Visibility<Where> {
  const where = (ctx: Context) => {
    const rows = rule(ctx);
    if (rows instanceof Refused) throw forbidden(rows.message);
    return rows;
  };
  // Below a parent there is always an active shop; without one, refuse rather than throw.
  const nestedRule = (ctx: Context) => (ctx.shopId === null ? new Refused() : rule(ctx));
  where.nested = (ctx: Context) => {
    const rows = nestedRule(ctx);
    return rows instanceof Refused ? (NO_ROW as Where) : rows;
  };
  where.guard = {
    authScopes: (_parent: unknown, _args: unknown, ctx: Context) => !(nestedRule(ctx) instanceof Refused),
    unauthorizedError: (_parent: unknown, _args: unknown, ctx: Context) => {
      const rows = nestedRule(ctx);
      return forbidden(rows instanceof Refused ? rows.message : undefined);
    },
  };
  return where;
}

/** An API key holding `scope` passes; any other one is refused, naming the scope it lacks. */
function requireApiScope(ctx: Context, scope: ApiScope): Refused | null {
  if (ctx.viewer.kind === 'apiKey' && ctx.viewer.scopes.has(scope)) return null;
  return new Refused(`This API key lacks the ${scope} scope`);
}

/** Which orders of the active shop the viewer may see. */
const ordersRule: Rule<Prisma.OrderWhereInput> = (ctx) => {
  const shopId = requireShop(ctx);
  const { viewer } = ctx;
  switch (ctx.shopRole) {
    case 'ADMIN':
    case 'MANAGER':
    case 'FLORIST':
      return { shopId };
    case 'COURIER':
      // A courier sees only what they deliver.
      return { shopId, courierId: viewer.kind === 'user' ? viewer.userId : '' };
    case 'CUSTOMER':
      return { shopId, customerId: ctx.customerId ?? '' };
    case 'API_KEY':
      return requireApiScope(ctx, 'orders:read') ?? { shopId };
    case 'SYSTEM':
      // The shop's own jobs (subscription orders) act for the whole shop.
      return { shopId };
    default:
      return new Refused();
  }
};
export const visibleOrders = visibility(ordersRule);

/**
 * Who serves the recipient must not learn an anonymous order's sender: a courier (who hands the flowers
 * over) sees such an order, its recipient and its card, but not its customer. Staff who make or manage
 * orders still do, and so do keys, which are the shop's own systems.
 */
export function hidesSender(ctx: Context, order: { anonymousSender: boolean }): boolean {
  return order.anonymousSender && servesRecipient(ctx);
}

/** The rule's one condition on the viewer, which `senderShown` shares. */
const servesRecipient = (ctx: Context) => ctx.shopRole === 'COURIER';

/**
 * The where-clause form of `hidesSender`: of the orders the viewer sees, those whose sender they may know.
 * A search by a customer's name or phone matches only these, or it would tell a courier who sent one.
 */
export function senderShown(ctx: Context): Prisma.OrderWhereInput {
  return servesRecipient(ctx) ? { anonymousSender: false } : {};
}

/**
 * The orders through which the viewer may know who ordered: `visibleOrders` less, for a courier, the
 * anonymous ones. `visibleCustomers` and `Customer.orders` go by it, so that a courier can neither look up
 * the sender of an anonymous order nor find that order among the orders of a customer they know.
 */
export const senderKnownOrders = visibility<Prisma.OrderWhereInput>((ctx) => {
  const rows = ordersRule(ctx);
  return rows instanceof Refused ? rows : { AND: [rows, senderShown(ctx)] };
});

/**
 * Customers of the active shop the viewer may see: managers see all, a customer only themself, and
 * florists and couriers the customer of each order they see (the board shows who ordered), save a
 * courier's anonymous orders (`senderKnownOrders`). Because of that last clause, the customer of any
 * order whose sender the viewer may know is visible to them whenever this rule allows customers at all,
 * so `Order.customer` needs only `visibleCustomers.guard` and `hidesSender`. Listing and searching
 * customers (`customers`) stays with those who manage them.
 */
export const visibleCustomers = visibility<Prisma.CustomerWhereInput>((ctx) => {
  const shopId = requireShop(ctx);
  switch (ctx.shopRole) {
    case 'ADMIN':
    case 'MANAGER':
      return { shopId };
    case 'FLORIST':
    case 'COURIER':
      return { shopId, orders: { some: senderKnownOrders(ctx) } };
    case 'CUSTOMER':
      return { shopId, id: ctx.customerId ?? '' };
    case 'API_KEY':
      return requireApiScope(ctx, 'customers:read') ?? { shopId };
    case 'SYSTEM':
      return { shopId };
    default:
      return new Refused();
  }
});

/** Customers the viewer may list and search: those of `visibleCustomers`, but listing is for managers. */
export function listedCustomers(ctx: Context): Prisma.CustomerWhereInput {
  if (ctx.shopRole === 'FLORIST' || ctx.shopRole === 'COURIER')
    throw forbidden('Florists and couriers see customers through their orders; listing them is for managers');
  return visibleCustomers(ctx);
}

/**
 * Customers the viewer may change (their record, addresses and important dates): managers and
 * customers:write keys any of the shop's, a customer only themself. Florists see customers through their
 * orders and couriers deliver to them; neither changes them.
 */
export const editableCustomers = visibility<Prisma.CustomerWhereInput>((ctx) => {
  const shopId = requireShop(ctx);
  switch (ctx.shopRole) {
    case 'ADMIN':
    case 'MANAGER':
      return { shopId };
    case 'CUSTOMER':
      return { shopId, id: ctx.customerId ?? '' };
    case 'API_KEY':
      return requireApiScope(ctx, 'customers:write') ?? { shopId };
    default:
      return new Refused('Florists and couriers do not change customers');
  }
});

/** What a customer may change of their own record; email and the shop's note stay with the shop. */
const SELF_EDITABLE: ReadonlySet<string> = new Set(['name', 'phone']);

/** Refuses a customer changing any field of their record but their name and phone. */
export function assertCustomerFieldsEditable(ctx: Context, fields: Iterable<string>) {
  if (ctx.shopRole !== 'CUSTOMER') return;
  const refused = [...fields].filter((field) => !SELF_EDITABLE.has(field));
  if (refused.length)
    throw forbidden(`A customer changes only their name and phone, not ${refused.join(', ')}`);
}

/**
 * Production tasks of the active shop: the production board is for the staff who make and manage the
 * bouquets (admins, managers, florists); couriers, customers and API keys see none.
 */
export const visibleProductionTasks = visibility<Prisma.ProductionTaskWhereInput>((ctx) => {
  const shopId = requireShop(ctx);
  switch (ctx.shopRole) {
    case 'ADMIN':
    case 'MANAGER':
    case 'FLORIST':
      return { shopId };
    default:
      return new Refused('Production tasks are for the shop’s florists and managers');
  }
});

/**
 * The production queue (`productionQueue`): open tasks of `visibleProductionTasks`; a florist sees the
 * ones nobody has taken and their own, managers every open one. A florist may still open any task of
 * the shop by id, so that a task taken meanwhile answers TaskAlreadyTaken rather than NOT_FOUND.
 */
export function queuedProductionTasks(ctx: Context): Prisma.ProductionTaskWhereInput {
  const visible = visibleProductionTasks(ctx);
  if (ctx.shopRole !== 'FLORIST' || ctx.viewer.kind !== 'user')
    return { AND: [visible, { status: { in: ['PENDING', 'IN_PROGRESS'] } }] };
  return {
    AND: [visible, { OR: [{ status: 'PENDING' }, { status: 'IN_PROGRESS', floristId: ctx.viewer.userId }] }],
  };
}

/**
 * The outbox's messages about orders (`Order.notifications`): the back office of the shop's admins,
 * managers and florists, and keys holding orders:read. Customers never see them (they are the ones written
 * to); couriers neither, since a message to the customer names who ordered, which an anonymous order keeps
 * from its courier (`hidesSender`).
 */
export const visibleNotifications = visibility<Prisma.NotificationWhereInput>((ctx) => {
  const shopId = requireShop(ctx);
  switch (ctx.shopRole) {
    case 'ADMIN':
    case 'MANAGER':
    case 'FLORIST':
      return { shopId };
    case 'API_KEY':
      return requireApiScope(ctx, 'orders:read') ?? { shopId };
    default:
      return new Refused('Notifications are for the shop’s admins, managers and florists');
  }
});

/** Notifications the viewer may send again (`resendNotification`): the shop's admins and managers, as a person. */
export function resendableNotifications(ctx: Context): Prisma.NotificationWhereInput {
  const shopId = requireShop(ctx);
  const manages = ctx.shopRole === 'ADMIN' || ctx.shopRole === 'MANAGER';
  if (!manages || ctx.viewer.kind !== 'user')
    throw forbidden('Notifications are sent again by the shop’s admins and managers');
  return { shopId };
}

/**
 * Whether the viewer hands production tasks to florists (`assignProductionTask`): the shop's admins and
 * managers, signed in as a person. Florists take tasks from the queue themselves.
 */
export function assertAssignsProductionTasks(ctx: Context) {
  const manages = ctx.shopRole === 'ADMIN' || ctx.shopRole === 'MANAGER';
  if (!manages || ctx.viewer.kind !== 'user')
    throw forbidden('Production tasks are given to florists by the shop’s admins and managers');
}

/**
 * Orders whose bouquet the viewer may approve or reject: a customer's own orders, nobody else's (not even
 * staff: the approval is the customer's word).
 */
export function ordersTheCustomerDecides(ctx: Context): Prisma.OrderWhereInput {
  const shopId = requireShop(ctx);
  if (ctx.shopRole !== 'CUSTOMER' || !ctx.customerId)
    throw forbidden('Only the customer of the order may approve or reject its bouquet');
  return { shopId, customerId: ctx.customerId };
}

const ON_SALE = { active: true, archivedAt: null } satisfies Prisma.ProductWhereInput;

/**
 * Products the viewer may look at: staff see the whole catalog, API keys need catalog:read, and a
 * customer sees what is on sale and what they bought (an order item's product, even off sale since).
 */
export const visibleProducts = visibility<Prisma.ProductWhereInput>((ctx) => {
  const shopId = requireShop(ctx);
  if (ctx.shopRole === 'API_KEY') return requireApiScope(ctx, 'catalog:read') ?? { shopId };
  if (ctx.shopRole === 'CUSTOMER')
    return { shopId, OR: [ON_SALE, { orderItems: { some: { order: visibleOrders(ctx) } } }] };
  return { shopId };
});

/** Products the catalog lists (`products`): those of `visibleProducts`, for customers only what is on sale. */
export function listedProducts(ctx: Context): Prisma.ProductWhereInput {
  const visible = visibleProducts(ctx);
  return ctx.shopRole === 'CUSTOMER' ? { AND: [visible, ON_SALE] } : visible;
}

/** Categories the viewer may look at: the same audience as the catalog; customers only those still listed. */
export const visibleCategories = visibility<Prisma.CategoryWhereInput>((ctx) => {
  const shopId = requireShop(ctx);
  if (ctx.shopRole === 'API_KEY') return requireApiScope(ctx, 'catalog:read') ?? { shopId };
  if (ctx.shopRole === 'CUSTOMER') return { shopId, archivedAt: null };
  return { shopId };
});

/**
 * Subscriptions of the active shop the viewer may see: managers and admins all of them, a customer their own
 * (to see what comes next and pause it), keys with subscriptions:read all. Florists and couriers work from
 * the orders a subscription makes, not from the subscription.
 */
export const visibleSubscriptions = visibility<Prisma.SubscriptionWhereInput>((ctx) => {
  const shopId = requireShop(ctx);
  switch (ctx.shopRole) {
    case 'ADMIN':
    case 'MANAGER':
    case 'SYSTEM':
      return { shopId };
    case 'CUSTOMER':
      return { shopId, customerId: ctx.customerId ?? '' };
    case 'API_KEY':
      return requireApiScope(ctx, 'subscriptions:read') ?? { shopId };
    default:
      return new Refused('Subscriptions are managed by admins and managers');
  }
});

/**
 * Uploaded images (File rows) the viewer may look up by id: staff of the shop all of the shop's, catalog
 * keys its catalog images; a customer only the photos of products they may see and of their own bouquets
 * once shown (`SHOWN_BOUQUET_TASKS`). Product photos reach customers through `Product.photos`, bouquet
 * photos through `Order.bouquetPhoto` and `Order.bouquetApproval.photo`, which this rule agrees with.
 */
/**
 * Production tasks whose bouquet photo is shown beyond the shop's staff (to the order's customer, and to
 * keys reading orders): the bouquet is made (DONE), or the customer was asked to approve it. The row-level
 * half of the rule; `showsBouquetPhoto` is the same rule on a loaded task.
 */
export const SHOWN_BOUQUET_TASKS: Prisma.ProductionTaskWhereInput = {
  OR: [{ status: 'DONE' }, { approvalStatus: { not: null } }],
};

/** Whether the viewer sees the photo of this task's bouquet: staff always, others by SHOWN_BOUQUET_TASKS. */
export function showsBouquetPhoto(
  ctx: Context,
  task: { status: TaskStatus; approvalStatus: BouquetApprovalStatus | null },
): boolean {
  switch (ctx.shopRole) {
    case 'ADMIN':
    case 'MANAGER':
    case 'FLORIST':
    case 'COURIER':
      return true;
    default:
      return task.status === 'DONE' || task.approvalStatus !== null;
  }
}

export const visibleImages = visibility<Prisma.FileWhereInput>((ctx) => {
  const shopId = requireShop(ctx);
  switch (ctx.shopRole) {
    case 'ADMIN':
    case 'MANAGER':
    case 'FLORIST':
    case 'COURIER':
      return { shopId };
    case 'CUSTOMER':
      return {
        shopId,
        OR: [
          { productPhotos: { some: { product: visibleProducts(ctx) } } },
          // The photo of a bouquet of theirs, once shown (Order.bouquetPhoto, Order.bouquetApproval.photo).
          { taskPhotos: { some: { AND: [SHOWN_BOUQUET_TASKS, { order: visibleOrders(ctx) }] } } },
        ],
      };
    case 'API_KEY': {
      // The catalog's images, to keys that read the catalog or upload to it (an upload answers its image);
      // bouquet photos once shown to customers, to keys that read orders (Order.bouquetPhoto);
      // proofs of delivery are the shop staff's business.
      const catalog = requireApiScope(ctx, 'catalog:read') && requireApiScope(ctx, 'catalog:write');
      const orders = requireApiScope(ctx, 'orders:read');
      if (catalog && orders) return catalog;
      const reach: Prisma.FileWhereInput[] = [];
      if (!catalog) reach.push({ purpose: { not: 'DELIVERY_PROOF' } });
      if (!orders) reach.push({ taskPhotos: { some: SHOWN_BOUQUET_TASKS } });
      return { shopId, OR: reach };
    }
    default:
      return new Refused();
  }
});

/** How much of a person the viewer may see; see `personView`. */
export type PersonView = 'self' | 'staff' | 'public';

/**
 * Users a sign-in just proved to be the caller (`AuthPayload.user`): that request carries no token
 * yet, but the answer (email, memberships) is theirs to see.
 */
const signedInUsers = new WeakSet<object>();

/** Marks the user a sign-in mutation returns as the caller's own record. */
export function asSignedInUser<T extends object>(user: T): T {
  signedInUsers.add(user);
  return user;
}

/**
 * How much of a person (a `User`) the viewer may see, field by field:
 * - `self`: everything: email, phone, memberships, the shops they are a customer of.
 * - `staff`: the active shop's staff and API keys see a person's full name, Telegram username and
 *   locale (they work together, and write to customers), never another person's email or phone.
 * - `public`: anyone else, above all a customer looking at their order's courier, florist and event
 *   actors, sees a first name only; Telegram usernames, locales and the rest are refused. An actor who
 *   is no person (an API key, the system) is null, which the apps show as "the shop".
 *
 * The rule is applied by the fields of `User` rather than by a separate public type, so it holds on
 * every path to a person (order courier, florist, event actor, audit actor, invite and key creators)
 * without each path choosing a type, and the apps' documents stay as they are. `User.id` is our uuid,
 * never the Telegram id, which no field exposes.
 */
export function personView(ctx: Context, user: { id: string }): PersonView {
  if (signedInUsers.has(user) || (ctx.viewer.kind === 'user' && ctx.viewer.userId === user.id)) return 'self';
  if (ctx.shopRole !== null && ctx.shopRole !== 'CUSTOMER') return 'staff';
  return 'public';
}

/** The name of a person as the viewer may see it: a first name only for `public` viewers. */
export function personName(ctx: Context, user: { id: string; name: string }): string {
  if (personView(ctx, user) !== 'public') return user.name;
  return user.name.trim().split(/\s+/)[0] ?? '';
}

/**
 * Whether the viewer runs the shop's checkout by hand: an ADMIN or MANAGER signed in as a person. They
 * take phone orders, so they may leave an order's slot or pickup point to be agreed later, and break the
 * slot rules on purpose (`overrideSlotRules`: the shop agreed to squeeze an order into a full slot).
 * Customers, florists, couriers and API keys go through the rules as they are.
 */
export function handlesCheckoutByHand(ctx: Context): boolean {
  return ctx.viewer.kind === 'user' && (ctx.shopRole === 'ADMIN' || ctx.shopRole === 'MANAGER');
}

/**
 * Whether the viewer reads what staff wrote on an order's history (`OrderEvent.note`: a status change's
 * note, "Paid: cash …", "Refunded: …"): the shop's staff and its API keys do, its customer does not. What
 * a customer is meant to read has fields of its own (`Order.cancelReason`).
 */
export function readsStaffNotes(ctx: Context): boolean {
  return isStaff(ctx);
}

/*
 * Who follows which orders live (features/live). Each is a where-clause narrower than or equal to
 * `visibleOrders`, so an event is delivered exactly when the query would answer the order, and its payload
 * is re-read through the same Order fields (notes, sender, payment reference keep their own rules).
 */

/**
 * The shop's order board (`shopOrderChanged`): the staff and orders:read keys see what `visibleOrders`
 * lets them (a courier only what they deliver). A customer follows their own orders through
 * `customerOwnOrders` instead: a board is the shop's.
 */
export function shopBoardOrders(ctx: Context): Prisma.OrderWhereInput {
  const visible = visibleOrders(ctx);
  if (ctx.shopRole === 'CUSTOMER') throw forbidden('The order board is the shop’s; follow your own orders');
  return visible;
}

/** A customer's own orders in the active shop (`myOrderChanged`); nobody else has any. */
export function customerOwnOrders(ctx: Context): Prisma.OrderWhereInput {
  const visible = visibleOrders(ctx);
  if (ctx.shopRole !== 'CUSTOMER' || !ctx.customerId)
    throw forbidden('Only a customer has orders of their own');
  return visible;
}

/**
 * The orders the viewer delivers (`myDeliveryChanged`): a staff member signed in as a person, orders of
 * the active shop whose courier they are.
 */
export function deliveriesOfViewer(ctx: Context): Prisma.OrderWhereInput {
  const visible = visibleOrders(ctx);
  if (ctx.viewer.kind !== 'user' || !isStaff(ctx))
    throw forbidden('Deliveries are followed by the staff member who delivers them');
  return { AND: [visible, { courierId: ctx.viewer.userId }] };
}

/**
 * The shop's figures (`dashboard`, `salesReport`, `writeOffReport`, `dashboardTick`): the back office of
 * admins and managers, and keys holding reports:read. Florists, couriers and customers see none. Answers the
 * shop whose figures the viewer may read.
 */
export function reportedShop(ctx: Context): string {
  const shopId = requireShop(ctx);
  switch (ctx.shopRole) {
    case 'ADMIN':
    case 'MANAGER':
      if (ctx.viewer.kind === 'user') return shopId;
      break;
    case 'API_KEY': {
      const refused = requireApiScope(ctx, 'reports:read');
      if (refused) throw forbidden(refused.message);
      return shopId;
    }
  }
  throw forbidden('Reports are for the shop’s admins and managers');
}

/**
 * Orders the CSV export (GET /reports/orders.csv) writes: the `orders` query's rows (`visibleOrders`), for
 * those who keep the books: admins, managers and orders:read keys. Florists, couriers and customers see
 * orders one screen at a time, never a file of them.
 */
export function exportedOrders(ctx: Context): Prisma.OrderWhereInput {
  const rows = visibleOrders(ctx);
  if (ctx.shopRole === 'ADMIN' || ctx.shopRole === 'MANAGER' || ctx.shopRole === 'API_KEY') return rows;
  throw forbidden('The orders export is for the shop’s admins and managers');
}

/**
 * Orders a Telegram user may follow from a bot link (`/start order-…`), before any sign-in, so without an
 * active shop: `ordersRule` across their shops. Their own orders as a customer of any shop; as active staff,
 * what the board shows them there (all of it to admins, managers and florists; a courier what they deliver).
 */
export function ordersFollowedByTelegramUser(telegramId: bigint): Prisma.OrderWhereInput {
  return {
    OR: [
      { customer: { user: { telegramId } } },
      {
        shop: {
          memberships: {
            some: { user: { telegramId }, revokedAt: null, role: { in: ['ADMIN', 'MANAGER', 'FLORIST'] } },
          },
        },
      },
      { courier: { telegramId }, shop: { memberships: { some: { user: { telegramId }, revokedAt: null } } } },
    ],
  };
}

/**
 * Orders the viewer may make a Telegram invoice for (`createOrderInvoiceLink`): a customer their own, and
 * the shop's admins and managers any, who take payments at the counter too. Nobody else takes money.
 */
export function payableOrders(ctx: Context): Prisma.OrderWhereInput {
  const visible = visibleOrders(ctx);
  if (ctx.shopRole === 'CUSTOMER' && ctx.customerId) return visible;
  if ((ctx.shopRole === 'ADMIN' || ctx.shopRole === 'MANAGER') && ctx.viewer.kind === 'user') return visible;
  throw forbidden('Only the order’s customer, or an admin or manager, may ask for its payment');
}

/**
 * Whether the viewer gives a customer's money back (`refundOrderPayment`): the shop's admins and managers,
 * signed in as a person, the same people who take payments at the counter. A refund of Stars moves money
 * at once, so no API key may do it.
 */
export function assertRefundsPayments(ctx: Context) {
  requireShop(ctx);
  const manages = ctx.shopRole === 'ADMIN' || ctx.shopRole === 'MANAGER';
  if (!manages || ctx.viewer.kind !== 'user')
    throw forbidden('Payments are refunded by the shop’s admins and managers');
}
