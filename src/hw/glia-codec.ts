/**
 * glia-config.pb: the protobuf binary form of a GliaConfig, laid out by schemas/glia-config.proto
 * (loaded at run time). Same envelope as config.pb (codec.ts): field 1 is the format string, and
 * the last field is an FNV-1a checksum of every byte before it, so that truncation and bit flips
 * are refused (TP4001), never misread. Encoding goes through the JSON twin and protobufjs; the
 * decoded message goes through the same reader as the twin. decodeGliaConfig never throws.
 */
import { join } from "node:path";
import protobuf from "protobufjs";
import { DiagnosticBag, fail, makeDiagnostic, type Result } from "../ir/diagnostics.js";
import { ROOT } from "../ir/pointer.js";
import { packageRoot } from "../targets/package-root.js";
import { describeDecodeError, fnv1a, peekFormat } from "./codec.js";
import type { GliaConfig } from "./glia-config.js";
import { checkGliaFormat, readGliaConfigObject, toGliaConfigJson } from "./glia-config-json.js";

/** Field 31, wire type 5 (fixed32): the tag is the two-byte varint 0xFD 0x01. */
const CHECKSUM_TAG = [0xfd, 0x01] as const;
const CHECKSUM_BYTES = CHECKSUM_TAG.length + 4;

let configType: protobuf.Type | undefined;

/** The GliaConfig message type of schemas/glia-config.proto, loaded once. */
export function gliaConfigType(): protobuf.Type {
  configType ??= protobuf.loadSync(join(packageRoot(), "schemas", "glia-config.proto")).lookupType("tripart.gliaconfig.GliaConfig");
  return configType;
}

/** The binary config: the message (without a checksum), then its FNV-1a checksum as the last field. */
export function encodeGliaConfig(config: GliaConfig): Uint8Array {
  const type = gliaConfigType();
  const json = toGliaConfigJson(config);
  // protobuf has no null: an input clip travels as an optional sub-message.
  const message = {
    ...json,
    neurons: json.neurons.map((n) => ({ ...n, inputClip: n.inputClip === null ? undefined : { value: n.inputClip } })),
  };
  const body = type.encode(type.fromObject(message)).finish();
  const bytes = new Uint8Array(body.length + CHECKSUM_BYTES);
  bytes.set(body);
  bytes[body.length] = CHECKSUM_TAG[0];
  bytes[body.length + 1] = CHECKSUM_TAG[1];
  const checksum = fnv1a(body, 0, body.length);
  for (let i = 0; i < 4; i++) bytes[body.length + CHECKSUM_TAG.length + i] = (checksum >>> (8 * i)) & 0xff;
  return bytes;
}

/** Reads glia-config.pb bytes; every problem is a TP40xx diagnostic on `file`. */
export function decodeGliaConfig(bytes: Uint8Array, file?: string): Result<GliaConfig> {
  const bag = new DiagnosticBag(file);
  const cannot = (reason: string) => fail<GliaConfig>([makeDiagnostic("TP4001", ROOT, { reason }, file !== undefined ? { file } : {})]);
  if (bytes.length === 0) return cannot("the file is empty");
  // Another format is named as such before its body is decoded as a glia config.
  const format = peekFormat(bytes);
  if (format !== undefined && !checkGliaFormat(format, bag.report)) return fail(bag.items);
  const trailer = bytes.length - CHECKSUM_BYTES;
  if (trailer < 0 || bytes[trailer] !== CHECKSUM_TAG[0] || bytes[trailer + 1] !== CHECKSUM_TAG[1]) {
    return cannot("it does not end with its checksum, so it was probably cut short");
  }
  const at = trailer + CHECKSUM_TAG.length;
  const stored = (bytes[at] | (bytes[at + 1] << 8) | (bytes[at + 2] << 16) | (bytes[at + 3] << 24)) >>> 0;
  if (stored !== fnv1a(bytes, 0, trailer)) return cannot("its checksum does not match its contents, so it was corrupted");
  let object: Record<string, unknown>;
  try {
    const type = gliaConfigType();
    const message = type.decode(bytes.subarray(0, trailer));
    object = type.toObject(message, { defaults: true, arrays: true, objects: true, longs: Number }) as Record<string, unknown>;
  } catch (error) {
    return cannot(describeDecodeError(error));
  }
  if (!checkGliaFormat(object.format, bag.report)) return fail(bag.items);
  return readGliaConfigObject(object, file);
}


