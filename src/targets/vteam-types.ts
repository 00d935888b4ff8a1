/**
 * Parameters of a VTEAM memristor (Kvatinsky et al., IEEE TCAS-II 62(8), 2015), as a target file
 * states them; the device equations that use them are in ../models/vteam.ts. They live in the
 * targets layer because a target's crossbar section carries them.
 */

export type VteamWindow =
  | { readonly kind: "none" }
  /** f = 1 − (2x − 1)^(2p) */
  | { readonly kind: "joglekar"; readonly p: number }
  /** f = 1 − (x − stp(−i))^(2p); the current's sign picks the branch (stp(−i) = 1 when i < 0, i.e. v < 0). */
  | { readonly kind: "biolek"; readonly p: number }
  /** f = j·(1 − ((x − 0.5)² + 0.75)^p) */
  | { readonly kind: "prodromakis"; readonly p: number; readonly j: number }
  /** fOff = exp(−exp((w − aOff)/wc)), fOn = exp(−exp(−(w − aOn)/wc)); aOn, aOff, wc in m. */
  | { readonly kind: "kvatinsky"; readonly aOn: number; readonly aOff: number; readonly wc: number };

export interface VteamParams {
  readonly kOn: number; // m/s, < 0
  readonly kOff: number; // m/s, > 0
  readonly alphaOn: number;
  readonly alphaOff: number;
  readonly vOn: number; // V, < 0
  readonly vOff: number; // V, > 0
  readonly wOn: number; // m
  readonly wOff: number; // m
  readonly rOn: number; // Ω
  readonly rOff: number; // Ω
  readonly window: VteamWindow;
  readonly iv: "linear" | "exponential";
}
