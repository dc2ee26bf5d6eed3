/** CSV accounts files: errors name the file's own line numbers, comments, blanks and quoted breaks counted. */
import { describe, expect, it } from 'vitest';
import { csvRecords, parseAccountsText } from '../../../src/cli/accountsFile.js';
import { UsageError } from '../../../src/cli/exitCodes.js';

function problems(text: string): readonly string[] {
  try {
    parseAccountsText(text, 'accounts.csv');
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as UsageError).details;
  }
  throw new Error('expected the file to be refused');
}

describe('CSV accounts file line numbers', () => {
  it('names the line of each bad entry, counting comments and blank lines', () => {
    const text = [
      '# accounts to report on', // 1
      'account_id,account_name,environment', // 2
      '111111111111,ok,Prod', // 3
      '', // 4
      '# a comment in the middle', // 5
      '1234,short-id,', // 6
      '222222222222,bad-env,QA', // 7
    ].join('\n');
    expect(problems(text)).toEqual([
      'line 6: account_id: account_id must be 12 digits',
      expect.stringMatching(/^line 7: environment: /),
    ]);
  });

  it('counts line breaks inside quoted cells, CRLF files and a byte order mark', () => {
    const text = '\uFEFFaccount_id,account_name\r\n111111111111,"two\r\nlines"\r\n12,x\r\n';
    expect(problems(text)).toEqual(['line 4: account_id: account_id must be 12 digits']);
    expect(csvRecords('a,b\n"x\ny",z\n\nq,r')).toEqual([
      { line: 1, cells: ['a', 'b'] },
      { line: 2, cells: ['x\ny', 'z'] },
      { line: 5, cells: ['q', 'r'] },
    ]);
  });

  it('keeps JSON entries named by index, and names the header line of a CSV without the columns', () => {
    expect(problems('[{"account_id":"1","account_name":"a"}]')).toEqual([
      '[0].account_id: account_id must be 12 digits',
    ]);
    expect(() => parseAccountsText('\n# c\nid_only\n111111111111', 'a.csv')).toThrow(
      /CSV header must name account_id and account_name columns \(line 3: id_only\)/,
    );
  });
});
