import { describe, expect, it } from 'vitest';
import { compareMailboxThreads, mailboxRiskRefusal, mailboxThreadState } from './index.js';

describe('mailbox rules', () => {
  it('a thread waits until a teacher speaks last', () => {
    expect(mailboxThreadState([{ author: 'student' }])).toBe('waiting');
    expect(mailboxThreadState([{ author: 'student' }, { author: 'teacher' }])).toBe('answered');
    expect(mailboxThreadState([{ author: 'student' }, { author: 'teacher' }, { author: 'student' }])).toBe('waiting');
  });

  it('refuses a risk mark on an anonymous thread only', () => {
    expect(mailboxRiskRefusal({ anonymous: true })).toBe('anonymous');
    expect(mailboxRiskRefusal({ anonymous: false })).toBeNull();
  });

  it('puts unanswered letters first, the oldest first, then answered ones newest first', () => {
    const t = (state: 'waiting' | 'answered', at: number) => ({ state, lastAt: new Date(at) });
    const sorted = [t('answered', 1), t('waiting', 5), t('answered', 9), t('waiting', 2)].sort(compareMailboxThreads);
    expect(sorted.map((x) => `${x.state}:${x.lastAt.getTime()}`)).toEqual([
      'waiting:2',
      'waiting:5',
      'answered:9',
      'answered:1',
    ]);
  });
});
