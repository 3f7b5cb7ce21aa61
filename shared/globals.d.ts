/* eslint-disable no-var -- ambient declarations of runtime globals */
/**
 * The few runtime globals that `shared/` may use because both Node >= 20 and
 * every browser provide them. Declared here instead of pulling in the DOM or
 * Node typings, so a DOM or Node dependency in shared/ fails to type-check.
 */
interface SharedCrypto {
  randomUUID(): string;
  readonly subtle: {
    digest(algorithm: 'SHA-256' | 'SHA-1' | 'SHA-512', data: Uint8Array | ArrayBuffer): Promise<ArrayBuffer>;
  };
  getRandomValues<T extends Uint8Array>(array: T): T;
}
declare var crypto: SharedCrypto;

declare class TextEncoder {
  encode(input?: string): Uint8Array;
}
declare class TextDecoder {
  constructor(label?: string, options?: { fatal?: boolean; ignoreBOM?: boolean });
  decode(input?: Uint8Array | ArrayBuffer, options?: { stream?: boolean }): string;
}
/** The WHATWG URL parser (the members shared/ uses). */
declare class URL {
  constructor(url: string, base?: string | URL);
  readonly href: string;
  readonly protocol: string;
  readonly username: string;
  readonly password: string;
  readonly host: string;
  readonly hostname: string;
  readonly port: string;
  readonly pathname: string;
  readonly search: string;
  readonly hash: string;
  readonly searchParams: URLSearchParams;
}
/** Query strings (the members shared/ uses). */
declare class URLSearchParams {
  constructor(init?: string | Record<string, string>);
  get(name: string): string | null;
  set(name: string, value: string): void;
  has(name: string): boolean;
  toString(): string;
}
declare function setTimeout(handler: () => void, timeout?: number): unknown;
declare function clearTimeout(id: unknown): void;
declare var console: { log(...a: unknown[]): void; warn(...a: unknown[]): void; error(...a: unknown[]): void };

/** Cancellation (imports): both runtimes have AbortSignal and DOMException. Only what shared/ uses. */
interface AbortSignal {
  readonly aborted: boolean;
  addEventListener(type: 'abort', listener: () => void, options?: { once?: boolean }): void;
  removeEventListener(type: 'abort', listener: () => void): void;
}
declare class DOMException extends Error {
  constructor(message?: string, name?: string);
}
