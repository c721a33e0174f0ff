/**
 * ARI authentication: HTTP Basic, or `api_key=user:password` in the query string (what ari-client
 * uses for the WebSocket). Anything else is 401 `{"message":"Authentication required"}`.
 */
import type { IncomingMessage } from 'node:http';

export interface AriCredentials {
  user: string;
  password: string;
}

export function isAuthorized(req: IncomingMessage, query: URLSearchParams, creds: AriCredentials): boolean {
  const apiKey = query.get('api_key');
  if (apiKey !== null) {
    const colon = apiKey.indexOf(':');
    return colon > 0 && apiKey.slice(0, colon) === creds.user && apiKey.slice(colon + 1) === creds.password;
  }
  const header = req.headers.authorization;
  if (!header?.startsWith('Basic ')) return false;
  const decoded = Buffer.from(header.slice(6), 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon > 0 && decoded.slice(0, colon) === creds.user && decoded.slice(colon + 1) === creds.password;
}

export const authRequiredBody = { message: 'Authentication required' };
