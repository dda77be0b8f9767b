import { z } from 'zod';
import { classificationSchema } from '../access/classification.js';
import { text } from '../common/text.js';

/** The second factors a sign-in may be completed with. */
export const MFA_METHODS = ['totp', 'recovery', 'passkey'] as const;
export type MfaMethod = (typeof MFA_METHODS)[number];

/** Answer to a correct password of an account with a second factor: no session yet. */
export const mfaChallengeSchema = z.object({
  mfaRequired: z.literal(true),
  mfaToken: z.string().describe('Send with the second factor to POST /api/auth/mfa/verify (or the passkey routes); valid 5 minutes'),
  methods: z.array(z.enum(MFA_METHODS)).describe('The second factors this account can use'),
});
export type MfaChallenge = z.infer<typeof mfaChallengeSchema>;

const code = text().trim().min(6).max(32).describe('A 6-digit code from the authenticator app, or one recovery code (xxxxx-xxxxx)');

export const mfaVerifyRequestSchema = z.strictObject({
  mfaToken: text().min(1).max(2048),
  code,
});
export type MfaVerifyRequest = z.infer<typeof mfaVerifyRequestSchema>;

/** A code for the signed-in session: confirming an enrolment, or stepping the session up. */
export const mfaCodeRequestSchema = z.strictObject({ code });
export type MfaCodeRequest = z.infer<typeof mfaCodeRequestSchema>;

export const totpEnrolmentSchema = z.object({
  secret: z.string().describe('Base32 secret, shown this once (for typing into an app by hand)'),
  otpauthUri: z.string().describe('otpauth://totp/… URI for a QR code'),
});
export type TotpEnrolment = z.infer<typeof totpEnrolmentSchema>;

export const recoveryCodesSchema = z.object({
  recoveryCodes: z.array(z.string()).describe('Ten single-use codes, shown this once; only their hashes are kept'),
});
export type RecoveryCodes = z.infer<typeof recoveryCodesSchema>;

export const passkeySchema = z.object({
  id: z.uuid(),
  name: z.string(),
  createdAt: z.iso.datetime(),
  lastUsedAt: z.iso.datetime().nullable(),
});
export type Passkey = z.infer<typeof passkeySchema>;

export const mfaStatusSchema = z.object({
  totp: z.boolean().describe('An authenticator app is enrolled and confirmed'),
  passkeys: z.array(passkeySchema),
  recoveryCodesLeft: z.number().int(),
  sessionPassed: z.boolean().describe('This session was signed in (or stepped up) with a second factor'),
  requiredFor: classificationSchema.nullable().describe('MFA_REQUIRED_FOR: records at or above it need a second factor; null: none'),
  servedClearance: classificationSchema.describe(
    'The clearance this session is served at now (below the account’s until a second factor is passed)',
  ),
  limited: z
    .boolean()
    .describe('True when this session is served below the account’s clearance, or is an administrator’s without a second factor'),
});
export type MfaStatus = z.infer<typeof mfaStatusSchema>;

export const sessionInfoSchema = z.object({
  id: z.uuid(),
  userAgent: z.string().nullable(),
  ip: z.string().nullable(),
  createdAt: z.iso.datetime(),
  lastSeenAt: z.iso.datetime().nullable(),
  current: z.boolean().describe('The session of the token making this request'),
  secondFactor: z.boolean().describe('Signed in with a second factor (or single sign-on)'),
  method: z.string().describe('How it signed in (amr): pwd, pwd otp, pwd rec, pwd hwk, oidc'),
});
export type SessionInfo = z.infer<typeof sessionInfoSchema>;

export const passkeyRegisterRequestSchema = z.strictObject({
  challengeToken: text().min(1).max(2048),
  name: text().trim().min(1).max(100).optional(),
  response: z.record(z.string(), z.unknown()).describe('The browser’s RegistrationResponseJSON'),
});
export type PasskeyRegisterRequest = z.infer<typeof passkeyRegisterRequestSchema>;

export const passkeyOptionsSchema = z.object({
  challengeToken: z.string().describe('Send back with the browser’s answer'),
  options: z.record(z.string(), z.unknown()).describe('PublicKeyCredentialCreationOptionsJSON or …RequestOptionsJSON'),
});
export type PasskeyOptions = z.infer<typeof passkeyOptionsSchema>;

export const passkeySignInOptionsRequestSchema = z.strictObject({ mfaToken: text().min(1).max(2048) });

export const passkeySignInRequestSchema = z.strictObject({
  mfaToken: text().min(1).max(2048),
  challengeToken: text().min(1).max(2048),
  response: z.record(z.string(), z.unknown()).describe('The browser’s AuthenticationResponseJSON'),
});
export type PasskeySignInRequest = z.infer<typeof passkeySignInRequestSchema>;

export const ssoConfigSchema = z.object({
  oidc: z.boolean().describe('Single sign-on (OpenID Connect) is configured: GET /api/auth/oidc/start begins it'),
});
export type SsoConfig = z.infer<typeof ssoConfigSchema>;

export const ssoCompleteRequestSchema = z.strictObject({
  handoff: text().min(1).max(2048).describe('The `sso` value the callback put in /login?sso=…'),
});
export type SsoCompleteRequest = z.infer<typeof ssoCompleteRequestSchema>;
