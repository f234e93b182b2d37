import type { NumberInfo } from '../../../shared/api/auth';

/**
 * The number to work on (G1): the current one while the user still has it, else the last one
 * chosen (kept in the settings) when they still have it, else their first number.
 */
export function chooseNumber(numbers: readonly Pick<NumberInfo, 'id'>[], current: string | null, last: string | null): string | null {
  const has = (id: string | null) => id !== null && numbers.some((n) => n.id === id);
  if (has(current)) return current;
  if (has(last)) return last;
  return numbers[0]?.id ?? null;
}
