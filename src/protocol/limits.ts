/** Routing protocol v1 limits. PROTOCOL.md section "Limits" documents each; both peers enforce them. */

/** The protocol versions this code speaks, oldest first. */
export const SUPPORTED_VERSIONS: readonly number[] = [1];
export const PROTOCOL_VERSION = 1;

/** Largest frame a client may send, in UTF-8 bytes. */
export const MAX_CLIENT_FRAME_BYTES = 64 * 1024;
/** Largest frame the server may send, in UTF-8 bytes (snapshots and directory parts are the big ones). */
export const MAX_SERVER_FRAME_BYTES = 1024 * 1024;

export const MAX_ID_LENGTH = 64;
export const MAX_TOKEN_LENGTH = 4096;
export const MAX_NAME_LENGTH = 200;
export const MAX_SUBJECT_LENGTH = 255;
export const MAX_DISPOSITION_LENGTH = 255;
export const MAX_NOTES_LENGTH = 4000;
export const MAX_EMAIL_LENGTH = 254;
export const MAX_MESSAGE_LENGTH = 1000;
/** Keypad digits (DTMF) in one `digits.send`. */
export const MAX_DIGITS = 32;

export const MAX_INTERACTIONS = 200;
export const MAX_CONSULTS = 50;
export const MAX_PENDING_LOGS = 200;
export const MAX_DISPOSITIONS = 100;
export const MAX_DECLINE_REASONS = 50;
export const MAX_AWAY_REASONS = 50;
export const MAX_SEARCH_KEYS = 5;
/** Skills-based routing: levels, skills per account and per agent, requirements per service or interaction. */
export const MIN_SKILL_LEVEL = 1;
export const MAX_SKILL_LEVEL = 10;
export const MAX_SKILLS = 500;
export const MAX_AGENT_SKILLS = 50;
export const MAX_SKILL_REQUIREMENTS = 10;
/** Longest relaxation time of a service's optional skills (a day). */
export const MAX_RELAX_SECONDS = 86_400;
/** Longest wait before a service's work overflows to another service (a day). */
export const MAX_OVERFLOW_SECONDS = 86_400;
/** Opening hours: opening times in a week, holidays in a service's list. */
export const MAX_OPENING_TIMES = 70;
export const MAX_HOLIDAYS = 400;
export const MAX_DIRECTORY_ENTRIES_PER_FRAME = 1000;
export const MAX_DIRECTORY_PARTS = 10_000;

/** Capacity is a share of 100 (B9). */
export const CAPACITY = 100;

/** Milliseconds since 1970-01-01 UTC; the upper bound is the largest valid JavaScript Date. */
export const MAX_TIMESTAMP = 8_640_000_000_000_000;
export const MAX_SEQ = Number.MAX_SAFE_INTEGER;
export const MAX_VERSION = 2_147_483_647;

/** Seconds between heartbeats the server announces in `welcome`; silence for twice that drops the peer. */
export const HEARTBEAT_SECONDS = 15;
