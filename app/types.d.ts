import '@remix-run/node';

declare module '@remix-run/node' {
  interface AppLoadContext {
    cspNonce: string;
    clientIp: string;
    /** Set when a loader or action lost its database connection: the server retries the request. */
    outage: import('~/server/connection-loss.server').OutageFlag;
  }
}
declare module '@remix-run/server-runtime' {
  interface AppLoadContext {
    cspNonce: string;
    clientIp: string;
    /** Set when a loader or action lost its database connection: the server retries the request. */
    outage: import('~/server/connection-loss.server').OutageFlag;
  }
}
