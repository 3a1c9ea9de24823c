// Joins the parts of a dictionary. A plain (pure) call rather than an object
// spread, so that the bundler can drop a dictionary nobody uses: /widget.js
// imports only the widget strings from these modules.
export function combine<A extends object, B extends object, C extends object>(a: A, b: B, c: C): A & B & C;
export function combine<A extends object, B extends object, C extends object, D extends object>(a: A, b: B, c: C, d: D): A & B & C & D;
export function combine<A extends object, B extends object, C extends object, D extends object, E extends object>(
  a: A,
  b: B,
  c: C,
  d: D,
  e: E,
): A & B & C & D & E;
export function combine(...parts: object[]): object {
  return Object.assign({}, ...parts);
}
