// How rows appear in a data export: plain JSON, Dates as ISO strings. Amounts and bigserial ids
// are read as numbers (the schema's bigint columns use mode 'number'), so numbers stay numbers.

/** A row as it appears in the export: Date columns become ISO strings, nothing else changes. */
export type Exported<T> = {
  [K in keyof T]: T[K] extends Date ? string : T[K] extends Date | null ? string | null : T[K];
};

export function plain<T extends object>(row: T): Exported<T> {
  return Object.fromEntries(
    Object.entries(row).map(([key, value]) => [key, value instanceof Date ? value.toISOString() : value]),
  ) as Exported<T>;
}

export type LedgerAccountExport = {
  key: string;
  currency: string;
  balanceMinor: number;
  entries: {
    id: number;
    transactionId: string;
    amountMinor: number;
    currency: string;
    createdAt: string;
    description: string;
    rewardId: string | null;
  }[];
};
