import type { Actor } from '../../model/Actor.js';
import type { DiscussionPlan } from '../../model/DiscussionPlan.js';
import type { DiscussionPlans, PlanChangeRecord } from '../../ports/DiscussionPlans.js';
import type { Db } from './Db.js';
import { asDate, json, writeAudit } from './sqlRows.js';

interface PlanRow {
  document: unknown;
}

/** The plan as kept in JSONB: instants as ISO strings. */
type StoredDocument = Omit<DiscussionPlan, 'meeting' | 'createdAt' | 'updatedAt' | 'finalisedAt' | 'circulatedAt' | 'runningLate'> & {
  meeting: Omit<DiscussionPlan['meeting'], 'start'> & { start: string };
  createdAt: string;
  updatedAt: string;
  finalisedAt?: string;
  circulatedAt?: string;
  runningLate?: { at: string; minutes: number };
};

function fromDocument(value: unknown): DiscussionPlan {
  const doc = (typeof value === 'string' ? JSON.parse(value) : value) as StoredDocument;
  const { finalisedAt, circulatedAt, runningLate, ...rest } = doc;
  return {
    ...rest,
    meeting: { ...doc.meeting, start: asDate(doc.meeting.start) },
    createdAt: asDate(doc.createdAt),
    updatedAt: asDate(doc.updatedAt),
    ...(finalisedAt ? { finalisedAt: asDate(finalisedAt) } : {}),
    ...(circulatedAt ? { circulatedAt: asDate(circulatedAt) } : {}),
    ...(runningLate ? { runningLate: { at: asDate(runningLate.at), minutes: runningLate.minutes } } : {}),
  };
}

/**
 * The discussion plans over PGlite or PostgreSQL: one JSONB document per plan, saved under
 * compare-and-set on its version column, with its change history and audit rows (ids only) in
 * the same transaction.
 */
export class SqlDiscussionPlans implements DiscussionPlans {
  constructor(private readonly db: Db) {}

  async createPlan(plan: DiscussionPlan, actor: Actor): Promise<{ plan: DiscussionPlan; created: boolean }> {
    return this.db.transaction(async (tx) => {
      const inserted = await tx.query(
        `insert into discussion_plans (id, request_id, n_numbers, version, state, document, created_at, updated_at)
         values ($1, $2, $3::jsonb, $4, $5, $6::jsonb, $7, $8) on conflict (request_id) do nothing returning id`,
        [plan.id, plan.requestId, json(plan.nNumbers), plan.version, plan.state, json(plan), plan.createdAt, plan.updatedAt],
      );
      if (inserted.rows.length === 0) {
        const { rows } = await tx.query<PlanRow>('select document from discussion_plans where request_id = $1', [plan.requestId]);
        return { plan: fromDocument(rows[0]!.document), created: false };
      }
      await tx.query('insert into discussion_plan_changes (discussion_id, version, verb, targets, actor_id, at) values ($1, $2, $3, $4::jsonb, $5, $6)', [plan.id, plan.version, 'plan.open', '[]', actor.id, plan.createdAt]);
      await writeAudit(tx, { at: plan.createdAt, actor, action: 'plan.opened', entity: 'discussion', entityId: plan.id, after: { requestId: plan.requestId, version: plan.version } });
      return { plan, created: true };
    });
  }

  async getPlan(id: string): Promise<DiscussionPlan | undefined> {
    const { rows } = await this.db.query<PlanRow>('select document from discussion_plans where id = $1', [id]);
    return rows[0] ? fromDocument(rows[0].document) : undefined;
  }

  async planOfRequest(requestId: string): Promise<DiscussionPlan | undefined> {
    const { rows } = await this.db.query<PlanRow>('select document from discussion_plans where request_id = $1', [requestId]);
    return rows[0] ? fromDocument(rows[0].document) : undefined;
  }

  async latestPlanOfCase(nNumber: string): Promise<DiscussionPlan | undefined> {
    const { rows } = await this.db.query<PlanRow>(
      `select p.document from discussion_plans p join requests r on r.id = p.request_id
       where p.n_numbers @> $1::jsonb order by r.created_at desc, p.created_at desc limit 1`,
      [json([nNumber])],
    );
    return rows[0] ? fromDocument(rows[0].document) : undefined;
  }

  async savePlan(plan: DiscussionPlan, expectedVersion: number, change: Omit<PlanChangeRecord, 'version' | 'actorId' | 'at'>, actor: Actor, action: string): Promise<boolean> {
    if (plan.version !== expectedVersion + 1) throw new Error(`savePlan: version ${plan.version} does not follow ${expectedVersion}`);
    return this.db.transaction(async (tx) => {
      const updated = await tx.query(
        'update discussion_plans set version = $3, state = $4, document = $5::jsonb, updated_at = $6 where id = $1 and version = $2 returning id',
        [plan.id, expectedVersion, plan.version, plan.state, json(plan), plan.updatedAt],
      );
      if (updated.rows.length === 0) return false;
      await tx.query('insert into discussion_plan_changes (discussion_id, version, verb, targets, actor_id, at) values ($1, $2, $3, $4::jsonb, $5, $6)', [
        plan.id,
        plan.version,
        change.verb,
        json(change.targets),
        actor.id,
        plan.updatedAt,
      ]);
      await writeAudit(tx, { at: plan.updatedAt, actor, action, entity: 'discussion', entityId: plan.id, after: { verb: change.verb, version: plan.version, targets: change.targets } });
      return true;
    });
  }

  async changesSince(id: string, version: number): Promise<readonly PlanChangeRecord[]> {
    const { rows } = await this.db.query<{ version: number; verb: string; targets: unknown; actor_id: string; at: Date }>(
      'select version, verb, targets, actor_id, at from discussion_plan_changes where discussion_id = $1 and version > $2 order by version',
      [id, version],
    );
    return rows.map((r) => ({
      version: Number(r.version),
      verb: r.verb,
      targets: (typeof r.targets === 'string' ? JSON.parse(r.targets) : r.targets) as string[],
      actorId: r.actor_id,
      at: asDate(r.at),
    }));
  }
}
