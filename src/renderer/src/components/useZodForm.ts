import { zodResolver } from '@hookform/resolvers/zod';
import { useState, type BaseSyntheticEvent } from 'react';
import { useForm, type FieldValues, type Resolver, type UseFormProps, type UseFormReturn } from 'react-hook-form';
import type { z } from 'zod';
import { applyServerError, type ServerErrorOptions } from '../lib/server-errors';

/**
 * A react-hook-form form validated by a shared zod schema. The form holds what the inputs hold
 * (mostly text); the schema parses that into what main expects. The resolver's types cannot say
 * that the schema's input differs from the form's values, so the one cast for it lives here.
 *
 * `submitWith(save)` is the usual submit: it clears the form-level message, runs `save` with the
 * parsed values and, if main refuses, puts each field's message on its field and the overall one
 * in `formError` (show it with `<FormError message={formError} />`).
 */
export type ZodForm<TSchema extends z.ZodType, TValues extends FieldValues> = UseFormReturn<
  TValues,
  unknown,
  z.output<TSchema>
> & {
  formError: string | null;
  setFormError(message: string | null): void;
  submitWith(
    save: (values: z.output<TSchema>) => Promise<unknown>,
    errorOptions?: ServerErrorOptions,
  ): (event?: BaseSyntheticEvent) => Promise<void>;
};

export function useZodForm<TSchema extends z.ZodType, TValues extends FieldValues>(
  schema: TSchema,
  options: Omit<UseFormProps<TValues, unknown, z.output<TSchema>>, 'resolver' | 'defaultValues'> & {
    defaultValues: TValues;
  },
): ZodForm<TSchema, TValues> {
  const form = useForm<TValues, unknown, z.output<TSchema>>({
    ...(options as UseFormProps<TValues, unknown, z.output<TSchema>>),
    resolver: zodResolver(schema as never) as unknown as Resolver<TValues, unknown, z.output<TSchema>>,
  });
  const [formError, setFormError] = useState<string | null>(null);
  const submitWith = (save: (values: z.output<TSchema>) => Promise<unknown>, errorOptions?: ServerErrorOptions) =>
    form.handleSubmit(async (values) => {
      setFormError(null);
      try {
        await save(values);
      } catch (error) {
        applyServerError(error, form.setError, setFormError, errorOptions);
      }
    });
  return { ...form, formError, setFormError, submitWith };
}
