import type { Config } from '../../config';

/**
 * True when the browser reaches Parley over HTTPS: the request came over TLS (or, with TRUST_PROXY,
 * its X-Forwarded-Proto says https; Fastify's request.protocol reads it only then), or PUBLIC_URL is
 * https, which in production is where every browser is sent. Decides the cookies' Secure flag and
 * Strict-Transport-Security, which over plain HTTP would only break a development set-up.
 */
export function servedOverHttps(config: Pick<Config, 'PUBLIC_URL'>, requestProtocol: string): boolean {
  return requestProtocol === 'https' || (config.PUBLIC_URL?.startsWith('https:') ?? false);
}

/** Strict-Transport-Security as helmet would send it: a year, subdomains included. */
export const HSTS_HEADER = 'max-age=31536000; includeSubDomains';
