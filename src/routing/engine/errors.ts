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

/** The words of a value refused for not being on one of the account's lists (dispositions, reasons). */
export const notListed = (field: string, list: readonly string[]) =>
  `${field} must be one of the account's: ${list.join(', ')}`.slice(0, 1000);
