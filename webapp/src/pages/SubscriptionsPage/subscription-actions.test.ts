import { describe, expect, it } from 'vitest';
import { renewalLastDay, subscriptionActions } from './subscription-actions';

describe('subscriptionActions', () => {
  it('offers what the status machine allows', () => {
    expect(subscriptionActions('ACTIVE')).toEqual({ pause: true, resume: false, cancel: true, renew: true });
    expect(subscriptionActions('PAUSED')).toEqual({ pause: false, resume: true, cancel: true, renew: true });
    expect(subscriptionActions('EXPIRED')).toEqual({
      pause: false,
      resume: false,
      cancel: false,
      renew: true,
    });
    expect(subscriptionActions('CANCELLED')).toEqual({
      pause: false,
      resume: false,
      cancel: false,
      renew: false,
    });
  });
});

describe('renewalLastDay', () => {
  const now = new Date('2027-03-10T12:00:00Z');

  it('adds one more term of the same length after the current end', () => {
    // 1 January to 30 June on Moscow's clock: 181 days, so the next term ends on 28 December.
    const halfYear = { validFrom: '2026-12-31T21:00:00Z', validUntil: '2027-06-30T20:59:59Z' };
    expect(renewalLastDay(halfYear, 'Europe/Moscow', now)).toBe('2027-12-28');
  });

  it('reads the day on the shop’s clock, not the browser’s', () => {
    const term = { validFrom: '2027-03-01T21:00:00Z', validUntil: '2027-03-31T21:00:00Z' };
    // 30 days after 31 March 21:00 UTC: 30 April in London, already 1 May in Moscow.
    expect(renewalLastDay(term, 'Europe/London', now)).toBe('2027-04-30');
    expect(renewalLastDay(term, 'Europe/Moscow', now)).toBe('2027-05-01');
  });

  it('counts the term from today when the subscription ended long ago', () => {
    const ended = { validFrom: '2026-01-01T00:00:00Z', validUntil: '2026-01-31T00:00:00Z' };
    expect(renewalLastDay(ended, 'UTC', now)).toBe('2027-04-09');
  });

  it('proposes at least a day more, whatever the stored dates say', () => {
    const odd = { validFrom: '2027-03-20T00:00:00Z', validUntil: '2027-03-20T00:00:00Z' };
    expect(renewalLastDay(odd, 'UTC', now)).toBe('2027-03-21');
  });
});
