import type { EntityManager } from '@mikro-orm/core';
import { AuditEntry } from '@proactive-sms/persistence';

/**
 * Records who changed what. It writes through the caller's entity manager so the entry is committed in the
 * same transaction as the change it describes, or not at all.
 */
export function recordAudit(
  em: EntityManager,
  entry: {
    actor: string;
    action: string;
    entityType: string;
    entityId: string | number;
    details?: Record<string, unknown>;
  },
): void {
  em.create(AuditEntry, { ...entry, entityId: String(entry.entityId), details: entry.details ?? null });
}
