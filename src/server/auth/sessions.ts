// Sessions live in the database, so any process behind the load balancer can serve any request.
// The cookie holds a random token; the database keeps only its SHA-256, so a leaked table opens nothing.
import { createHash, randomBytes } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { sessionWithGrants } from '../../features/accounts/store';
import type { AppContext, Executor } from '../context';
import { AppError } from '../errors';
import type { Actor } from './policies';

export const sessionCookie = 'kehou_session';
/** How often a session's expiry slides forward; writing on every request would cost a write per read. */
const touchEveryMs = 10 * 60_000;

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export async function createSession(
  db: Executor,
  ctx: AppContext,
  userId: string,
  meta: { ip: string | null; userAgent: string | null },
): Promise<{ token: string; csrfToken: string; expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const now = ctx.now();
  const expiresAt = new Date(now.getTime() + ctx.config.sessionDays * 86_400_000);
  await db
    .insertInto('auth_sessions')
    .values({
      id: hashToken(token),
      user_id: userId,
      csrf_token: csrfToken,
      created_at: now.toISOString(),
      expires_at: expiresAt.toISOString(),
      last_seen_at: now.toISOString(),
      ip: meta.ip,
      user_agent: meta.userAgent?.slice(0, 200) ?? null,
    })
    .execute();
  return { token, csrfToken, expiresAt };
}

export interface SessionActor extends Actor {
  sessionId: string;
  csrfToken: string;
}

/**
 * The signed-in actor for this request, or null. Expired sessions are removed as they are met.
 * Expiry slides with use (`renewedUntil` tells the caller to renew the cookie), but never past the
 * session's absolute lifetime.
 */
export async function resolveActor(
  ctx: AppContext,
  token: string | undefined,
): Promise<{ actor: SessionActor; renewedUntil: Date | null } | null> {
  if (!token) return null;
  const id = hashToken(token);
  const session = await sessionWithGrants(ctx.db, id);
  if (!session) return null;
  const now = ctx.now();
  if (Date.parse(session.expiresAt) <= now.getTime() || session.disabled === 1) {
    await ctx.db.deleteFrom('auth_sessions').where('id', '=', id).execute();
    return null;
  }
  let renewedUntil: Date | null = null;
  if (now.getTime() - Date.parse(session.lastSeenAt) > touchEveryMs) {
    const cap = Date.parse(session.createdAt) + ctx.config.sessionMaxDays * 86_400_000;
    renewedUntil = new Date(Math.min(now.getTime() + ctx.config.sessionDays * 86_400_000, cap));
    await ctx.db
      .updateTable('auth_sessions')
      .set({ last_seen_at: now.toISOString(), expires_at: renewedUntil.toISOString() })
      .where('id', '=', id)
      .execute();
  }
  const actor: SessionActor = {
    sessionId: id,
    userId: session.userId,
    displayName: session.displayName,
    locale: session.locale,
    csrfToken: session.csrfToken,
    grants: session.grants,
  };
  return { actor, renewedUntil };
}

export function setSessionCookie(
  request: FastifyRequest,
  reply: FastifyReply,
  token: string,
  expiresAt: Date,
) {
  reply.setCookie(sessionCookie, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    // Secure whenever the client reached us over https (directly or through a trusted proxy).
    secure: request.protocol === 'https',
    expires: expiresAt,
  });
}

export function clearSessionCookie(reply: FastifyReply) {
  reply.clearCookie(sessionCookie, { path: '/' });
}

export function requireActor(request: FastifyRequest): SessionActor {
  if (!request.actor) throw new AppError('UNAUTHENTICATED');
  return request.actor;
}

declare module 'fastify' {
  interface FastifyRequest {
    actor: SessionActor | null;
  }
}
