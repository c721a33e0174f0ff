/**
 * `authenticate`: finds who is asking, from the session cookie (the studio) or an
 * `Authorization: Bearer <token>` header (CLI, scripts). It only identifies; `requireSession` and
 * `requireRole` decide. Tokens are checked against their SHA-256 in the store (revoked, expired
 * and disabled users fail).
 */
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { verifyToken } from '../../../runtime/store/queries/tenants-users.ts';
import { ApiError, unauthorized } from '../api-error.ts';
import type { AppEnv, Identity } from '../app-env.ts';
import { SESSION_COOKIE } from '../config.ts';
import { getUser } from '../queries/users.ts';

export function authenticate(): MiddlewareHandler<AppEnv> {
  return async function authenticate(c, next) {
    const presented = presentedToken(c);
    if (presented) {
      const { db, clock } = c.var.deps;
      const found = await verifyToken(db, presented.token, new Date(clock.now()));
      const user = found ? await getUser(db, found.userId) : null;
      if (found && user) {
        const identity: Identity = {
          userId: user.id,
          email: user.email,
          displayName: user.displayName,
          tokenId: found.tokenId,
          tokenKind: found.kind,
          tokenTenant: found.tenantId,
          via: presented.via,
        };
        if (presented.via === 'cookie') refuseCrossSiteForm(c);
        c.set('identity', identity);
      } else if (presented.via === 'bearer') {
        // A wrong bearer token is a mistake worth saying so; a stale cookie just means "signed out".
        throw new ApiError(
          401,
          'invalid-token',
          'The token is unknown, expired or revoked.',
          'Токен неизвестен, просрочен или отозван.',
        );
      }
    }
    await next();
  };
}

function presentedToken(c: Context): { token: string; via: Identity['via'] } | null {
  const header = c.req.header('authorization');
  if (header) {
    const match = /^Bearer\s+([A-Za-z0-9_-]{20,200})\s*$/i.exec(header);
    if (!match) {
      throw new ApiError(
        401,
        'invalid-token',
        'Authorization must be "Bearer <token>".',
        'Заголовок Authorization должен быть «Bearer <токен>».',
      );
    }
    return { token: match[1], via: 'bearer' };
  }
  const cookie = getCookie(c, SESSION_COOKIE);
  return cookie ? { token: cookie, via: 'cookie' } : null;
}

/**
 * Cookies ride along with requests other sites make. HTML forms can only send form or plain-text
 * bodies, and the API takes none of those: refusing them with a cookie closes that door (a script
 * on another site cannot send JSON or CSV without a CORS preflight, which this server never grants).
 */
function refuseCrossSiteForm(c: Context): void {
  if (c.req.method === 'GET' || c.req.method === 'HEAD') return;
  const type = (c.req.header('content-type') ?? '').toLowerCase();
  if (/^(application\/x-www-form-urlencoded|multipart\/form-data|text\/plain)/.test(type)) {
    throw new ApiError(
      403,
      'cross-site-form',
      'Form posts are not accepted with a session cookie.',
      'Отправка форм с cookie сеанса не принимается.',
    );
  }
}

/** For routes any signed-in user may call (logout, me, prompts). */
export function requireSession(): MiddlewareHandler<AppEnv> {
  return async function requireSession(c, next) {
    if (!c.var.identity) throw unauthorized();
    await next();
  };
}

/** The identity, for handlers behind requireSession/requireRole. */
export function identityOf(c: Context<AppEnv>): Identity {
  const identity = c.var.identity;
  if (!identity) throw unauthorized();
  return identity;
}
