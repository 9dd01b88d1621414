import fs from 'node:fs';
import { HANDOVER_CONTENT, HANDOVER_MESSAGES } from '../../../shared/handover';
import { findPrototypeKey } from '../../../shared/prototype-keys';
import { AppError } from '../../../shared/result';
import {
  BACKUP_CONTENT,
  commitTempFile,
  EnvelopeError,
  makeSlot,
  parseEnvelope,
  randomKey,
  readEnvelopeBody,
  unwrapAny,
  writeEnvelopeTemp,
} from '../backups';
import {
  HANDOVER_PAYLOAD_VERSION,
  handoverPayloadSchema,
  payloadVersionSchema,
  type HandoverPayload,
} from './handover-payload';
import { payloadShapeProblems, rulesError } from './handover-rules';
import { parseTransferPhrase, phraseBytes } from './transfer-phrase';

/** The envelope's largest frame; the whole payload is frame 0. */
const MAX_PAYLOAD_BYTES = 16 * 1024 * 1024;
const MIN_CHUNK = 1024 * 1024;

const fileError = (code: 'invalid_input' | 'conflict', message: string) =>
  new AppError(code, message, { file: message });
const damaged = () => fileError('invalid_input', HANDOVER_MESSAGES.damaged);
const newer = () => fileError('conflict', HANDOVER_MESSAGES.newerVersion);

/**
 * Writes `payload` (any JSON: tests write newer versions with it) to `target`, encrypted under a fresh
 * content key that only the transfer phrase's key slot (scrypt) unwraps. Temp name, fsync, rename.
 */
export async function writeHandoverEnvelope(
  target: string,
  payload: unknown,
  phrase: readonly string[],
  createdAt: string,
): Promise<void> {
  const metadata = Buffer.from(JSON.stringify(payload), 'utf8');
  if (metadata.length > MAX_PAYLOAD_BYTES) throw new AppError('invalid_input', HANDOVER_MESSAGES.tooLarge);
  const contentKey = randomKey();
  const slot = await makeSlot({ kind: 'transfer-phrase', bytes: phraseBytes(phrase) }, 'content-key', contentKey);
  const temp = writeEnvelopeTemp(target, {
    content: HANDOVER_CONTENT,
    createdAt,
    slots: [slot],
    contentKey,
    metadata: payload,
    chunkSize: Math.max(MIN_CHUNK, metadata.length),
  });
  try {
    commitTempFile(temp, target);
  } catch (error) {
    fs.rmSync(temp, { force: true });
    throw error;
  }
}

export function writeHandoverFile(target: string, payload: HandoverPayload, phrase: readonly string[]): Promise<void> {
  return writeHandoverEnvelope(target, payload, phrase, payload.madeAt);
}

/**
 * Checks the whole file and returns its payload; writes nothing. Each failure has its own message:
 * not a handover, a backup instead, damaged or cut short, newer version (envelope or payload), a
 * mistyped word (named), a phrase that does not open it.
 */
export async function openHandoverFile(file: string, typedPhrase: string): Promise<HandoverPayload> {
  try {
    const parsed = parseEnvelope(file);
    if (parsed.header.content === BACKUP_CONTENT) throw fileError('invalid_input', HANDOVER_MESSAGES.backupNotHandover);
    if (parsed.header.content !== HANDOVER_CONTENT) throw fileError('invalid_input', HANDOVER_MESSAGES.notAHandover);
    const words = parseTransferPhrase(typedPhrase);
    const opened = await unwrapAny(
      parsed.header.slots,
      { kind: 'transfer-phrase', bytes: phraseBytes(words) },
      'content-key',
    );
    if (!opened.ok) {
      if (opened.reason === 'damaged') throw damaged();
      throw new AppError('forbidden', HANDOVER_MESSAGES.wrongPhrase, { phrase: HANDOVER_MESSAGES.wrongPhrase });
    }
    const raw = readEnvelopeBody(parsed, opened.key);
    const prototypeKey = findPrototypeKey(raw);
    if (prototypeKey !== null)
      throw fileError(
        'invalid_input',
        `This handover file has a field called “${prototypeKey.split('.').at(-1)}”, which no handover file has: it was not made by TPD Companion, or it was altered. Nothing was imported.`,
      );
    const version = payloadVersionSchema.safeParse(raw);
    if (!version.success) throw damaged();
    if (version.data.payloadVersion > HANDOVER_PAYLOAD_VERSION) throw newer();
    const payload = handoverPayloadSchema.safeParse(raw);
    if (!payload.success) {
      // It opened with the phrase, so it is what someone wrote: name the rows that are not what a sender writes.
      const problems = payloadShapeProblems(payload.error);
      throw problems ? rulesError(problems) : damaged();
    }
    return payload.data as HandoverPayload;
  } catch (error) {
    if (!(error instanceof EnvelopeError)) throw error;
    if (error.reason === 'newer_version') throw newer();
    if (error.reason === 'not_envelope') throw fileError('invalid_input', HANDOVER_MESSAGES.notAHandover);
    if (error.reason === 'too_costly') throw fileError('invalid_input', HANDOVER_MESSAGES.tooCostly);
    throw damaged();
  }
}
