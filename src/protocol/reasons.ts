/**
 * Why an agent action is refused (the catalogue's refusals, src/protocol/actions.ts): a stable
 * code each, with the protocol's error code, the English text and the custom label.
 */
import type { ErrorCode } from './errors';

/** Why an action is refused: stable codes, each with its error code, English text and label. */
export const REASONS = {
  'not-for-kind': {
    code: 'not-allowed',
    text: 'Not available for this kind of interaction.',
    label: 'ContactPad_ReasonNotForKind',
  },
  releasing: {
    code: 'not-allowed',
    text: 'The release is under way.',
    label: 'ContactPad_ReasonReleasing',
  },
  'release-working': {
    code: 'not-allowed',
    text: 'Abandon is only for when Release is not working.',
    label: 'ContactPad_ReasonReleaseWorking',
  },
  'not-active': {
    code: 'not-allowed',
    text: 'The interaction is not connected.',
    label: 'ContactPad_ReasonNotActive',
  },
  offered: {
    code: 'not-allowed',
    text: 'Accept the interaction first.',
    label: 'ContactPad_ReasonOffered',
  },
  'not-offered': {
    code: 'not-allowed',
    text: 'The interaction is not offered to you.',
    label: 'ContactPad_ReasonNotOffered',
  },
  'not-held': {
    code: 'not-allowed',
    text: 'The interaction is not on hold.',
    label: 'ContactPad_ReasonNotHeld',
  },
  'consult-call': {
    code: 'not-allowed',
    text: 'Not available on a consult call.',
    label: 'ContactPad_ReasonConsultCall',
  },
  'consult-under-way': {
    code: 'not-allowed',
    text: 'A consult is already under way.',
    label: 'ContactPad_ReasonConsultUnderWay',
  },
  'cross-media-consult-off': {
    code: 'feature-disabled',
    text: 'Cross-media consult is not enabled for your account.',
    label: 'ContactPad_ReasonCrossMediaConsultOff',
  },
  muted: {
    code: 'not-allowed',
    text: 'The call is muted.',
    label: 'ContactPad_ReasonMuted',
  },
  'not-muted': {
    code: 'not-allowed',
    text: 'The call is not muted.',
    label: 'ContactPad_ReasonNotMuted',
  },
  'recording-off': {
    code: 'feature-disabled',
    text: 'Calls are not recorded for your account.',
    label: 'ContactPad_ReasonRecordingOff',
  },
  'not-recording': {
    code: 'not-allowed',
    text: 'The call is not being recorded.',
    label: 'ContactPad_ReasonNotRecording',
  },
  'on-hold': {
    code: 'not-allowed',
    text: 'The call is on hold.',
    label: 'ContactPad_ReasonOnHold',
  },
  'in-conference': {
    code: 'not-allowed',
    text: 'Not available during a conference.',
    label: 'ContactPad_ReasonInConference',
  },
  'not-conference': {
    code: 'not-allowed',
    text: 'The call is not a conference.',
    label: 'ContactPad_ReasonNotConference',
  },
  'no-room-for-call': {
    code: 'not-allowed',
    text: 'There is no room for a call beside your other work.',
    label: 'ContactPad_ReasonNoRoomForCall',
  },
  'not-callback': {
    code: 'not-allowed',
    text: 'Only a callback request is called back.',
    label: 'ContactPad_ReasonNotCallback',
  },
  'not-wrapping': {
    code: 'not-allowed',
    text: 'You are not in Wrap (Auto).',
    label: 'ContactPad_ReasonNotWrapping',
  },
  'wrap-extended': {
    code: 'not-allowed',
    text: 'This wrap was extended already.',
    label: 'ContactPad_ReasonWrapExtended',
  },
  'wrap-extension-off': {
    code: 'feature-disabled',
    text: 'Wrap (Auto) cannot be extended for your account.',
    label: 'ContactPad_ReasonWrapExtensionOff',
  },
  'not-working': {
    code: 'not-allowed',
    text: 'You have no work to choose the state after.',
    label: 'ContactPad_ReasonNotWorking',
  },
  'recording-not-paused': {
    code: 'not-allowed',
    text: 'Recording is not paused.',
    label: 'ContactPad_ReasonRecordingNotPaused',
  },
} as const satisfies Record<
  string,
  { readonly code: ErrorCode; readonly text: string; readonly label: string }
>;

export type Refusal = keyof typeof REASONS;
