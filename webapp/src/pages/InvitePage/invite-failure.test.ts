import { describe, expect, it } from 'vitest';
import { inviteFailureMessage, inviteStateMessage } from './invite-failure';

describe('inviteFailureMessage', () => {
  it('calls an unknown, revoked or malformed invite unknown', () => {
    expect(inviteFailureMessage({ code: 'NOT_FOUND', detail: 'This invite was not found' })).toBe(
      'invite.error.unknown',
    );
    expect(inviteFailureMessage({ code: 'BAD_USER_INPUT', detail: 'This is not an invite token' })).toBe(
      'invite.error.unknown',
    );
  });

  it('tells the server’s conflicts apart by their reason, not their words', () => {
    // The words are another conflict's: only the reason counts.
    const conflict = (reason: 'INVITE_USED' | 'INVITE_EXPIRED' | 'ALREADY_MEMBER') =>
      inviteFailureMessage({ code: 'CONFLICT', detail: 'This invite has expired', reason });
    expect(conflict('INVITE_USED')).toBe('invite.error.used');
    expect(conflict('INVITE_EXPIRED')).toBe('invite.error.expired');
    expect(conflict('ALREADY_MEMBER')).toBe('invite.error.alreadyMember');
  });

  it('says only that the invite is closed for a conflict without a reason it knows', () => {
    expect(inviteFailureMessage({ code: 'CONFLICT', detail: 'This invite was already used' })).toBe(
      'invite.error.closed',
    );
    expect(inviteFailureMessage({ code: 'CONFLICT', reason: 'LAST_ADMIN' })).toBe('invite.error.closed');
  });

  it('leaves other problems to the general messages', () => {
    expect(inviteFailureMessage({ code: 'RATE_LIMITED', retryAfterSeconds: 30 })).toBeUndefined();
    expect(inviteFailureMessage({ code: 'NETWORK' })).toBeUndefined();
  });
});

describe('inviteStateMessage', () => {
  it('explains a link that cannot be used by its state, and an unknown one', () => {
    expect(inviteStateMessage('USED')).toBe('invite.error.used');
    expect(inviteStateMessage('EXPIRED')).toBe('invite.error.expired');
    expect(inviteStateMessage('REVOKED')).toBe('invite.error.revoked');
    expect(inviteStateMessage(null)).toBe('invite.error.unknown');
  });

  it('has nothing to say about an open invite', () => {
    expect(inviteStateMessage('OPEN')).toBeUndefined();
  });
});
