import { describe, expect, it } from '@jest/globals';
import { BodyIssues } from '@skills-passport/core';

describe('BodyIssues', () => {
  it('reads a text trimmed, and notes one that is missing, empty or too long under its own name', () => {
    const found = new BodyIssues();
    expect(found.text({ title: '  Zorghulp  ' }, 'title', 20, 'Give a title.')).toBe('Zorghulp');
    expect(found.issues).toEqual([]);
    for (const body of [{}, { title: 7 }, { title: '   ' }, { title: 'x'.repeat(21) }]) {
      const one = new BodyIssues();
      one.text(body, 'title', 20, 'Give a title.');
      expect(one.issues).toEqual([{ pointer: '/title', rule: 'title', message: 'Give a title.' }]);
    }
  });

  it('takes an absent or boolean flag, and notes anything else at its pointer', () => {
    const found = new BodyIssues();
    found.flag({}, 'required');
    found.flag({ required: false }, 'required', '/skills/0');
    expect(found.issues).toEqual([]);
    found.flag({ required: 'yes' }, 'required', '/skills/1');
    found.flag({ askForName: 1 }, 'askForName');
    expect(found.issues).toEqual([
      { pointer: '/skills/1/required', rule: 'type', message: '"required" is true or false.' },
      { pointer: '/askForName', rule: 'type', message: '"askForName" is true or false.' },
    ]);
  });

  it('reads a list of 1 to max entries, each as an object', () => {
    const found = new BodyIssues();
    expect(found.list({ skills: [{ uri: 'a' }, 'b', null] }, 'skills', 3, 'List skills.')).toEqual([
      { uri: 'a' },
      {},
      {},
    ]);
    expect(found.issues).toEqual([]);
    for (const body of [{}, { skills: [] }, { skills: [{}, {}, {}, {}] }, { skills: { uri: 'a' } }]) {
      const one = new BodyIssues();
      expect(one.list(body, 'skills', 3, 'List skills.')).toBeUndefined();
      expect(one.issues).toEqual([{ pointer: '/skills', rule: 'skills', message: 'List skills.' }]);
    }
  });

  it('keeps what it notes in the order found', () => {
    const found = new BodyIssues();
    found.add('/id', 'pattern', 'Bad id.');
    found.text({}, 'name', 10, 'Give a name.');
    expect(found.issues.map((issue) => issue.pointer)).toEqual(['/id', '/name']);
  });
});
