/** A PostgreSQL unique violation (23505), whether the driver's error or Drizzle's wrapper of it. */
export function isUniqueViolation(error: unknown): boolean {
  const direct = (error as { code?: unknown } | null)?.code;
  const wrapped = (error as { cause?: { code?: unknown } } | null)?.cause?.code;
  return direct === '23505' || wrapped === '23505';
}
