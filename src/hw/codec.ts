/**
 * config.pb: the protobuf binary form of an HwConfig, laid out by schemas/hwconfig.proto (the
 * single source of field numbers and types, loaded at run time). Encoding walks the schema's
 * reflection and writes packed arrays straight into one growing buffer (protobufjs's own writer
 * queues one object per value, too much for 10M synapses); decoding uses protobufjs. A file that
 * is truncated, corrupted, of another format or version, or breaks an invariant gives TP40xx
 * diagnostics; decodeConfig never throws.
 */
import { join } from "node:path";
import protobuf from "protobufjs";
import { DiagnosticBag, fail, makeDiagnostic, type Result } from "../ir/diagnostics.js";
import { ROOT } from "../ir/pointer.js";
import { packageRoot } from "../targets/package-root.js";
import { assert } from "../util/assert.js";
import { checkFormat, readConfigObject } from "./config-json.js";
import type { HwConfig } from "./types.js";

/** Field number of the trailing checksum (fixed32, wire type 5). */
const CHECKSUM_FIELD = 15;
const CHECKSUM_TAG = (CHECKSUM_FIELD << 3) | 5;
const CHECKSUM_BYTES = 5; // one tag byte + 4 bytes

let configType: protobuf.Type | undefined;

/** The HwConfig message type of schemas/hwconfig.proto, loaded once. */
export function hwConfigType(): protobuf.Type {
  configType ??= protobuf.loadSync(join(packageRoot(), "schemas", "hwconfig.proto")).lookupType("tripart.hwconfig.HwConfig");
  return configType;
}

/** The binary config: the message, then its FNV-1a checksum as the last field. */
export function encodeConfig(config: HwConfig): Uint8Array {
  const out = new ByteWriter(1024);
  writeMessage(hwConfigType(), config as unknown as Record<string, unknown>, out);
  const body = out.finish();
  const bytes = new Uint8Array(body.length + CHECKSUM_BYTES);
  bytes.set(body);
  const checksum = fnv1a(body, 0, body.length);
  bytes[body.length] = CHECKSUM_TAG;
  for (let i = 0; i < 4; i++) bytes[body.length + 1 + i] = (checksum >>> (8 * i)) & 0xff;
  return bytes;
}

/** Reads config.pb bytes; every problem is a TP40xx diagnostic on `file`. */
export function decodeConfig(bytes: Uint8Array, file?: string): Result<HwConfig> {
  const bag = new DiagnosticBag(file);
  const cannot = (reason: string) => fail<HwConfig>([makeDiagnostic("TP4001", ROOT, { reason }, file !== undefined ? { file } : {})]);
  if (bytes.length === 0) return cannot("the file is empty");
  // Another format (a recording, say) is named as such before its body is decoded as a config.
  const format = peekFormat(bytes);
  if (format !== undefined && !checkFormat(format, bag.report)) return fail(bag.items);
  let message: Record<string, unknown>;
  try {
    message = hwConfigType().decode(bytes) as unknown as Record<string, unknown>;
  } catch (error) {
    return cannot(describeDecodeError(error));
  }
  if (!checkFormat(message.format, bag.report)) return fail(bag.items);
  const trailer = bytes.length - CHECKSUM_BYTES;
  if (trailer < 0 || bytes[trailer] !== CHECKSUM_TAG) return cannot("it does not end with its checksum, so it was probably cut short");
  const stored = (bytes[trailer + 1] | (bytes[trailer + 2] << 8) | (bytes[trailer + 3] << 16) | (bytes[trailer + 4] << 24)) >>> 0;
  if (stored !== fnv1a(bytes, 0, trailer)) return cannot("its checksum does not match its contents, so it was corrupted");
  return readConfigObject(message, file);
}

