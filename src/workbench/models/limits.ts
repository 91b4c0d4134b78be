/** Limits of the workbench itself (not the protocol's), shared by its server and its page. */

/** The longest a restart keeps the routing service down. */
export const MAX_ROUTING_DOWN_SECONDS = 60;
