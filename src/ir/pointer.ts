/** JSON Pointers (RFC 6901): how every diagnostic names a place in an input file. */

export type JsonPointer = string & { readonly __jsonPointer: true };

const escapeKey = (key: string | number): string => String(key).replaceAll("~", "~0").replaceAll("/", "~1");
const unescapeKey = (key: string): string => key.replaceAll("~1", "/").replaceAll("~0", "~");

/** Builds a pointer from raw keys, escaping "~" and "/" as RFC 6901 requires. */
export function pointer(...keys: readonly (string | number)[]): JsonPointer {
  return keys.map((key) => "/" + escapeKey(key)).join("") as JsonPointer;
}

/** Extends an existing pointer (e.g. ajv's instancePath) by raw keys. */
export function child(base: string, ...keys: readonly (string | number)[]): JsonPointer {
  return (base + pointer(...keys)) as JsonPointer;
}

/** Splits a pointer into its raw keys. */
export function pointerKeys(path: string): string[] {
  if (path === "") return [];
  return path.slice(1).split("/").map(unescapeKey);
}

/** The root of a document. */
export const ROOT = "" as JsonPointer;