/** The format string when the data starts with field 1 as a complete length-delimited UTF-8 string. */
export function peekFormat(bytes: Uint8Array): string | undefined {
  if (bytes[0] !== ((1 << 3) | 2)) return undefined;
  let length = 0;
  let at = 1;
  for (let shift = 0; at < bytes.length && shift < 35; shift += 7) {
    const byte = bytes[at++];
    length += (byte & 0x7f) * 2 ** shift;
    if ((byte & 0x80) === 0) {
      if (length > 256 || at + length > bytes.length) return undefined;
      try {
        return new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(at, at + length));
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

/** A protobufjs decode failure in words a user can act on. */
export function describeDecodeError(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  if (/index out of range/i.test(text)) return "the data ends in the middle of a field";
  if (error instanceof RangeError) return "the data nests too deeply to be a config";
  return `the data is not valid protobuf (${text.replace(/\.$/, "")})`;
}

/** FNV-1a, 32 bit, over bytes[from, to). */
export function fnv1a(bytes: Uint8Array, from: number, to: number): number {
  let h = 0x811c9dc5;
  for (let i = from; i < to; i++) h = Math.imul(h ^ bytes[i], 0x01000193);
  return h >>> 0;
}

// ---------------------------------------------------------------------------------------------
// Encoding by reflection over the schema

/**
 * Writes `value`'s fields in field-number order, as protobufjs does: a present scalar even when
 * it is the default, a repeated scalar as one packed run (none when empty), a nested message
 * length-delimited. Fields absent from the value (undefined or null) are left out.
 */
function writeMessage(type: protobuf.Type, value: Record<string, unknown>, out: ByteWriter): void {
  const fields = [...type.fieldsArray].sort((a, b) => a.id - b.id);
  for (const field of fields) {
    const item = value[field.name];
    if (item === undefined || item === null) continue;
    field.resolve();
    const nested = field.resolvedType;
    if (field.repeated) {
      const items = item as ArrayLike<unknown>;
      if (items.length === 0) continue;
      if (nested instanceof protobuf.Type) {
        for (let i = 0; i < items.length; i++) writeNested(field.id, nested, items[i] as Record<string, unknown>, out);
      } else if (field.type === "string") {
        for (let i = 0; i < items.length; i++) out.string(field.id, items[i] as string);
      } else {
        out.packed(field.id, field.type, items as ArrayLike<number>);
      }
    } else if (nested instanceof protobuf.Type) {
      writeNested(field.id, nested, item as Record<string, unknown>, out);
    } else {
      out.scalar(field.id, field.type, item as number | string | boolean);
    }
  }
}

function writeNested(id: number, type: protobuf.Type, value: Record<string, unknown>, out: ByteWriter): void {
  const inner = new ByteWriter(64);
  writeMessage(type, value, inner);
  out.varint((id << 3) | 2);
  out.varint(inner.length);
  out.append(inner);
}

const textEncoder = new TextEncoder();

/** Largest buffer a writer allocates when it grows by itself (packed arrays size theirs exactly). */
const MAX_GROWTH = 1 << 20;

/**
 * A byte rope with the protobuf primitives the schema uses. Bytes go into a buffer; appending a
 * nested message adopts its chunks instead of copying them, so a 10M-entry array is copied once,
 * by finish().
 */
class ByteWriter {
  private readonly chunks: Uint8Array[] = [];
  private flushed = 0;
  private buffer: Uint8Array;
  private at = 0;
  private allocated: number;
  private readonly scratch = new DataView(new ArrayBuffer(8));

  constructor(capacity: number) {
    this.allocated = Math.max(capacity, 16);
    this.buffer = new Uint8Array(this.allocated);
  }

  get length(): number {
    return this.flushed + this.at;
  }

  /** Moves the written part of the buffer into the chunks; the rest of the buffer stays in use. */
  private flush(): void {
    if (this.at === 0) return;
    this.chunks.push(this.buffer.subarray(0, this.at));
    this.flushed += this.at;
    this.buffer = this.buffer.subarray(this.at);
    this.at = 0;
  }

  /** Makes room for `extra` bytes: a fresh buffer twice the last one's size, at most 1 MiB unless more is asked. */
  private reserve(extra: number): void {
    if (this.at + extra <= this.buffer.length) return;
    this.flush();
    this.allocated = Math.max(extra, Math.min(2 * this.allocated, MAX_GROWTH));
    this.buffer = new Uint8Array(this.allocated);
  }

  /** All bytes written, in one array. */
  finish(): Uint8Array {
    this.flush();
    const out = new Uint8Array(this.flushed);
    let at = 0;
    for (const chunk of this.chunks) {
      out.set(chunk, at);
      at += chunk.length;
    }
    return out;
  }

  /** Unsigned varint of 0 ≤ value < 2^32. */
  varint(value: number): void {
    this.reserve(5);
    let v = value >>> 0;
    while (v >= 0x80) {
      this.buffer[this.at++] = (v & 0x7f) | 0x80;
      v >>>= 7;
    }
    this.buffer[this.at++] = v;
  }

  fixed32(value: number): void {
    this.reserve(4);
    const v = value >>> 0;
    for (let i = 0; i < 4; i++) this.buffer[this.at++] = (v >>> (8 * i)) & 0xff;
  }

  double(value: number): void {
    this.reserve(8);
    this.scratch.setFloat64(0, value, true);
    for (let i = 0; i < 8; i++) this.buffer[this.at++] = this.scratch.getUint8(i);
  }

  /** Adopts everything `other` wrote, after what this writer holds. */
  append(other: ByteWriter): void {
    this.flush();
    other.flush();
    for (const chunk of other.chunks) this.chunks.push(chunk);
    this.flushed += other.flushed;
  }

  string(id: number, value: string): void {
    const encoded = textEncoder.encode(value);
    this.varint((id << 3) | 2);
    this.varint(encoded.length);
    this.reserve(encoded.length);
    this.buffer.set(encoded, this.at);
    this.at += encoded.length;
  }

  scalar(id: number, type: string, value: number | string | boolean): void {
    switch (type) {
      case "string":
        this.string(id, value as string);
        return;
      case "double":
        this.varint((id << 3) | 1);
        this.double(value as number);
        return;
      case "fixed32":
        this.varint((id << 3) | 5);
        this.fixed32(value as number);
        return;
      case "uint32":
      case "bool":
        this.varint(id << 3);
        this.varint(typeof value === "boolean" ? (value ? 1 : 0) : (value as number));
        return;
      case "sint32": {
        const x = value as number;
        this.varint(id << 3);
        this.varint(((x << 1) ^ (x >> 31)) >>> 0);
        return;
      }
      default:
        assert(false, `codec: the schema uses scalar type '${type}', which the encoder does not write`);
    }
  }

  /** A packed run of varint (uint32, bool, sint32) or double values, written in one tight loop per type. */
  packed(id: number, type: string, values: ArrayLike<number>): void {
    const n = values.length;
    const inner = new ByteWriter(n * (type === "double" ? 8 : 5) + 1);
    if (type === "double") {
      for (let i = 0; i < n; i++) inner.double(values[i]);
    } else {
      assert(type === "uint32" || type === "bool" || type === "sint32", `codec: the schema packs '${type}', which the encoder does not write`);
      const zigzag = type === "sint32";
      const bytes = inner.buffer;
      let at = 0;
      for (let i = 0; i < n; i++) {
        const x = values[i];
        let v = zigzag ? ((x << 1) ^ (x >> 31)) >>> 0 : x >>> 0;
        while (v >= 0x80) {
          bytes[at++] = (v & 0x7f) | 0x80;
          v >>>= 7;
        }
        bytes[at++] = v;
      }
      inner.at = at;
    }
    this.varint((id << 3) | 2);
    this.varint(inner.length);
    this.append(inner);
  }
}
