import {
  BREAK,
  type ExecutionArgs,
  type GraphQLInputType,
  getArgumentValues,
  isInputObjectType,
  isListType,
  isNonNullType,
  TypeInfo,
  visit,
  visitWithTypeInfo,
} from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { AppError } from '../errors.js';
import { operationWithVariables, useOperationCheck } from './operation-check.js';

/**
 * Refuses an operation, before anything runs, when any list it passes (an argument, or a field of an
 * input object at any depth; literal or variable) is longer than allowed: BAD_USER_INPUT naming the
 * argument and the maximum. Every list input is covered, those added later too: 5,000 `nodes(ids:)`
 * took 6–8 s and a dozen of them at once starved every other request of the database.
 * The list's items are also counted in the query cost (cost-limit.plugin.ts).
 * @param defaultMax items any list may hold; an argument or input field gives its own with
 *   `extensions: { maxItems: n }` in its Pothos options
 */
export function useListLimits(defaultMax: number): Plugin {
  return useOperationCheck((args) => {
    const error = firstTooLongList(args, defaultMax);
    return error ? [error] : null;
  });
}

function firstTooLongList(args: ExecutionArgs, defaultMax: number): AppError | null {
  const running = operationWithVariables(args);
  if (!running) return null;
  const { operation, variables: coerced } = running;

  let found: AppError | null = null;
  const typeInfo = new TypeInfo(args.schema);
  visit(
    args.document,
    visitWithTypeInfo(typeInfo, {
      // Another operation of the document does not run, and its variables are not given.
      OperationDefinition: (node) => (node === operation ? undefined : false),
      Field(node) {
        const field = typeInfo.getFieldDef();
        if (!field?.args.length || !node.arguments?.length) return undefined;
        let values: Record<string, unknown>;
        try {
          values = getArgumentValues(field, node, coerced);
        } catch {
          return undefined; // an invalid argument is execution's to report
        }
        for (const argument of field.args) {
          found = tooLong(values[argument.name], argument.type, limitOf(argument, defaultMax), defaultMax, {
            field: field.name,
            argument: argument.name,
          });
          if (found) return BREAK;
        }
        return undefined;
      },
    }),
  );
  return found;
}

/** The first list in `value` (of `type`) longer than its maximum, as the error to answer with. */
function tooLong(
  value: unknown,
  type: GraphQLInputType,
  max: number,
  defaultMax: number,
  where: { field: string; argument: string },
): AppError | null {
  if (value === null || value === undefined) return null;
  const nullable = isNonNullType(type) ? type.ofType : type;
  if (isListType(nullable) && Array.isArray(value)) {
    if (value.length > max) {
      return new AppError(
        'BAD_USER_INPUT',
        `${where.argument} of ${where.field} takes at most ${max} items; ${value.length} were given`,
        // `field` as in the validation plugin's errors (builder.ts): the input's path, for a form to point at.
        { field: where.argument, maxItems: max },
      );
    }
    for (const item of value) {
      const error = tooLong(item, nullable.ofType, max, defaultMax, where);
      if (error) return error;
    }
  } else if (isInputObjectType(nullable)) {
    for (const inputField of Object.values(nullable.getFields())) {
      const error = tooLong(
        (value as Record<string, unknown>)[inputField.name],
        inputField.type,
        limitOf(inputField, defaultMax),
        defaultMax,
        { field: where.field, argument: `${where.argument}.${inputField.name}` },
      );
      if (error) return error;
    }
  }
  return null;
}

const limitOf = (definition: { extensions: Record<string, unknown> }, defaultMax: number) => {
  const override = definition.extensions.maxItems;
  return typeof override === 'number' ? override : defaultMax;
};
