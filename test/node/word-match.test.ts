import { describe, expect, it } from 'vitest';
import { foldForSearch, matchesEveryWord, queryWords, searchableText } from '../../src/shared/search/word-match';

const hannah = searchableText(['Hannah', null, 'Farouk', '7123456', 'GP - Northtown VTS', 'Dr Ruth Okafor']);
const zoe = searchableText(['Zoë', 'Zoe', 'Smith', '7000001', 'GP - Easton', 'Dr A Lee']);
const siobhan = searchableText(['Siobhán', '', "O'Brien", '7000002', 'GP - Easton', null]);

const finds = (query: string, text: string) => matchesEveryWord(queryWords(query), text);

describe('finding people as they are typed', () => {
  it('matches every word of the query in any order, across names', () => {
    expect(finds('Hannah Farouk', hannah)).toBe(true);
    expect(finds('farouk hannah', hannah)).toBe(true);
    expect(finds('hannah smith', hannah)).toBe(false);
  });

  it('ignores case, accents and apostrophes', () => {
    expect(finds('Zoe Smith', zoe)).toBe(true);
    expect(finds('ZOË', zoe)).toBe(true);
    expect(finds('obrien', siobhan)).toBe(true);
    expect(finds("o'brien siobhan", siobhan)).toBe(true);
    expect(foldForSearch('Siobhán O’Brien-Ní Dhúill')).toBe('siobhan obrien ni dhuill');
  });

  it('searches the GMC number, programme and supervisor too', () => {
    expect(finds('7123456', hannah)).toBe(true);
    expect(finds('northtown okafor', hannah)).toBe(true);
  });

  it('matches a short word only at the start of a word, so "a" does not find everyone', () => {
    expect(finds('ha', hannah)).toBe(true);
    expect(finds('an', hannah)).toBe(false);
    expect(finds('nnah', hannah)).toBe(true);
  });

  it('an empty or punctuation-only query matches everyone', () => {
    expect(queryWords('  ')).toEqual([]);
    expect(queryWords(" ' - ")).toEqual([]);
    expect(finds('', hannah)).toBe(true);
  });
});
