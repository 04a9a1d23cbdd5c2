import {
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLOutputType,
  getNamedType,
  isAbstractType,
  isLeafType,
  isObjectType,
  Kind,
  parse,
  type SelectionSetNode,
} from 'graphql';
import { operationLimits } from '../../src/graphql/yoga.js';
import { schema } from '../../src/schema.js';
import type { ArgumentFiller } from './arguments.js';
import { CoverageGap } from './slots.js';

/** Connections and edges are plumbing: they do not count as a level of nesting. */
const isPlumbing = (name: string) => /(Connection|Edge)$/.test(name) || name === 'PageInfo';

const SCALAR_LEVELS = 2;

/**
 * Completes `head` (`query Isolation { field(args…)`) with the deepest selection set walked from the
 * field's return type that stays inside the server's limits (`scalarLevels`: how many levels get every
 * scalar, not only ids; more of them leave room for fewer levels). Nested fields whose arguments cannot be
 * filled are left out and their CoverageGap added to `gaps`.
 */
export function documentWriter(
  argumentAlternatives: ArgumentFiller,
  gaps: Set<string>,
  scalarLevels = SCALAR_LEVELS,
) {
  /**
   * The selection of a type: `__typename`, every scalar on the first `SCALAR_LEVELS` levels (so values
   * without ids are scanned too), ids below, and nested objects and connections down to `maxLevel`.
   */
  function selection(type: GraphQLOutputType, level: number, maxLevel: number, path: string): string {
    const named = getNamedType(type);
    if (isLeafType(named)) return '';
    if (isObjectType(named)) return `{ ${objectFields(named, level, maxLevel, path)} }`;
    if (isAbstractType(named)) {
      // Fragments on one level must agree on what a field name means (`expiresAt: DateTime` on one
      // type, `DateTime!` on another cannot be merged): a clashing field is left to the first type.
      const taken = new Map<string, string>();
      const fragments = schema
        .getPossibleTypes(named)
        .map((t) => `... on ${t.name} { ${objectFields(t, level, maxLevel, `${path}<${t.name}>`, taken)} }`);
      return `{ __typename ${fragments.join(' ')} }`;
    }
    return '';
  }

  function objectFields(
    type: GraphQLObjectType,
    level: number,
    maxLevel: number,
    path: string,
    taken = new Map<string, string>(),
  ): string {
    const parts = ['__typename'];
    for (const field of Object.values(type.getFields())) {
      const fieldPath = `${type.name}.${field.name}`;
      let args = '';
      try {
        args = argumentAlternatives(field, fieldPath, false)[0]!.literal;
      } catch (error) {
        if (!(error instanceof CoverageGap)) throw error;
        gaps.add(error.message);
        continue;
      }
      const signature = `${String(field.type)}${args}`;
      if ((taken.get(field.name) ?? signature) !== signature) continue;
      taken.set(field.name, signature);
      const named = getNamedType(field.type);
      if (isLeafType(named)) {
        if (level < scalarLevels || named.name === 'ID' || /Id$/.test(field.name))
          parts.push(field.name + args);
        continue;
      }
      const next = isPlumbing(named.name) ? level : level + 1;
      if (next > maxLevel) continue;
      parts.push(`${field.name}${args} ${selection(field.type, next, maxLevel, `${path}.${field.name}`)}`);
    }
    return parts.join(' ');
  }

  /** The deepest selection that stays inside the server's limits (depth, tokens). */
  return function fittingDocument(head: string, field: GraphQLField<unknown, unknown>, path: string) {
    for (let maxLevel = 3; maxLevel >= 0; maxLevel -= 1) {
      const document = `${head} ${selection(field.type, 0, maxLevel, path)} }`;
      try {
        const ast = parse(document, { maxTokens: operationLimits.maxTokens - 100 });
        if (depthOf(ast.definitions[0] as { selectionSet: SelectionSetNode }) <= operationLimits.maxDepth)
          return document;
      } catch {
        // too many tokens: one level less
      }
    }
    throw new CoverageGap(`${path}: even its flattest selection exceeds the operation limits`);
  };
}

function depthOf(node: { selectionSet?: SelectionSetNode }): number {
  if (!node.selectionSet) return 0;
  return Math.max(
    0,
    ...node.selectionSet.selections.map((s) =>
      s.kind === Kind.FIELD ? 1 + depthOf(s) : depthOf(s as { selectionSet?: SelectionSetNode }),
    ),
  );
}
