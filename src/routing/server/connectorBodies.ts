/** The bodies a connector sends (CONNECTORS.md), as protocol schemas; checked by `validated`. */
import { object, oneOf, str } from '../../protocol/schema';
import { bodies } from './adminBodies';

/** Longest external id a channel may give (e-mail Message-IDs run long). */
export const MAX_EXTERNAL_ID_LENGTH = 255;

/** Longest webhook URL. */
export const MAX_WEBHOOK_URL_LENGTH = 2048;

/** Printable ASCII without spaces: what channels' ids are made of. */
const externalId = str(1, MAX_EXTERNAL_ID_LENGTH, /^[\x21-\x7e]+$/, 'an external id');

export const connectorBodies = {
  create: object({ externalId, ...bodies.arrival.fields }),
  end: object({ externalId, reason: oneOf(['customer-left', 'ended']) }),
  webhook: object({ url: str(1, MAX_WEBHOOK_URL_LENGTH) }),
};
