import '@remix-run/node';

declare module '@remix-run/node' {
  interface AppLoadContext {
    cspNonce: string;
    clientIp: string;
  }
}
declare module '@remix-run/server-runtime' {
  interface AppLoadContext {
    cspNonce: string;
    clientIp: string;
  }
}
