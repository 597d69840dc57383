import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classifyInbound, isLikelyRevocation, optInKeywords, optOutKeywords } from './keywords';

describe('classifyInbound keywords', () => {
  it.each([
    ['STOP', 'STOP'],
    ['stop', 'STOP'],
    ['Stop', 'STOP'],
    ['  stop  ', 'STOP'],
    ['stop\n', 'STOP'],
    ['STOP.', 'STOP'],
    ['Stop!!!', 'STOP'],
    ['"STOP"', 'STOP'],
    ['¡stop!', 'STOP'],
    ['stop 🛑', 'STOP'],
    ['ＳＴＯＰ', 'STOP'],
    ['STOPALL', 'STOPALL'],
    ['stopall', 'STOPALL'],
    ['Unsubscribe', 'UNSUBSCRIBE'],
    ['cancel', 'CANCEL'],
    ['END', 'END'],
    ['quit.', 'QUIT'],
    ['Revoke', 'REVOKE'],
    ['optout', 'OPTOUT'],
    ['OPTOUT!', 'OPTOUT'],
  ])('%j is the opt-out keyword %s', (body, keyword) => {
    expect(classifyInbound(body)).toEqual({ kind: 'opt-out', keyword });
  });

  it.each([
    ['START', 'START'],
    ['start', 'START'],
    ['Yes', 'YES'],
    ['yes!', 'YES'],
    ['UNSTOP', 'UNSTOP'],
  ])('%j is the opt-in keyword %s', (body, keyword) => {
    expect(classifyInbound(body)).toEqual({ kind: 'opt-in', keyword });
  });

  it.each([
    ['HELP', 'HELP'],
    ['help?', 'HELP'],
    ['Info', 'INFO'],
  ])('%j is the help keyword %s', (body, keyword) => {
    expect(classifyInbound(body)).toEqual({ kind: 'help', keyword });
  });

  it.each([
    'STOP PLEASE',
    'please stop',
    'stop it',
    'STOP STOP',
    'S T O P',
    'stopp',
    'stop by the office tomorrow',
    'opt out',
    'opt-out',
    'yes please',
    'yes, that works',
    'Help me with my case',
    'info about the hearing?',
    'start date is Monday',
    'the end',
    '',
    '   ',
  ])('%j is free text, not a keyword', (body) => {
    expect(classifyInbound(body).kind).toBe('text');
  });

  it('recognises every keyword in any case with any surrounding punctuation or spaces', () => {
    const keyword = fc.constantFrom(...optOutKeywords, ...optInKeywords, 'HELP', 'INFO');
    const edge = fc.array(fc.constantFrom(' ', '\t', '\n', '.', '!', '?', ',', '"', "'", '*', '🙏'), {
      maxLength: 4,
    });
    fc.assert(
      fc.property(
        keyword,
        fc.array(fc.boolean(), { minLength: 16, maxLength: 16 }),
        edge,
        edge,
        (k, upper, pre, post) => {
          const cased = [...k].map((c, i) => (upper[i] ? c.toUpperCase() : c.toLowerCase())).join('');
          const result = classifyInbound(`${pre.join('')}${cased}${post.join('')}`);
          expect(result.kind).not.toBe('text');
          expect('keyword' in result && result.keyword).toBe(k);
        },
      ),
    );
  });

  it('never treats a keyword followed by another word as the keyword', () => {
    fc.assert(
      fc.property(fc.constantFrom(...optOutKeywords), fc.stringMatching(/^[a-z]{2,8}$/), (k, word) => {
        expect(classifyInbound(`${k} ${word}`).kind).toBe('text');
      }),
    );
  });
});

describe('isLikelyRevocation', () => {
  it.each([
    'STOP PLEASE',
    'please stop',
    'Stop it now!',
    'yes stop',
    'stop stop stop',
    'STOP ALL',
    'Stop all texts',
    'please stop texting me',
    'Please STOP texting me.',
    'stop sending me messages',
    'Stop sending me these texts',
    'quit messaging me',
    'Stop contacting me',
    "don't text me anymore",
    'Dont text me again',
    'do not contact me',
    'Do NOT message me here, email me instead',
    'never text this number again',
    'no more texts please',
    'No more messages!',
    'remove me from your list',
    'Take me off your mailing list',
    'remove my number from the list',
    'unsubscribe me',
    'How do I unsubscribe?',
    'I want to opt out',
    'opt-out',
    'OPT OUT',
    'I revoke my consent to be texted',
    'I am withdrawing consent',
    'leave me alone',
    'Wrong number',
    'Stop texting me’ — it’s late',
    'cancel please',
  ])('%j is flagged for review', (body) => {
    expect(isLikelyRevocation(body)).toBe(true);
    expect(classifyInbound(body)).toEqual({ kind: 'text', likelyRevocation: true });
  });

  it.each([
    'stop by the office tomorrow',
    'I can stop by at 3',
    'Can you stop the payment?',
    'please don’t stop texting me updates',
    "Don't stop messaging me, this is helpful",
    'I want to cancel my appointment',
    'When does the case end?',
    'The end of the month works',
    'I quit my job last week',
    'Did you get my text?',
    'Text me when the documents are ready',
    'No messages from the court yet',
    'Please remove the old address from my file',
    'Thanks, see you then',
    'Yes',
    'ok',
    'The bus stop on Main St',
    'My husband will text you',
    '',
  ])('%j is not flagged', (body) => {
    expect(isLikelyRevocation(body)).toBe(false);
  });

  it('leaves exact keywords to the keyword rule', () => {
    expect(classifyInbound('STOP')).toEqual({ kind: 'opt-out', keyword: 'STOP' });
    expect(classifyInbound('STOP PLEASE')).toEqual({ kind: 'text', likelyRevocation: true });
    expect(classifyInbound('stop by the office tomorrow')).toEqual({ kind: 'text', likelyRevocation: false });
  });
});
