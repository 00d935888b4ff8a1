/** Branded stage types: the compiler rejects a value handed to the wrong pass. */
declare const stageBrand: unique symbol;

/** Tags a value with the pipeline stage that produced it. */
export type Stage<Name extends string, T> = T & { readonly [stageBrand]: Name };

/** The only place a brand is attached; loaders and passes call it on their result. */
export function asStage<Name extends string, T>(_name: Name, value: T): Stage<Name, T> {
  return value as Stage<Name, T>;
}
