import { describe, expect, it } from '@jest/globals';
import { detectSeparator, readCohortCsv } from './cohort-csv.js';

describe('detectSeparator', () => {
  it.each([
    ['name,email', ','],
    ['name;email', ';'],
    ['\uFEFFname;email;/credentialSubject/role\r\nA,B;c;d', ';'],
    ['name\nSanne;Bakker', ','],
    ['"na;me",email', ','],
    ['"name";"email"\n', ';'],
    ['name', ','],
  ])('reads %j as %j', (csv, expected) => {
    expect(detectSeparator(csv)).toBe(expected);
  });
});

describe('readCohortCsv', () => {
  it('gives the same rows for the same table written by English and Dutch Excel, with or without BOM', () => {
    const english = 'name,email,/credentialSubject/hoursPerWeek:json\nZoë Jansen,zoe@example.nl,"1.5"\n';
    const dutch =
      '\uFEFFname;email;/credentialSubject/hoursPerWeek:json\r\nZoë Jansen;zoe@example.nl;1.5\r\n';
    const a = readCohortCsv(english);
    const b = readCohortCsv(dutch);
    expect(a.separator).toBe(',');
    expect(b.separator).toBe(';');
    expect(b.columns).toEqual(a.columns);
    expect(b.rows).toEqual(a.rows);
    expect(b.rows).toEqual([
      { name: 'Zoë Jansen', email: 'zoe@example.nl', '/credentialSubject/hoursPerWeek:json': '1.5' },
    ]);
  });

  it.each([
    ['', 'ERR_CSV_INVALID'],
    ['email;phone\nx@example.nl;06', 'ERR_CSV_INVALID'],
    ['name;favourite colour\nSanne;blue', 'ERR_CSV_INVALID'],
    ['name;email\nSanne;a;b', 'ERR_CSV_INVALID'],
  ])('refuses %j with %s', (csv, code) => {
    expect(() => readCohortCsv(csv)).toThrow(expect.objectContaining({ code }));
  });
});
