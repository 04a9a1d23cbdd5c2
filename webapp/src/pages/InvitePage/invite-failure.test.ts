import { describe, expect, it } from 'vitest';
import { inviteFailureMessage, inviteRefusalMessages, inviteStateMessage } from './invite-failure';

describe('inviteFailureMessage', () => {
  it('calls an unknown, revoked or malformed invite unknown', () => {
    expect(inviteFailureMessage({ code: 'NOT_FOUND', detail: 'This invite was not found' })).toBe(
      'invite.error.unknown',
    );
    expect(inviteFailureMessage({ code: 'BAD_USER_INPUT', detail: 'This is not an invite token' })).toBe(
      'invite.error.unknown',
    );
  });

  it('names each refusal of acceptInvite by its type', () => {
    expect(inviteRefusalMessages).toEqual({
      InviteUsed: 'invite.error.used',
      InviteExpired: 'invite.error.expired',
      AlreadyStaff: 'invite.error.alreadyMember',
    });
  });

  it('leaves other problems to the general messages', () => {
    expect(inviteFailureMessage({ code: 'RATE_LIMITED', retryAfterSeconds: 30 })).toBeUndefined();
    expect(inviteFailureMessage({ code: 'NETWORK' })).toBeUndefined();
    expect(inviteFailureMessage({ code: 'CONFLICT', detail: 'Something else' })).toBeUndefined();
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
