/**
 * Error type for everything in the e2ee module. `code` is a short, stable,
 * machine-readable reason that the UI and logs can switch on; `message` is
 * for developers only and must never be shown verbatim to citizens.
 */
export type E2eeErrorCode =
  // DER / certificate / credential
  | "der-malformed"
  | "cert-malformed"
  | "cert-unsupported-algorithm"
  | "cert-bad-signature"
  | "cert-not-yet-valid"
  | "cert-expired"
  | "cert-validity-too-long"
  | "cert-chain-invalid"
  | "cert-untrusted-root"
  | "cert-not-ca"
  | "cert-leaf-is-ca"
  | "cert-profile"
  | "credential-key-mismatch"
  | "credential-basic-not-allowed"
  | "credential-unsupported"
  | "credential-rejected"
  // payload / padding
  | "padding-invalid"
  | "payload-too-large"
  | "payload-invalid"
  | "payload-unknown-kind"
  // MLS / wrapper
  | "mls-decode"
  | "mls-wrong-group"
  | "mls-unexpected-wire-format"
  | "mls-unsupported-ciphersuite"
  | "mls-rejected"
  | "mls-policy"
  | "group-change-refused"
  | "key-package-invalid"
  | "commit-pending"
  | "no-pending-commit"
  | "not-active"
  | "no-matching-key-package"
  | "bad-argument"
  | "state-corrupt";

export class E2eeError extends Error {
  readonly code: E2eeErrorCode;
  constructor(code: E2eeErrorCode, message: string, options?: { cause?: unknown }) {
    super(`${code}: ${message}`);
    this.name = "E2eeError";
    this.code = code;
    if (options?.cause !== undefined) (this as { cause?: unknown }).cause = options.cause;
  }
}

export function fail(code: E2eeErrorCode, message: string, cause?: unknown): never {
  throw new E2eeError(code, message, cause === undefined ? undefined : { cause });
}
