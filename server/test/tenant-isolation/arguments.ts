import {
  type GraphQLField,
  type GraphQLInputType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
} from 'graphql';
import { type SecondShop, SHOP_B_MARKER } from '../fixtures/second-shop.js';
import { idFiller } from './ids.js';
import { STRING_PLACEHOLDERS } from './rules.js';
import { type Alternative, CoverageGap, combine, type SlotContext } from './slots.js';

/**
 * The arguments of a field: required ones always, optional ones only in `probe` mode and when they
 * probe. One alternative per combination worth sending, each a literal like `(id: "…")` or ''.
 */
export type ArgumentFiller = (
  field: GraphQLField<unknown, unknown>,
  path: string,
  probe: boolean,
) => Alternative[];

/**
 * Fills arguments and input objects: ID slots with shop B's ids (see ids.ts), other scalars with the
 * placeholders of rules.ts. A required slot it cannot fill is a CoverageGap.
 */
export function argumentFiller(shop: SecondShop): ArgumentFiller {
  const idAlternatives = idFiller(shop);

  function valueFor(
    name: string,
    type: GraphQLInputType,
    at: SlotContext,
    path: string,
  ): Alternative[] | null {
    const inner = isNonNullType(type) ? type.ofType : type;
    if (isListType(inner)) {
      const items = valueFor(name, inner.ofType, at, path);
      if (!items?.length) return null;
      // A list of ids holds one candidate at a time (`nodes(ids: [B's order])`, then B's product, …): the
      // list items count in the query cost like a page size, and every candidate at once under the deep
      // selection is refused by the cost limit before it reaches a resolver. Other lists hold one value.
      const chosen = items.some((i) => i.targets.length) ? items : items.slice(0, 1);
      return chosen.map((item) => ({ ...item, literal: `[${item.literal}]` }));
    }
    if (isInputObjectType(inner)) {
      const entries: [string, Alternative[]][] = [];
      for (const field of Object.values(inner.getFields())) {
        const fieldPath = `${path}.${field.name}`;
        const alternatives = valueFor(field.name, field.type, { ...at, hostInput: inner.name }, fieldPath);
        if (isNonNullType(field.type) && field.defaultValue === undefined) {
          if (!alternatives)
            throw new CoverageGap(
              `${fieldPath}: no placeholder for ${String(field.type)}; add one to the rules`,
            );
          entries.push([field.name, alternatives]);
        } else if (alternatives?.some((a) => a.probe)) {
          entries.push([field.name, alternatives]);
        }
      }
      return combine(entries, (parts) => `{${parts.join(', ')}}`);
    }
    if (isEnumType(inner)) {
      return [{ literal: inner.getValues()[0]!.name, targets: [], label: '', probe: false }];
    }
    if (isScalarType(inner)) {
      if (inner.name === 'ID') return idAlternatives(name, false, at, path);
      if (inner.name === 'String' && /[a-z](Id|Ids)$/.test(name)) return idAlternatives(name, true, at, path);
      const placeholder = scalarPlaceholder(name, inner.name);
      return placeholder ? [placeholder] : null;
    }
    return null;
  }

  return function argumentAlternatives(field, path, probe) {
    const entries: [string, Alternative[]][] = [];
    for (const arg of field.args) {
      const argPath = `${path}(${arg.name})`;
      const alternatives = valueFor(arg.name, arg.type, { field }, argPath);
      if (isNonNullType(arg.type) && arg.defaultValue === undefined) {
        if (!alternatives)
          throw new CoverageGap(`${argPath}: no placeholder for ${String(arg.type)}; add one to the rules`);
        entries.push([arg.name, alternatives]);
      } else if (probe && alternatives?.some((a) => a.probe)) {
        entries.push([arg.name, alternatives]);
      }
    }
    return combine(entries, (parts) => (parts.length ? `(${parts.join(', ')})` : ''));
  };
}

/** The variable an Upload argument names (see operations.ts). */
export const UPLOAD_VARIABLE = '$upload';

function scalarPlaceholder(name: string, scalar: string): Alternative | null {
  const value = (literal: string, probe = false) => ({ literal, targets: [], label: '', probe });
  const day = 24 * 3_600_000;
  switch (scalar) {
    case 'String': {
      const match = STRING_PLACEHOLDERS.find(([pattern]) => pattern.test(name));
      return value(JSON.stringify(match?.[1] ?? 'Isolation probe'), match?.[1] === SHOP_B_MARKER);
    }
    case 'Int':
      if (/^(first|last|limit|take)$/.test(name)) return value('5');
      if (/month|day/i.test(name)) return value('1');
      if (/year/i.test(name)) return value('2000');
      return value('1');
    case 'Float':
      if (/lat/i.test(name)) return value('55.75');
      if (/lon|lng/i.test(name)) return value('37.61');
      return value('1.5');
    case 'Boolean':
      // includeClosed, includeArchived…: ask for as much as there is.
      return value('true', /^include/.test(name));
    case 'DateTime': {
      const later = /end|until|to$/i.test(name) ? 2 * day : day;
      return value(JSON.stringify(new Date(Date.now() + later).toISOString()));
    }
    case 'Upload':
      // A file is a multipart part, never a literal: the operation declares $upload (operations.ts) and sends
      // none, so it is refused (BAD_USER_INPUT) after the shop is checked; uploads.test.ts sends real files.
      return value(UPLOAD_VARIABLE);
    default:
      return null;
  }
}
