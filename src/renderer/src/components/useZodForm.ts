import { zodResolver } from '@hookform/resolvers/zod';
import { useForm, type FieldValues, type Resolver, type UseFormProps } from 'react-hook-form';
import type { z } from 'zod';

/**
 * A react-hook-form form validated by a shared zod schema. The form holds what the inputs hold
 * (mostly text); the schema parses that into what main expects. The resolver's types cannot say
 * that the schema's input differs from the form's values, so the one cast for it lives here.
 */
export function useZodForm<TSchema extends z.ZodType, TValues extends FieldValues>(
  schema: TSchema,
  options: Omit<UseFormProps<TValues, unknown, z.output<TSchema>>, 'resolver' | 'defaultValues'> & {
    defaultValues: TValues;
  },
) {
  return useForm<TValues, unknown, z.output<TSchema>>({
    ...(options as UseFormProps<TValues, unknown, z.output<TSchema>>),
    resolver: zodResolver(schema as never) as unknown as Resolver<TValues, unknown, z.output<TSchema>>,
  });
}
