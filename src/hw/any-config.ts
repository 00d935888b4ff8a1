/**
 * Reads a config file of either family from its bytes: config.pb (tripart.hwconfig, LIF targets)
 * or glia-config.pb (tripart.glia-config, glia-core). Both start with their format string as
 * field 1, so the format decides the decoder; anything else is TP4014 (or TP4001 when not even
 * a format string can be read). Never throws.
 */
import { fail, makeDiagnostic, type Result } from "../ir/diagnostics.js";
import { pointer, ROOT } from "../ir/pointer.js";
import { decodeConfig, peekFormat } from "./codec.js";
import { decodeGliaConfig } from "./glia-codec.js";
import { GLIA_CONFIG_FORMAT, type GliaConfig } from "./glia-config.js";
import { HWCONFIG_FORMAT, type HwConfig } from "./types.js";

/** A config of either family; `format` tells them apart. */
export type AnyConfig = HwConfig | GliaConfig;

const nameOf = (format: string): string => format.split("/")[0] + "/";

/** True for a glia-core config. */
export const isGliaConfig = (config: AnyConfig): config is GliaConfig => config.format === GLIA_CONFIG_FORMAT;

/** Decodes config bytes of either format; every problem is a TP40xx diagnostic on `file`. */
export function decodeAnyConfig(bytes: Uint8Array, file?: string): Result<AnyConfig> {
  const extra = file !== undefined ? { file } : {};
  if (bytes.length === 0) return fail([makeDiagnostic("TP4001", ROOT, { reason: "the file is empty" }, extra)]);
  const format = peekFormat(bytes);
  if (format === undefined) {
    return fail([makeDiagnostic("TP4014", ROOT, { reason: "it does not start with a format string" }, extra)]);
  }
  if (format.startsWith(nameOf(GLIA_CONFIG_FORMAT))) return decodeGliaConfig(bytes, file);
  if (format.startsWith(nameOf(HWCONFIG_FORMAT))) return decodeConfig(bytes, file);
  return fail([makeDiagnostic("TP4014", pointer("format"), { reason: `its format is '${format}'` }, extra)]);
}
