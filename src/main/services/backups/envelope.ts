import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { z } from 'zod';
import { GCM_NONCE_LENGTH, GCM_TAG_LENGTH, KEY_LENGTH, open, seal } from './crypto';
import { keySlotSchema, slotsWithinBounds, type KeySlot } from './key-slots';
import { commitTempFile, tempNameFor } from './atomic-file';

/**
 * The one encrypted file format for everything that leaves the database (backups now, handovers
 * later). Layout, all integers big-endian:
 *
 *   0     8  magic "\x89TPDENC\n" (the high byte and line end catch text-mode and 7-bit mangling)
 *   8     2  major format version: a reader refuses a higher one ("made by a newer version")
 *   10    2  minor format version: additions an older reader may ignore
 *   12    4  header length H (at most 1 MiB)
 *   16    H  header, UTF-8 JSON: what the content is, when it was made, the chunk size and the key
 *            slots (each with its KDF name, parameters, salt and check value). It names no person.
 *   16+H 32  SHA-256 of bytes 0…16+H: accidental damage to the header reads as "damaged" rather than
 *            as a newer version or a wrong secret. (Tampering is caught by the AAD below.)
 *   then frames until the end of the file, each
 *            4  plaintext length L (at most the chunk size)
 *            12 random nonce
 *            L  AES-256-GCM ciphertext under the file's content key
 *            16 tag
 *            AAD = SHA-256(bytes 0…16+H) ‖ frame index (8) ‖ final flag (1) ‖ L (4)
 *
 * Frame 0 is the metadata (JSON), frames 1… the content. The final flag is set on the last frame
 * only, and a reader authenticates each frame with final = "this frame ends the file", so a
 * changed header, a flipped byte, reordered frames, a cut or appended data all fail. Readers check
 * the whole file before writing anything where it counts.
 */
export const ENVELOPE_MAGIC = Buffer.from([0x89, 0x54, 0x50, 0x44, 0x45, 0x4e, 0x43, 0x0a]);
export const FORMAT_MAJOR = 1;
export const FORMAT_MINOR = 0;
const PREAMBLE = 16;
const CHECKSUM = 32;
const MAX_HEADER = 1024 * 1024;
const FRAME_OVERHEAD = 4 + GCM_NONCE_LENGTH + GCM_TAG_LENGTH;
export const DEFAULT_CHUNK_SIZE = 1024 * 1024;

export const envelopeHeaderSchema = z.object({
  content: z.string().min(1).max(100),
  createdAt: z.string().max(40),
  chunkSize: z
    .number()
    .int()
    .min(1024)
    .max(16 * 1024 * 1024),
  // Parsed up to 64 so that a file with a few too many gets its own message (see slotsWithinBounds).
  slots: z.array(keySlotSchema).max(64),
});
export type EnvelopeHeader = z.infer<typeof envelopeHeaderSchema>;

/** `too_costly`: the header asks for more key derivation than any file this app writes (checked before any). */
export type EnvelopeFailure = 'not_envelope' | 'damaged' | 'newer_version' | 'too_costly';
export class EnvelopeError extends Error {
  constructor(readonly reason: EnvelopeFailure) {
    super(`Encrypted file refused: ${reason}`);
    this.name = 'EnvelopeError';
  }
}

export interface ParsedEnvelope {
  file: string;
  header: EnvelopeHeader;
  formatVersion: string;
  headerHash: Buffer;
  bodyOffset: number;
  size: number;
}

function frameAad(headerHash: Buffer, index: number, final: boolean, length: number): Buffer {
  const aad = Buffer.alloc(32 + 8 + 1 + 4);
  headerHash.copy(aad, 0);
  aad.writeBigUInt64BE(BigInt(index), 32);
  aad.writeUInt8(final ? 1 : 0, 40);
  aad.writeUInt32BE(length, 41);
  return aad;
}

function readExactly(fd: number, length: number, position: number): Buffer | null {
  const buffer = Buffer.alloc(length);
  let read = 0;
  while (read < length) {
    const n = fs.readSync(fd, buffer, read, length - read, position + read);
    if (n === 0) return null;
    read += n;
  }
  return buffer;
}

