import type { graphql } from '../../graphql/graphql';

export type ApiScope = ReturnType<typeof graphql.scalar<'ApiScope'>>;

/**
 * What a key can reach, readable and (but reports) writable: the rows of the scope checkboxes, in this order.
 * Typed against the schema's ApiScope enum, so a renamed scope fails the type check.
 */
export const apiScopes = {
  orders: { read: 'ORDERS_READ', write: 'ORDERS_WRITE' },
  catalog: { read: 'CATALOG_READ', write: 'CATALOG_WRITE' },
  customers: { read: 'CUSTOMERS_READ', write: 'CUSTOMERS_WRITE' },
  stock: { read: 'STOCK_READ', write: 'STOCK_WRITE' },
  subscriptions: { read: 'SUBSCRIPTIONS_READ', write: 'SUBSCRIPTIONS_WRITE' },
  // The dashboard and the sales and write-off reports: figures only, nothing to write.
  reports: { read: 'REPORTS_READ' },
} as const satisfies Record<string, { read: ApiScope; write?: ApiScope }>;

export type ApiResource = keyof typeof apiScopes;
export const apiResources = Object.keys(apiScopes) as ApiResource[];

/** The checkboxes of a resource's row: read, and write where it has one. */
export function accessesOf(resource: ApiResource): { access: 'read' | 'write'; scope: ApiScope }[] {
  const scopes: { read: ApiScope; write?: ApiScope } = apiScopes[resource];
  return (['read', 'write'] as const).flatMap((access) => {
    const scope = scopes[access];
    return scope ? [{ access, scope }] : [];
  });
}

/** The scope as integrators read it in the API's documentation: `orders:read`. */
export function scopeCode(scope: ApiScope): string {
  return scope.toLowerCase().replace('_', ':');
}

/** Whether a key still opens the API: revoked and expired keys are kept for the record only. */
export function apiKeyStatus(
  key: { revokedAt?: string | null; expiresAt?: string | null },
  now: Date,
): 'active' | 'expired' | 'revoked' {
  if (key.revokedAt) return 'revoked';
  if (key.expiresAt && Date.parse(key.expiresAt) <= now.getTime()) return 'expired';
  return 'active';
}
