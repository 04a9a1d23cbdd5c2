import { getDatamodel } from '@posy/prisma/pothos-types';
import {
  type GraphQLField,
  type GraphQLObjectType,
  getNamedType,
  isInterfaceType,
  isObjectType,
  isUnionType,
} from 'graphql';
import { schema } from '../../src/schema.js';
import type { SecondShop } from '../fixtures/second-shop.js';
import { ID_NAME_RULES } from './rules.js';
import { type Alternative, CoverageGap, type SlotContext } from './slots.js';

/*
 * Which of shop B's objects an ID slot names, and how: a plain uuid, or a Relay global id of every node
 * type backed by that model.
 */

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
export const globalId = (typename: string, id: string) =>
  Buffer.from(`${typename}:${id}`).toString('base64url');
export const implementsNode = (type: GraphQLObjectType) =>
  type.getInterfaces().some((i) => i.name === 'Node');

/** Fills ID slots (`raw`: a String `…Id` that takes a plain uuid) with shop B's ids. */
export type IdFiller = (name: string, raw: boolean, at: SlotContext, path: string) => Alternative[];

/**
 * Reads the schema's Prisma-backed types once and answers, for a slot's name and place, which of shop
 * B's objects fill it. A name no rule explains is a CoverageGap.
 */
export function idFiller(shop: SecondShop): IdFiller {
  const modelOfType = new Map<string, string>();
  const typesOfModel = new Map<string, GraphQLObjectType[]>();
  for (const type of Object.values(schema.getTypeMap())) {
    const model = isObjectType(type)
      ? (type.extensions as { pothosPrismaModel?: string }).pothosPrismaModel
      : null;
    if (!model || !isObjectType(type)) continue;
    modelOfType.set(type.name, model);
    typesOfModel.set(model, [...(typesOfModel.get(model) ?? []), type]);
  }
  const modelNames = new Set(Object.keys(getDatamodel().datamodel.models));
  /** Models shop B has rows of and the schema exposes as Relay nodes: what `node(id)` can be asked for. */
  const nodeModels = [...typesOfModel]
    .filter(([model, types]) => types.some(implementsNode) && shop.ids[model]?.length)
    .map(([model]) => model);

  /** The longest model or prisma-backed type name inside a field or input name (`revokeApiKey` → ApiKey). */
  function modelNamedIn(name: string): string | null {
    const text = capitalize(name);
    const candidates = [...modelNames, ...modelOfType.keys()].filter((n) => text.includes(n));
    const best = candidates.sort((x, y) => y.length - x.length)[0];
    return best ? (modelOfType.get(best) ?? best) : null;
  }

  function modelsReturnedBy(field: GraphQLField<unknown, unknown>): string[] {
    const named = getNamedType(field.type);
    if (isObjectType(named)) return modelOfType.has(named.name) ? [modelOfType.get(named.name)!] : [];
    if (isInterfaceType(named) && named.name === 'Node') return nodeModels;
    if (isUnionType(named)) return named.getTypes().flatMap((t) => modelOfType.get(t.name) ?? []);
    return [];
  }

  function idModels(name: string, at: SlotContext, path: string): string[] {
    const prefix = /^(.+?)(Id|Ids|ID|IDs)$/.exec(name)?.[1];
    if (prefix) {
      const rule = ID_NAME_RULES[prefix];
      if (rule === 'any') return nodeModels;
      const model =
        rule ??
        (modelNames.has(capitalize(prefix)) ? capitalize(prefix) : modelOfType.get(capitalize(prefix)));
      if (model) return [model];
    } else if (name === 'id' || name === 'ids') {
      const fromInput = at.hostInput ? modelNamedIn(at.hostInput.replace(/Input$/, '')) : null;
      if (fromInput) return [fromInput];
      const returned = modelsReturnedBy(at.field);
      if (returned.length) return returned;
      const fromField = modelNamedIn(at.field.name);
      if (fromField) return [fromField];
    }
    throw new CoverageGap(
      `${path}: cannot tell which of shop B's objects "${name}" names; add a rule to ID_NAME_RULES in tenant-isolation/rules.ts`,
    );
  }

  return function idAlternatives(name, raw, at, path) {
    return idModels(name, at, path).flatMap((model) => {
      const uuid = shop.ids[model]?.[0];
      if (!uuid)
        throw new CoverageGap(
          `${path}: the second-shop fixture creates no ${model}; add one to fixtures/second-shop.ts`,
        );
      const nodeTypes = raw ? [] : (typesOfModel.get(model) ?? []).filter(implementsNode);
      if (!nodeTypes.length)
        return [{ literal: JSON.stringify(uuid), targets: [uuid], label: model, probe: true }];
      return nodeTypes.map((type) => {
        const id = globalId(type.name, uuid);
        return { literal: JSON.stringify(id), targets: [id, uuid], label: type.name, probe: true };
      });
    });
  };
}
