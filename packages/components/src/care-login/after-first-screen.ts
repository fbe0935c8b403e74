/**
 * Everything <care-login> loads after its first screen, in one module so that it is one lazy
 * chunk: the code step, where the BFF's answers lead, the signed-in view and the rarer steps.
 * Chunked by step, the same code was a dozen small files, each with its own import list and
 * gzip dictionary (3 KB more min+gzip), and a waterfall of imports before the code field could
 * show. The flow loads it once the fields show (or, on a page opened mid-login, signed in or
 * from a link, at once), so the code step is there long before the password has been checked.
 */
export { answers } from './answers.js';
export { codeStep } from './steps/code.js';
export { signedInStep } from './steps/signed-in.js';
export { firstLoginSteps } from './steps/first-login.js';
export { recoverySteps } from './steps/recovery.js';
export { accountStep } from './steps/account.js';
