// Shopify's calculated query cost and its leaky bucket, per app and shop.
// Cost rules (shopify.dev, GraphQL Admin API rate limits): scalars and enums cost 0, objects 1,
// connections their page size (first/last, default 10) times the cost of a node plus 2,
// mutations 10; a single query may cost at most 1,000.
import {
  type DocumentNode,
  type FieldNode,
  type GraphQLField,
  type GraphQLSchema,
  type GraphQLType,
  getNamedType,
  isCompositeType,
  isObjectType,
  Kind,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';

export const MAX_SINGLE_QUERY_COST = 1000;

export type ThrottleStatus = { maximumAvailable: number; currentlyAvailable: number; restoreRate: number };

export class LeakyBucket {
  private available: number;
  private updatedAt: number;

  constructor(
    readonly maximumAvailable: number,
    readonly restoreRate: number,
    private readonly now: () => number = () => Date.now(),
  ) {
    this.available = maximumAvailable;
    this.updatedAt = now();
  }

  private refill(): void {
    const t = this.now();
    this.available = Math.min(
      this.maximumAvailable,
      this.available + ((t - this.updatedAt) / 1000) * this.restoreRate,
    );
    this.updatedAt = t;
  }

  /** Takes `cost` if the bucket holds it; otherwise takes nothing and says so. */
  take(cost: number): boolean {
    this.refill();
    if (cost > this.available) return false;
    this.available -= cost;
    return true;
  }

  /** Gives back what a query did not use (requested minus actual cost). */
  refund(points: number): void {
    this.available = Math.min(this.maximumAvailable, this.available + points);
  }

  status(): ThrottleStatus {
    this.refill();
    return {
      maximumAvailable: this.maximumAvailable,
      currentlyAvailable: Math.floor(this.available),
      restoreRate: this.restoreRate,
    };
  }
}

function intArg(field: FieldNode, name: string, variables: Record<string, unknown>): number | null {
  const arg = field.arguments?.find((a) => a.name.value === name);
  if (!arg) return null;
  const value: ValueNode = arg.value;
  if (value.kind === Kind.INT) return Number(value.value);
  if (value.kind === Kind.VARIABLE) {
    const v = variables[value.name.value];
    return typeof v === 'number' ? v : null;
  }
  return null;
}

function selectionCost(
  schema: GraphQLSchema,
  parent: GraphQLType,
  selections: SelectionSetNode | undefined,
  variables: Record<string, unknown>,
): number {
  if (!selections) return 0;
  const named = getNamedType(parent);
  let total = 0;
  for (const selection of selections.selections) {
    if (selection.kind === Kind.FIELD) {
      const fields =
        isObjectType(named) || 'getFields' in named
          ? (named as { getFields(): Record<string, GraphQLField<unknown, unknown>> }).getFields()
          : {};
      const field = fields[selection.name.value];
      if (!field) continue;
      const type = getNamedType(field.type);
      if (!isCompositeType(type)) continue;
      const inner = selectionCost(schema, type, selection.selectionSet, variables);
      if (type.name.endsWith('Connection')) {
        const size = intArg(selection, 'first', variables) ?? intArg(selection, 'last', variables) ?? 10;
        total += 2 + size * Math.max(inner - 1, 1);
      } else {
        total += 1 + inner;
      }
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      const on = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : named;
      total += on ? selectionCost(schema, on, selection.selectionSet, variables) : 0;
    }
  }
  return total;
}

/** Requested cost of one operation: the worst case before it runs. */
export function requestedCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown>,
): number {
  let total = 0;
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
    if (definition.operation === 'mutation') {
      total += 10 * definition.selectionSet.selections.length;
    } else {
      const root = schema.getQueryType();
      total += root ? selectionCost(schema, root, definition.selectionSet, variables) : 0;
    }
  }
  return Math.max(total, 1);
}