/** Reads and checks the preamble and header; says nothing about any secret. */
export function parseEnvelope(file: string): ParsedEnvelope {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch {
    throw new EnvelopeError('not_envelope');
  }
  try {
    const size = fs.fstatSync(fd).size;
    const magic = readExactly(fd, Math.min(8, size), 0) ?? Buffer.alloc(0);
    const differing = [...ENVELOPE_MAGIC].filter((byte, i) => magic[i] !== byte).length;
    // One changed byte in the magic is damage to one of our files; more is some other file.
    if (differing > 1 || magic.length < 8)
      throw new EnvelopeError(differing <= 1 && size > 0 ? 'damaged' : 'not_envelope');
    const preamble = readExactly(fd, PREAMBLE, 0);
    if (!preamble) throw new EnvelopeError('damaged');
    const headerLength = preamble.readUInt32BE(12);
    if (headerLength > MAX_HEADER || PREAMBLE + headerLength + CHECKSUM > size) throw new EnvelopeError('damaged');
    const headerBytes = readExactly(fd, headerLength, PREAMBLE);
    const checksum = readExactly(fd, CHECKSUM, PREAMBLE + headerLength);
    if (!headerBytes || !checksum) throw new EnvelopeError('damaged');
    const headerHash = createHash('sha256').update(preamble).update(headerBytes).digest();
    if (!headerHash.equals(checksum) || differing > 0) throw new EnvelopeError('damaged');
    const major = preamble.readUInt16BE(8);
    const minor = preamble.readUInt16BE(10);
    if (major > FORMAT_MAJOR) throw new EnvelopeError('newer_version');
    if (major < 1) throw new EnvelopeError('damaged');
    let header: EnvelopeHeader;
    try {
      header = envelopeHeaderSchema.parse(JSON.parse(headerBytes.toString('utf8')));
    } catch {
      throw new EnvelopeError('damaged');
    }
    if (!slotsWithinBounds(header.slots)) throw new EnvelopeError('too_costly');
    return {
      file,
      header,
      formatVersion: `${major}.${minor}`,
      headerHash,
      bodyOffset: PREAMBLE + headerLength + CHECKSUM,
      size,
    };
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Authenticates every frame in order and hands the content to `onContent` as it goes; returns the
 * metadata. Throws EnvelopeError('damaged') on the first frame that fails, so a caller that only
 * writes to a temporary file, and commits after this returns, never keeps anything from a bad file.
 */
export function readEnvelopeBody(
  parsed: ParsedEnvelope,
  contentKey: Buffer,
  onContent?: (chunk: Buffer) => void,
): unknown {
  const fd = fs.openSync(parsed.file, 'r');
  try {
    const size = fs.fstatSync(fd).size;
    if (size !== parsed.size) throw new EnvelopeError('damaged');
    let position = parsed.bodyOffset;
    let index = 0;
    let metadata: unknown = undefined;
    let sawFinal = false;
    while (position < size) {
      const lengthBytes = readExactly(fd, 4, position);
      if (!lengthBytes) throw new EnvelopeError('damaged');
      const length = lengthBytes.readUInt32BE(0);
      const end = position + FRAME_OVERHEAD + length;
      if (length > parsed.header.chunkSize || end > size) throw new EnvelopeError('damaged');
      const frame = readExactly(fd, FRAME_OVERHEAD - 4 + length, position + 4);
      if (!frame) throw new EnvelopeError('damaged');
      const final = end === size;
      const plaintext = open(
        contentKey,
        {
          nonce: frame.subarray(0, GCM_NONCE_LENGTH),
          ciphertext: frame.subarray(GCM_NONCE_LENGTH, GCM_NONCE_LENGTH + length),
          tag: frame.subarray(GCM_NONCE_LENGTH + length),
        },
        frameAad(parsed.headerHash, index, final, length),
      );
      if (!plaintext) throw new EnvelopeError('damaged');
      if (index === 0) {
        try {
          metadata = JSON.parse(plaintext.toString('utf8'));
        } catch {
          throw new EnvelopeError('damaged');
        }
      } else onContent?.(plaintext);
      sawFinal = final;
      position = end;
      index += 1;
    }
    if (!sawFinal) throw new EnvelopeError('damaged');
    return metadata;
  } finally {
    fs.closeSync(fd);
  }
}

export interface EnvelopeInput {
  content: string;
  createdAt: string;
  slots: KeySlot[];
  contentKey: Buffer;
  metadata: unknown;
  /** A file streamed into the content frames. */
  sourceFile?: string;
  chunkSize?: number;
}

/** Writes the envelope to a temporary name beside `target`, fsynced; the caller verifies and then commits it. */
export function writeEnvelopeTemp(target: string, input: EnvelopeInput): string {
  if (input.contentKey.length !== KEY_LENGTH) throw new Error('The content key must be 32 bytes.');
  const chunkSize = input.chunkSize ?? DEFAULT_CHUNK_SIZE;
  const header: EnvelopeHeader = {
    content: input.content,
    createdAt: input.createdAt,
    chunkSize,
    slots: input.slots,
  };
  const headerBytes = Buffer.from(JSON.stringify(header), 'utf8');
  const preamble = Buffer.alloc(PREAMBLE);
  ENVELOPE_MAGIC.copy(preamble, 0);
  preamble.writeUInt16BE(FORMAT_MAJOR, 8);
  preamble.writeUInt16BE(FORMAT_MINOR, 10);
  preamble.writeUInt32BE(headerBytes.length, 12);
  const headerHash = createHash('sha256').update(preamble).update(headerBytes).digest();

  const temp = tempNameFor(target);
  const out = fs.openSync(temp, 'wx', 0o600);
  try {
    fs.writeSync(out, preamble);
    fs.writeSync(out, headerBytes);
    fs.writeSync(out, headerHash);
    const writeFrame = (index: number, plaintext: Buffer, final: boolean) => {
      const sealed = seal(input.contentKey, plaintext, frameAad(headerHash, index, final, plaintext.length));
      const length = Buffer.alloc(4);
      length.writeUInt32BE(plaintext.length, 0);
      fs.writeSync(out, Buffer.concat([length, sealed.nonce, sealed.ciphertext, sealed.tag]));
    };
    const sourceSize = input.sourceFile ? fs.statSync(input.sourceFile).size : 0;
    const frames = Math.ceil(sourceSize / chunkSize);
    writeFrame(0, Buffer.from(JSON.stringify(input.metadata), 'utf8'), frames === 0);
    if (input.sourceFile && frames > 0) {
      const source = fs.openSync(input.sourceFile, 'r');
      try {
        for (let i = 0; i < frames; i += 1) {
          const chunk = readExactly(source, Math.min(chunkSize, sourceSize - i * chunkSize), i * chunkSize);
          if (!chunk) throw new Error('The file being encrypted changed size while it was read.');
          writeFrame(i + 1, chunk, i === frames - 1);
        }
      } finally {
        fs.closeSync(source);
      }
    }
    fs.fsyncSync(out);
  } catch (error) {
    fs.closeSync(out);
    fs.rmSync(temp, { force: true });
    throw error;
  }
  fs.closeSync(out);
  return temp;
}

export { commitTempFile };
