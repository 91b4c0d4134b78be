/**
 * Console events Open CTI reports (click-to-dial, navigation) turned into bridge messages.
 * Payload fields are read defensively: the guide documents them loosely and leaves them blank
 * when they do not apply.
 */
import type { FromBridgeOf } from './messages';
import { BRIDGE_PROTOCOL_VERSION, objectType, recordId } from './messages';
import { normalisePhoneNumber } from '../protocol/phoneNumbers';
import { compile } from '../protocol/schema';

const checkRecordId = compile(recordId);
const checkObjectType = compile(objectType);

const field = (payload: unknown, key: string): unknown =>
  typeof payload === 'object' && payload !== null
    ? (payload as Record<string, unknown>)[key]
    : undefined;

// Early Open CTI samples read the payload under `returnValue`; accept both shapes.
const unwrap = (payload: unknown): unknown => {
  const inner = field(payload, 'returnValue');
  return typeof inner === 'object' && inner !== null ? inner : payload;
};

const recordIdOf = (payload: unknown): string | null => {
  const value = field(payload, 'recordId');
  return checkRecordId(value) === null ? (value as string) : null;
};

const objectTypeOf = (payload: unknown): string | null => {
  const value = field(payload, 'objectType');
  return checkObjectType(value) === null ? (value as string) : null;
};

/** The `dial` message for a click-to-dial payload, or null when it holds no usable number. */
export function dialMessageOf(raw: unknown): FromBridgeOf<'dial'> | null {
  const payload = unwrap(raw);
  const number = normalisePhoneNumber(field(payload, 'number'));
  if (number === null) return null;
  return {
    v: BRIDGE_PROTOCOL_VERSION,
    type: 'dial',
    number,
    recordId: recordIdOf(payload),
    objectType: objectTypeOf(payload),
  };
}

/** The `navigation` message for a navigation payload. */
export function navigationMessageOf(raw: unknown): FromBridgeOf<'navigation'> {
  const payload = unwrap(raw);
  const url = field(payload, 'url');
  return {
    v: BRIDGE_PROTOCOL_VERSION,
    type: 'navigation',
    url: typeof url === 'string' && url.length > 0 && url.length <= 2048 ? url : null,
    recordId: recordIdOf(payload),
    objectType: objectTypeOf(payload),
  };
}
