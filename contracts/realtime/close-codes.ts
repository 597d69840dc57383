// WebSocket close codes the server sends and the web reacts to.

/** The session behind the socket ended (signed out, expired, rights changed): reconnect and re-authorise. */
export const SESSION_ENDED_CLOSE_CODE = 4001;
/** The client sent more frames than the server allows (policy violation). */
export const FLOOD_CLOSE_CODE = 1008;
