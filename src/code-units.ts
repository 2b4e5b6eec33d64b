/**
 * Orders strings by UTF-16 code units: the same everywhere, whatever the locale (never
 * `localeCompare`), so sets with no order of their own print deterministically.
 */
export const byCodeUnits = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
