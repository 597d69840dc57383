import { describe, expect, it } from 'vitest';
import { answerTitle, destinationTeam, mayTransfer, transferTitle, unionAudience } from './transfer-model';

describe('mayTransfer', () => {
  it('lets the holder and supervisors transfer, nobody else', () => {
    expect(mayTransfer({ assigneeId: 'a', actorId: 'a', supervisor: false })).toBe(true);
    expect(mayTransfer({ assigneeId: 'a', actorId: 'b', supervisor: false })).toBe(false);
    expect(mayTransfer({ assigneeId: null, actorId: 'b', supervisor: false })).toBe(false);
    expect(mayTransfer({ assigneeId: 'a', actorId: 'b', supervisor: true })).toBe(true);
    expect(mayTransfer({ assigneeId: null, actorId: 'b', supervisor: true })).toBe(true);
  });
});

describe('destinationTeam', () => {
  it('takes the team named with the agent', () => {
    expect(destinationTeam({ currentTeamId: 't1', namedTeamId: 't2', agentTeamIds: ['t2', 't3'] })).toBe(
      't2',
    );
  });
  it('keeps the conversation’s team when the agent is in it', () => {
    expect(destinationTeam({ currentTeamId: 't1', namedTeamId: null, agentTeamIds: ['t0', 't1'] })).toBe(
      't1',
    );
  });
  it('moves to the agent’s first team otherwise', () => {
    expect(destinationTeam({ currentTeamId: 't1', namedTeamId: null, agentTeamIds: ['t2', 't3'] })).toBe(
      't2',
    );
  });
  it('keeps the team for an agent of no team', () => {
    expect(destinationTeam({ currentTeamId: 't1', namedTeamId: null, agentTeamIds: [] })).toBe('t1');
    expect(destinationTeam({ currentTeamId: null, namedTeamId: null, agentTeamIds: [] })).toBeNull();
  });
});

describe('unionAudience', () => {
  it('joins the users of both, once each, and keeps the permission', () => {
    expect(
      unionAudience(
        { userIds: ['a', 'b'], permission: 'message_center.view_all' },
        { userIds: ['b', 'c'], permission: 'message_center.view_all' },
      ),
    ).toEqual({ userIds: ['a', 'b', 'c'], permission: 'message_center.view_all' });
    expect(unionAudience({ userIds: ['a'] }, {})).toEqual({ userIds: ['a'] });
  });
});

describe('titles', () => {
  it('say who and what, never content', () => {
    expect(transferTitle({ by: 'Ann', mode: 'cold', toTeam: null })).toBe(
      'Ann transferred a conversation to you',
    );
    expect(transferTitle({ by: 'Ann', mode: 'cold', toTeam: 'Service' })).toBe(
      'Ann transferred a conversation to Service',
    );
    expect(transferTitle({ by: null, mode: 'warm', toTeam: null })).toBe(
      'A colleague asks you to take over a conversation',
    );
    expect(answerTitle({ by: 'Bo', outcome: 'declined' })).toBe('Bo declined the transfer');
    expect(answerTitle({ by: null, outcome: 'accepted' })).toBe('Your colleague accepted the transfer');
  });
});
