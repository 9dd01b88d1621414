import { z } from 'zod';
import {
  contract,
  isChannelName,
  type ChannelName,
  type Feature,
  type FeatureOf,
  type OutputOf,
  type ParsedInputOf,
} from '../shared/contract';
import { findPrototypeKey } from '../shared/prototype-keys';
import { AppError, type AppErrorPayload, type Result } from '../shared/result';
import { logError } from './log-safe';

export type Handler<C extends ChannelName> = (input: ParsedInputOf<C>) => Promise<OutputOf<C>> | OutputOf<C>;
export type Handlers = { [C in ChannelName]: Handler<C> };
/** The part of the registry one feature provides; the compiler checks the union covers every channel. */
export type HandlersFor<F extends Feature> = { [C in ChannelName as FeatureOf<C> extends F ? C : never]: Handler<C> };

/** The message for a key the channel does not declare: inputs are strict, so nothing is dropped silently. */
export function unknownFieldMessage(key: string): string {
  return `Unknown field “${key}”`;
}

/** Turns zod issues into `{ "field.path": "message" }`, first message per field; each unknown key is a field of its own. */
export function fieldErrors(error: z.ZodError): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const path = issue.path.map(String);
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) fields[[...path, key].join('.')] ??= unknownFieldMessage(key);
      continue;
    }
    fields[path.join('.') || '_'] ??= issue.message;
  }
  return fields;
}

/** An input that uses `__proto__`, `constructor` or `prototype` as a field name, named, under its parent's path. */
export function prototypeKeyRefusal(keyPath: string): AppErrorPayload {
  if (keyPath === '(too deep)') {
    const message = 'The input is nested too deeply to be read.';
    return { code: 'invalid_input', message, fields: { _: message } };
  }
  const parts = keyPath.split('.');
  const message = `“${parts.at(-1)}” cannot be used as a field name`;
  return { code: 'invalid_input', message, fields: { [parts.slice(0, -1).join('.') || '_']: message } };
}

export function invalidInput(error: z.ZodError): AppErrorPayload {
  const fields = fieldErrors(error);
  const messages = Object.values(fields);
  return {
    code: 'invalid_input',
    message: messages.length === 1 ? messages[0]! : `${messages.length} fields need attention`,
    fields,
  };
}

/**
 * The one entry point both transports call: validate with the channel's schema, run the
 * handler, and wrap the answer. Errors carry a code and a message, never a stack or row data.
 */
export async function dispatch(handlers: Handlers, channel: string, rawInput: unknown): Promise<Result<unknown>> {
  if (!isChannelName(channel)) {
    return {
      ok: false,
      error: { code: 'unknown_channel', message: `There is no channel called “${channel.slice(0, 80)}”.` },
    };
  }
  // Refused by name before zod sees it: `{ "__proto__": … }` once answered "0 fields need attention".
  const prototypeKey = findPrototypeKey(rawInput);
  if (prototypeKey !== null) return { ok: false, error: prototypeKeyRefusal(prototypeKey) };
  const parsed = contract[channel].input.safeParse(rawInput);
  if (!parsed.success) return { ok: false, error: invalidInput(parsed.error) };
  try {
    const handler = handlers[channel] as (input: unknown) => Promise<unknown> | unknown;
    return { ok: true, data: await handler(parsed.data) };
  } catch (error) {
    if (error instanceof AppError) return { ok: false, error: error.toPayload() };
    if (error instanceof z.ZodError) return { ok: false, error: invalidInput(error) };
    // The error's kind and where it was thrown go to this process's log (never what was stored); the
    // caller learns only that something went wrong.
    logError(`[${channel}] failed:`, error);
    return {
      ok: false,
      error: {
        code: 'internal',
        message: 'Something went wrong while saving or loading. Nothing was changed; please try again.',
      },
    };
  }
}
