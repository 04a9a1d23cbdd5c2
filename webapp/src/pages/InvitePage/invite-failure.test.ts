import { describe, expect, it } from 'vitest';
import { inviteFailureMessage } from './invite-failure';

describe('inviteFailureMessage', () => {
  it('calls an unknown, revoked or malformed invite unknown', () => {
    expect(inviteFailureMessage({ code: 'NOT_FOUND', detail: 'This invite was not found' })).toBe(
      'invite.error.unknown',
    );
    expect(inviteFailureMessage({ code: 'BAD_USER_INPUT', detail: 'This is not an invite token' })).toBe(
      'invite.error.unknown',
    );
  });

  it('tells the server’s conflicts apart by their message', () => {
    const conflict = (detail: string) => inviteFailureMessage({ code: 'CONFLICT', detail });
    expect(conflict('This invite was already used')).toBe('invite.error.used');
    expect(conflict('This invite has expired; ask for a new one')).toBe('invite.error.expired');
    expect(conflict('You are already on the staff of this shop')).toBe('invite.error.alreadyMember');
    expect(conflict('Something new')).toBe('invite.error.closed');
  });

  it('leaves other problems to the general messages', () => {
    expect(inviteFailureMessage({ code: 'RATE_LIMITED', retryAfterSeconds: 30 })).toBeUndefined();
    expect(inviteFailureMessage({ code: 'NETWORK' })).toBeUndefined();
  });
});
