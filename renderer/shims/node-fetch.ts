/**
 * citation-js imports `node-fetch` for Node and uses the platform's fetch in a
 * browser. The browser build aliases the package here, so Node's http, zlib
 * and stream modules are never pulled into (or stubbed in) the bundle.
 * Casefile never lets citation-js fetch anything: styles and data are local.
 */
export default globalThis.fetch;
export const Headers = globalThis.Headers;
export const Request = globalThis.Request;
export const Response = globalThis.Response;
