/** Props for a date typed the UK way (7/8/2024 or 07/08/2024) whatever the browser's language; the shared schemas read it. */
export const DATE_INPUT = {
  type: 'text',
  inputMode: 'numeric',
  placeholder: 'dd/mm/yyyy',
  autoComplete: 'off',
} as const;
