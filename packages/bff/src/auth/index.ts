/**
 * What other features, the integration API and the benchmark use from auth. The benchmark's
 * two rows: `checkCredentials` (the password step: one account lookup + argon2id) and
 * `issueCodeChallenge` / `verifyCodeChallenge` (one code verification: one counted try, one
 * consume), or the HTTP routes through `createApp`.
 */
export { checkCredentials, dummyPasswordHash, firstLoginSteps } from './accounts.js';
export { issueCodeChallenge, verifyCodeChallenge, loginSmsText, type Binding, type IssuedCode, type VerifyResult } from './challenges.js';
export { createInvitation, type Invitation } from './links.js';
export { evaluatePassword, isCommonPassword, type PasswordRule, type RuleResult } from './password-policy.js';
export { authLimits, consume, lockedFor, recordFailure, clearBucket, pruneRateLimits } from './rate-limits.js';
export { authRoutes } from './routes.js';
export { currentTotpCode } from './totp.js';
export { deviceCookieName, revokeTrustedDevices } from './trusted-devices.js';
