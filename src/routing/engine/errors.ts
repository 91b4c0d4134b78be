/** The engine's typed refusal: a ProtocolError naming the message type and field at fault. */
import { ProtocolError } from '../../protocol';

export const error = (
  code: ProtocolError['code'],
  message: string,
  messageType: string | null = null,
  field: string | null = null,
  interactionId?: string,
  currentVersion?: number,
) =>
  new ProtocolError(code, message, messageType, field, {
    ...(interactionId === undefined ? {} : { interactionId }),
    ...(currentVersion === undefined ? {} : { currentVersion }),
  });
