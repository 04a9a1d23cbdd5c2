import { describe, expect, it } from 'vitest';
import { nextSteps, predictedStatus } from './predicted-delivery';

describe('the delivery as the courier left it', () => {
  it('moves the server status on by the waiting steps, skipping refused ones', () => {
    expect(predictedStatus('ASSIGNED', [])).toBe('ASSIGNED');
    expect(predictedStatus('ASSIGNED', [{ kind: 'pickUp' }, { kind: 'startRoute' }])).toBe('EN_ROUTE');
    expect(predictedStatus('EN_ROUTE', [{ kind: 'proof' }, { kind: 'complete' }])).toBe('DELIVERED');
    expect(predictedStatus('EN_ROUTE', [{ kind: 'complete', refusal: 'WrongHandoverCode' }])).toBe(
      'EN_ROUTE',
    );
    expect(predictedStatus('PICKED_UP', [{ kind: 'fail' }])).toBe('FAILED');
  });

  it('offers the steps the server allows next', () => {
    expect(nextSteps('ASSIGNED')).toEqual({
      pickUp: true,
      startRoute: false,
      handOver: false,
      giveBack: true,
    });
    expect(nextSteps('PICKED_UP')).toEqual({
      pickUp: false,
      startRoute: true,
      handOver: true,
      giveBack: false,
    });
    expect(nextSteps('EN_ROUTE')).toEqual({
      pickUp: false,
      startRoute: false,
      handOver: true,
      giveBack: false,
    });
    expect(nextSteps('DELIVERED')).toEqual({
      pickUp: false,
      startRoute: false,
      handOver: false,
      giveBack: false,
    });
    expect(nextSteps('FAILED')).toEqual({ pickUp: true, startRoute: false, handOver: false, giveBack: true });
    expect(nextSteps(undefined).giveBack).toBe(false);
  });
});
