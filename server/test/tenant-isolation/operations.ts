import type { GraphQLField } from 'graphql';
import { schema } from '../../src/schema.js';
import type { SecondShop } from '../fixtures/second-shop.js';
import { argumentFiller, UPLOAD_VARIABLE } from './arguments.js';
import { documentWriter } from './selection-sets.js';
import { CoverageGap } from './slots.js';

export type Root = 'query' | 'mutation' | 'subscription';
export const ROOTS = ['query', 'mutation', 'subscription'] as const;

/** One operation to run against shop B. */
export interface IsolationCase {
  root: Root;
  field: string;
  label: string;
  document: string;
  /** Shop B's ids the operation names (uuids and global ids). */
  targets: string[];
}

export function rootFields(root: Root) {
  const type =
    root === 'query'
      ? schema.getQueryType()
      : root === 'mutation'
        ? schema.getMutationType()
        : schema.getSubscriptionType();
  return Object.values(type?.getFields() ?? {}) as GraphQLField<unknown, unknown>[];
}

/**
 * Builds the operations of every root field: one per way of naming shop B's objects in its arguments
 * (see arguments.ts), plus one with only the required arguments, each with a selection set walked from
 * the return type (see selection-sets.ts). What it cannot build is a CoverageGap, returned in `gaps` instead
 * of silently skipping the field.
 */
export function isolationCases(shop: SecondShop, options: { scalarLevels?: number } = {}) {
  const gaps = new Set<string>();
  const argumentAlternatives = argumentFiller(shop);
  const fittingDocument = documentWriter(argumentAlternatives, gaps, options.scalarLevels);

  function casesFor(root: Root, field: GraphQLField<unknown, unknown>): IsolationCase[] {
    const path = `${root}.${field.name}`;
    try {
      const probing = argumentAlternatives(field, path, true);
      const bare = argumentAlternatives(field, path, false)[0]!;
      const variants = probing.some((a) => a.literal === bare.literal) ? probing : [...probing, bare];
      return variants.map((args) => {
        // An Upload cannot be a literal: the operation declares the variable its placeholder names.
        const variables = args.literal.includes(UPLOAD_VARIABLE) ? `(${UPLOAD_VARIABLE}: Upload!)` : '';
        const document = fittingDocument(
          `${root} Isolation${variables} { ${field.name}${args.literal}`,
          field,
          path,
        );
        return {
          root,
          field: field.name,
          label: args.label || (args.literal ? args.literal : 'no arguments'),
          document,
          targets: args.targets,
        };
      });
    } catch (error) {
      if (!(error instanceof CoverageGap)) throw error;
      gaps.add(error.message);
      return [];
    }
  }

  const cases: Record<Root, IsolationCase[]> = { query: [], mutation: [], subscription: [] };
  for (const root of ROOTS) for (const field of rootFields(root)) cases[root].push(...casesFor(root, field));
  return { cases, gaps: [...gaps] };
}
