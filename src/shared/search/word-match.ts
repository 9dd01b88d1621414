/**
 * Matching people as they are typed: every word of the query must appear, in any order, in one
 * of the fields, ignoring case, accents and apostrophes ("zoe" finds "Zoë", "obrien" finds
 * "O'Brien", "farouk hannah" finds "Hannah Farouk").
 */

const APOSTROPHES = /['’‘`´]/g;
const ASCII = /^[ -~]*$/;

/** Lower case, accents and apostrophes removed, other punctuation turned into spaces. */
export function foldForSearch(text: string): string {
  // Printable ASCII has no accents to strip and lower-cases the same in every locale: the quick way.
  if (ASCII.test(text))
    return text
      .replace(APOSTROPHES, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, ' ')
      .trim();
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(APOSTROPHES, '')
    .toLocaleLowerCase('en-GB')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** The query's words, folded; an empty query has none (and matches everything). */
export function queryWords(query: string): string[] {
  const folded = foldForSearch(query);
  return folded === '' ? [] : folded.split(' ');
}

/**
 * Prepares the fields once (a register of 10,000 is filtered on every keystroke), so that each
 * test is a few `includes` calls.
 */
export function searchableText(fields: ReadonlyArray<string | null | undefined>): string {
  return ` ${fields
    .filter((f): f is string => typeof f === 'string' && f !== '')
    .map(foldForSearch)
    .join(' ')} `;
}

/** True when every word starts a word of the text (or, for longer words, appears inside one). */
export function matchesEveryWord(words: readonly string[], text: string): boolean {
  return words.every((word) => text.includes(word.length >= 3 ? word : ` ${word}`));
}
