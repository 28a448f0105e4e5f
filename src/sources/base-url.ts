/**
 * Mirrors serve the same paths as the real site: a base URL replaces the scheme and host of a
 * source's URLs and keeps their paths (a path in the base URL is put in front of them).
 */
import { ConfigError } from '../errors.js';

export function parseBaseUrl(value: string, origin: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(`${origin}: "${value}" is not a URL; give a base URL such as http://127.0.0.1:8080`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigError(`${origin}: "${value}" is not an http or https URL`);
  }
  if (url.search || url.hash) {
    throw new ConfigError(`${origin}: "${value}" has a query or fragment; give only scheme, host and an optional path`);
  }
  return url;
}

export function rebaseUrl(url: string, base: URL): string {
  const original = new URL(url);
  const prefix = base.pathname.replace(/\/+$/, '');
  return `${base.protocol}//${base.host}${prefix}${original.pathname}${original.search}`;
}
