import type { KeyObject } from 'node:crypto';

/** jose's JWTVerifyOptions, the part the package passes through. */
export type JwtVerifyOptions = {
  issuer?: string;
  algorithms?: string[];
  /** Seconds of leeway on exp/nbf/iat. */
  clockTolerance?: number;
  /** The instant to check exp/nbf against (tests and reference vectors). */
  currentDate?: Date;
};

export interface PackageVerifyOptions {
  validateUrl: boolean;
  validatePayload: boolean;
  jwtVerifyOptions: JwtVerifyOptions;
  jwtVerifyJti: (jti: string) => boolean;
}

/** The shape of `messagebird/lib/webhook-signature-jwt` (4.0.1), which ships without type declarations. */
export interface PackageWebhookSignatureJwt {
  /** Resolves true, or rejects with "invalid signature: …". Returns a promise: it must be awaited. */
  verify(
    url: string,
    payload: Buffer | null,
    jwt: string,
    key: KeyObject | null,
    opts?: PackageVerifyOptions,
  ): Promise<true>;
  VerifyOptions: new (
    validateUrl?: boolean,
    validatePayload?: boolean,
    jwtVerifyOptions?: JwtVerifyOptions,
    jwtVerifyJti?: (jti: string) => boolean,
  ) => PackageVerifyOptions;
  SIGNATURE_HEADER_NAME: string;
}

/**
 * The package's own verifier, typed. Only `verify` and `VerifyOptions` are used: its ExpressMiddlewareVerify
 * calls verify() without awaiting it, so a forged request passes and the late rejection crashes the process.
 */
// A plain require: the package has no .d.ts for this file, so the shape above is asserted onto it.
export const packageWebhookSignatureJwt =
  require('messagebird/lib/webhook-signature-jwt') as PackageWebhookSignatureJwt;

/** The header MessageBird signs webhooks with (Node lower-cases incoming header names). */
export const MESSAGEBIRD_SIGNATURE_HEADER = 'messagebird-signature-jwt';
