/**
 * The widget API's request and answer types, inferred from the zod schemas the BFF parses and
 * checks them with (`schemas.ts` beside each feature's routes). Types only: import them with
 * `import type` from `@care-widgets/bff/api-types`; nothing of the BFF enters a widget bundle.
 */
import type { z } from 'zod';
import type { accessLogLine, accessLogOfPeriod } from './access-log/schemas.js';
import type { activity } from './activity/schemas.js';
import type { appointment, appointmentBody, appointmentsOfPeriod, upcomingAppointments } from './agenda/schemas.js';
import type {
  activationInvite,
  authStepAnswer,
  firstLoginView,
  linkState,
  secondFactorSettings,
  secondFactorStep,
  sessionSecondFactor,
  sessionView,
  signedInStep,
  totpEnrolment,
} from './auth/schemas.js';
import type {
  accountClient,
  accountClients,
  contact,
  contactChangeBody,
  contactCodeSent,
  newContactBody,
  relationshipSchema,
  rightsSchema,
} from './contacts/schemas.js';
import type {
  boardAuthor,
  boardPage,
  boardPhoto,
  boardPost,
  boardQuota,
  boardRemoved,
  boardReply,
  boardUnreadCount,
  newPostBody,
  newReplyBody,
  uploadedPhoto,
} from './board/schemas.js';
import type { codeSent, identityChallenge } from './contract/confirmation.js';
import type { period, problemSchema } from './contract/operations.js';
import type { measurement, measurementComponent, measurementType, newMeasurementBody } from './measurements/schemas.js';
import type { markedRead, message, messagePage } from './messages/schemas.js';
import type { plan, planCodeSent, planList } from './plans/schemas.js';
import type { ownAccount, profile } from './profile/schemas.js';
import type { report, reportsOfPeriod } from './reports/schemas.js';
import type { passwordPolicy, publicTenant, terms } from './tenants/schemas.js';

/** `{ items: T[] }`, the shape of every list answer. */
export interface ItemList<T> {
  items: T[];
}

export type Problem = z.infer<typeof problemSchema>;
export type Period = z.infer<typeof period>;

export type PublicTenant = z.infer<typeof publicTenant>;
export type PasswordPolicy = z.infer<typeof passwordPolicy>;
export type Terms = z.infer<typeof terms>;

export type SecondFactorStep = z.infer<typeof secondFactorStep>;
export type SignedInStep = z.infer<typeof signedInStep>;
export type AuthStep = z.infer<typeof authStepAnswer>;
export type SessionView = z.infer<typeof sessionView>;
export type SessionSecondFactor = z.infer<typeof sessionSecondFactor>;
export type ActivationInvite = z.infer<typeof activationInvite>;
export type FirstLoginView = z.infer<typeof firstLoginView>;
export type SecondFactorSettings = z.infer<typeof secondFactorSettings>;
export type TotpEnrolment = z.infer<typeof totpEnrolment>;
export type LinkState = z.infer<typeof linkState>;

export type CodeSent = z.infer<typeof codeSent>;
export type IdentityChallenge = z.infer<typeof identityChallenge>;

export type Report = z.infer<typeof report>;
export type ReportsOfPeriod = z.infer<typeof reportsOfPeriod>;

export type MeasurementType = z.infer<typeof measurementType>;
export type MeasurementComponent = z.infer<typeof measurementComponent>;
export type Measurement = z.infer<typeof measurement>;
export type NewMeasurement = z.input<typeof newMeasurementBody>;

export type Appointment = z.infer<typeof appointment>;
export type AppointmentInput = z.input<typeof appointmentBody>;
export type UpcomingAppointments = z.infer<typeof upcomingAppointments>;
export type AppointmentsOfPeriod = z.infer<typeof appointmentsOfPeriod>;

export type Message = z.infer<typeof message>;
export type MessagePage = z.infer<typeof messagePage>;
export type MarkedRead = z.infer<typeof markedRead>;

export type Plan = z.infer<typeof plan>;
export type PlanList = z.infer<typeof planList>;
export type PlanCodeSent = z.infer<typeof planCodeSent>;

export type Profile = z.infer<typeof profile>;
export type OwnAccount = z.infer<typeof ownAccount>;
export type Activity = z.infer<typeof activity>;
export type AccessLogLine = z.infer<typeof accessLogLine>;
export type AccessLogOfPeriod = z.infer<typeof accessLogOfPeriod>;

export type Contact = z.infer<typeof contact>;
export type ContactRights = z.infer<typeof rightsSchema>;
export type Relationship = z.infer<typeof relationshipSchema>;
export type NewContact = z.input<typeof newContactBody>;
export type ContactChange = z.input<typeof contactChangeBody>;
export type ContactCodeSent = z.infer<typeof contactCodeSent>;
export type AccountClient = z.infer<typeof accountClient>;
export type AccountClients = z.infer<typeof accountClients>;

export type BoardAuthor = z.infer<typeof boardAuthor>;
export type BoardPhoto = z.infer<typeof boardPhoto>;
export type BoardReply = z.infer<typeof boardReply>;
export type BoardPost = z.infer<typeof boardPost>;
export type BoardPage = z.infer<typeof boardPage>;
export type BoardUnreadCount = z.infer<typeof boardUnreadCount>;
export type NewBoardPost = z.input<typeof newPostBody>;
export type NewBoardReply = z.input<typeof newReplyBody>;
export type UploadedPhoto = z.infer<typeof uploadedPhoto>;
export type BoardQuota = z.infer<typeof boardQuota>;
/** The `removed` event of GET /board/stream. */
export type BoardRemoved = z.infer<typeof boardRemoved>;
