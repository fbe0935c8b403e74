import { z } from 'zod';

const isUuid = (text: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(text);

/** A typed confirmation code for an open challenge (a plan decision, a new mobile number, an identity check). */
export const codeConfirmationBody = z.object({
  challengeId: z.string().refine(isUuid, 'the challengeId from the code request').meta({ format: 'uuid' }),
  code: z.string().trim().min(1, 'required').max(20).describe('"567890" or the whole "1234-567890" as in the SMS'),
});

/** An SMS confirmation code went out. */
export const codeSent = z.strictObject({
  challengeId: z.uuid(),
  prefix: z.string().describe('Shown fixed before the 6-digit field ("1234-")'),
  expiresInSeconds: z.int(),
  destinationHint: z.string().nullable().describe('Where the SMS went, masked: "••••••••5678"'),
});

/** A code through the account's current second factor, to prove it is the client who asks for a change. */
export const identityChallenge = z.strictObject({
  challengeId: z.uuid(),
  channel: z
    .enum(['sms', 'email', 'totp'])
    .describe('Where the code is: an SMS to the current number, an e-mail to the current address, or the authenticator app.'),
  prefix: z.string().nullable().describe('null for the authenticator app'),
  expiresInSeconds: z.int(),
  destinationHint: z.string().nullable(),
});
