import { describe, expect, it } from 'vitest';
import { parseAccountsText, splitCsvLine } from '../../../src/cli/accountsFile.js';

describe('accounts file', () => {
  it('reads a JSON array in the event account shape', () => {
    const text = JSON.stringify([
      { account_id: '111111111111', account_name: 'prod-a', environment: 'Prod', tags: { Owner: 'x' } },
      { account_id: '222222222222', account_name: 'dev-b' },
    ]);
    expect(parseAccountsText(text, 'f.json')).toEqual({
      accounts: [
        { account_id: '111111111111', account_name: 'prod-a', environment: 'Prod', tags: { Owner: 'x' } },
        { account_id: '222222222222', account_name: 'dev-b' },
      ],
      skipped: [],
    });
  });

  it('reads {"accounts": [...]}', () => {
    const text = JSON.stringify({ accounts: [{ account_id: '111111111111', account_name: 'a' }] });
    expect(parseAccountsText(text, 'f.json').accounts).toHaveLength(1);
  });

  it('reads aws organizations list-accounts output, carrying non-ACTIVE accounts as skipped', () => {
    const text = JSON.stringify({
      Accounts: [
        { Id: '111111111111', Name: 'a', State: 'ACTIVE' },
        { Id: '222222222222', Name: 'b', Status: 'SUSPENDED' },
        { Id: '333333333333', Name: 'c', State: 'CLOSED', Status: 'SUSPENDED' },
      ],
    });
    expect(parseAccountsText(text, 'org.json')).toEqual({
      accounts: [{ account_id: '111111111111', account_name: 'a' }],
      skipped: [
        { account_id: '222222222222', account_name: 'b', state: 'SUSPENDED' },
        { account_id: '333333333333', account_name: 'c', state: 'CLOSED' },
      ],
    });
  });

  it('reads CSV with a header, environment, tag columns, quotes and comments', () => {
    const text = [
      '\uFEFF# accounts to report on',
      'Account ID,Name,environment,tag:Owner,tag:Cost Center',
      '111111111111,"prod, app",Prod,team-a,',
      '',
      '222222222222,dev-b,,,"CC ""7"""',
    ].join('\r\n');
    expect(parseAccountsText(text, 'a.csv').accounts).toEqual([
      {
        account_id: '111111111111',
        account_name: 'prod, app',
        environment: 'Prod',
        tags: { Owner: 'team-a' },
      },
      { account_id: '222222222222', account_name: 'dev-b', tags: { 'Cost Center': 'CC "7"' } },
    ]);
  });

  it.each([
    ['', /is empty/],
    ['{ nope', /not valid JSON/],
    ['{"x": 1}', /must hold an array of accounts/],
    ['[{"account_id": "12", "account_name": "a"}]', /\[0\]\.account_id: account_id must be 12 digits/],
    ['[{"account_id": "111111111111", "account_name": "a", "environment": "QA"}]', /\[0\]\.environment/],
    ['id_only\n111111111111', /CSV header must name account_id and account_name/],
    ['account_id,account_name\n1234,a', /line 2: account_id: account_id must be 12 digits/],
  ])('rejects %j with a message naming the problem', (text, message) => {
    expect(() => parseAccountsText(text, 'accounts.txt')).toThrow(message);
  });

  it('names the line of the file, counting comments, blank lines and quoted line breaks', () => {
    const text = [
      '# header comment',
      'account_id,account_name',
      '',
      '111111111111,"a name',
      'on two lines"',
      '   # indented comment',
      '22,short',
    ].join('\n');
    expect(() => parseAccountsText(text, 'a.csv')).toThrow(
      /line 7: account_id: account_id must be 12 digits/,
    );
  });

  it('names the line of a CSV syntax error', () => {
    expect(() => parseAccountsText('account_id,account_name\n111111111111,"open', 'a.csv')).toThrow(/line 2/);
  });

  it('splits CSV lines per RFC 4180', () => {
    expect(splitCsvLine('a,"b,c","d ""e""",')).toEqual(['a', 'b,c', 'd "e"', '']);
  });
});
