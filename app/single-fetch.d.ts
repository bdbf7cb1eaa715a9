import '@remix-run/server-runtime';

// remix.config.js turns v3_singleFetch on: loader and action data types follow its serialization (data()).
declare module '@remix-run/server-runtime' {
  interface Future {
    v3_singleFetch: true;
  }
}
