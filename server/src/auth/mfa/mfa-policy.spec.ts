import { describe, expect, it } from '@jest/globals';
import { mfaRequiredFor, passedSecondFactor, secondFactorMissing, servedClearance } from './mfa-policy.js';

describe('the MFA policy', () => {
  it('should default to SECRET in production only', () => {
    expect(mfaRequiredFor({ NODE_ENV: 'production' })).toBe('SECRET');
    expect(mfaRequiredFor({})).toBeNull();
    expect(mfaRequiredFor({ NODE_ENV: 'production', MFA_REQUIRED_FOR: 'none' })).toBeNull();
    expect(mfaRequiredFor({ MFA_REQUIRED_FOR: 'CONFIDENTIAL' })).toBe('CONFIDENTIAL');
  });

  it('should serve a session without a second factor just below the required level', () => {
    expect(servedClearance('SECRET', false, 'SECRET')).toBe('CONFIDENTIAL');
    expect(servedClearance('SECRET', true, 'SECRET')).toBe('SECRET');
    expect(servedClearance('CONFIDENTIAL', false, 'SECRET')).toBe('CONFIDENTIAL');
    expect(servedClearance('SECRET', false, 'CONFIDENTIAL')).toBe('RESTRICTED');
    expect(servedClearance('SECRET', false, null)).toBe('SECRET');
  });

  it('should tell a second factor from a password alone', () => {
    expect(passedSecondFactor('pwd')).toBe(false);
    expect(passedSecondFactor('pwd otp')).toBe(true);
    expect(passedSecondFactor('pwd rec')).toBe(true);
    expect(passedSecondFactor('oidc')).toBe(true);
  });

  it('should ask administrators and people cleared at the level for a second factor', () => {
    expect(secondFactorMissing({ clearance: 'OPEN', isAdmin: true }, false, 'SECRET')).toBe(true);
    expect(secondFactorMissing({ clearance: 'SECRET', isAdmin: false }, false, 'SECRET')).toBe(true);
    expect(secondFactorMissing({ clearance: 'CONFIDENTIAL', isAdmin: false }, false, 'SECRET')).toBe(false);
    expect(secondFactorMissing({ clearance: 'OPEN', isAdmin: true }, true, 'SECRET')).toBe(false);
    expect(secondFactorMissing({ clearance: 'OPEN', isAdmin: true }, false, null)).toBe(false);
  });
});
