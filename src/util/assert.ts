/**
 * Internal invariants. A failed assertion is a bug in Tripart, never a user error: it throws
 * InternalError, which the CLI turns into exit code 3 and a reproducer file.
 */
export class InternalError extends Error {
  override readonly name = "InternalError";
}

export function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new InternalError(message);
}

export function unreachable(value: never, what = "value"): never {
  throw new InternalError(`unexpected ${what}: ${JSON.stringify(value)}`);
}
