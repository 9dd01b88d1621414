// What other features (handover files and their uploads) use of the one encrypted envelope and its key slots.
export { EnvelopeError, parseEnvelope, readEnvelopeBody, writeEnvelopeTemp, type ParsedEnvelope } from './envelope';
export { makeSlot, unwrapAny, type Secret } from './key-slots';
export { randomKey, sameBytes, scryptKey, SCRYPT_PARAMS } from './crypto';
export { commitTempFile, writeFileAtomic } from './atomic-file';
export { BACKUP_CONTENT } from './backup-file';
export { withUploadedFile } from './uploaded-file';
