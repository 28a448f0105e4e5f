/**
 * Why a request got no usable response, as the client reports it. A file of its own so that the
 * body reader and the redirect rules can throw it without importing the client (and undici).
 */
import { NetworkError } from '../errors.js';

/** Why a request got no usable response. */
export type NetworkFailure =
  | 'unreachable'
  | 'timeout'
  | 'too_large'
  | 'bad_encoding'
  | 'redirect_loop'
  /** A redirect to a host other than the one asked; it is never followed. */
  | 'redirect_off_host';

export interface HttpFailureDetails {
  /** The URL requested last: the one asked for, or where redirects within its host led. */
  readonly finalUrl: string;
  /** Where a redirect that was not followed pointed. */
  readonly location?: string;
  readonly cause?: unknown;
}

export class HttpFailure extends NetworkError {
  readonly failure: NetworkFailure;
  readonly finalUrl: string;
  readonly location: string | null;

  constructor(failure: NetworkFailure, message: string, details: HttpFailureDetails) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'HttpFailure';
    this.failure = failure;
    this.finalUrl = details.finalUrl;
    this.location = details.location ?? null;
  }
}
