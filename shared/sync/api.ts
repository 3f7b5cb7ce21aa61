/**
 * The sync server's HTTP API, shared by the server (node/sync) and the app's
 * sync client: paths, request and response shapes, and the default limits.
 * Every request that touches a case carries `Authorization: Bearer <token>`;
 * tokens never travel in URLs. Errors come back as `{ error: { code, message, reason?, param? } }`
 * with the server's English as `message` and the refusal's name, which the app translates, as `reason`.
 */
import { z } from 'zod';
import { idSchema } from '../bundle/schema';
import { SHA256_PATTERN } from './names';
import type { SyncRefusalReason } from './refusal';

export const SYNC_PROTOCOL = 1;

/** Defaults for the caps; the server's actual values are in its `GET /` answer. */
export const DEFAULT_LIMITS = {
  /** One WebSocket message (a Yjs update). A 10,000-passage case syncs in about 5 MB. */
  maxMessageBytes: 32 * 1024 * 1024,
  /** One blob: an original file (imports stop at 20 MB) or a source snapshot. */
  maxBlobBytes: 64 * 1024 * 1024,
} as const;

export const API_PATHS = {
  info: '/',
  cases: '/cases',
  invitations: (caseId: string) => `/cases/${caseId}/invitations`,
  invitation: (caseId: string, tokenId: string) => `/cases/${caseId}/invitations/${tokenId}`,
  /** The case document's state as one Yjs update (any member). */
  document: (caseId: string) => `/cases/${caseId}/document`,
  blob: (caseId: string, sha256: string) => `/blobs/${caseId}/${sha256}`,
} as const;

export const serverInfoSchema = z.object({
  service: z.literal('casefile-sync'),
  protocol: z.number().int(),
  version: z.string(),
  limits: z.object({ maxMessageBytes: z.number().int().positive(), maxBlobBytes: z.number().int().positive() }),
  /** When true, sharing a new case needs the server's share key (`Authorization: Bearer <key>`). */
  shareKeyRequired: z.boolean(),
});
export type ServerInfo = z.infer<typeof serverInfoSchema>;

export const registerCaseRequestSchema = z.object({ caseId: idSchema }).strict();
export type RegisterCaseRequest = z.infer<typeof registerCaseRequestSchema>;

export const createInvitationRequestSchema = z
  .object({
    role: z.enum(['rw', 'ro']),
    /** Epoch milliseconds; omitted for an invitation that lasts until it is revoked. */
    expiresAt: z.number().int().positive().optional(),
    /** What the inviter calls this invitation ("Ana", "outside reviewer"), shown in the list. */
    label: z.string().trim().max(100).optional(),
  })
  .strict();
export type CreateInvitationRequest = z.infer<typeof createInvitationRequestSchema>;

export const issuedTokenSchema = z.object({
  token: z.string(),
  tokenId: z.string(),
  caseId: z.string(),
  role: z.enum(['rw', 'ro']),
  issuedAt: z.number(),
  expiresAt: z.number().optional(),
  label: z.string().optional(),
});
export type IssuedToken = z.infer<typeof issuedTokenSchema>;

export const invitationInfoSchema = z.object({
  tokenId: z.string(),
  role: z.enum(['rw', 'ro']),
  issuedAt: z.number(),
  expiresAt: z.number().optional(),
  revokedAt: z.number().optional(),
  label: z.string().optional(),
});
export type InvitationInfo = z.infer<typeof invitationInfoSchema>;
export const invitationListSchema = z.object({ invitations: z.array(invitationInfoSchema) });

export type ApiErrorCode =
  | 'bad-request'
  | 'unauthorized'
  | 'forbidden'
  | 'read-only'
  | 'expired'
  | 'revoked'
  | 'wrong-case'
  | 'not-found'
  | 'conflict'
  | 'too-large'
  | 'hash-mismatch'
  | 'method-not-allowed'
  | 'server-error';

/** `reason` (and its `param`) name the refusal for the app to show in its own words (./refusal.ts); `message` is the server's English. */
export const apiErrorSchema = z.object({ error: z.object({ code: z.string(), message: z.string(), reason: z.string().optional(), param: z.string().optional() }) });
export type ApiError = { error: { code: ApiErrorCode; message: string; reason?: SyncRefusalReason; param?: string } };

export function isSha256(text: string): boolean {
  return SHA256_PATTERN.test(text);
}
