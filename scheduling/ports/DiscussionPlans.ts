import type { Actor } from '../model/Actor.js';
import type { DiscussionPlan } from '../model/DiscussionPlan.js';

/** One change kept in a plan's history: the version it made, its verb, the entries it touched or made (ids only). */
export interface PlanChangeRecord {
  readonly version: number;
  readonly verb: string;
  /** Keys of the entries (rules/planChangeTargets.ts): `action:<id>`, `decision:s47`, `meeting`, ... */
  readonly targets: readonly string[];
  readonly actorId: string;
  readonly at: Date;
}

/**
 * The discussion plans (one per request) and each plan's change history. A plan is saved only
 * under compare-and-set on its version, so two people saving at once never overwrite each other:
 * one wins, the other reads the plan again and merges or is refused (the desk's rule).
 * Adapter: `SqlDiscussionPlans` (PGlite or PostgreSQL); contract:
 * test/contracts/discussionPlansContract.ts. Every save writes its history row and an audit row
 * (entity `discussion`, ids only: never a child's name or any typed text) in the same transaction.
 */
export interface DiscussionPlans {
  /**
   * Keeps a new plan (version 1) unless its request has one already: then that one is returned,
   * `created: false` (two people opening the plan at once get the same plan).
   */
  createPlan(plan: DiscussionPlan, actor: Actor): Promise<{ plan: DiscussionPlan; created: boolean }>;
  getPlan(id: string): Promise<DiscussionPlan | undefined>;
  planOfRequest(requestId: string): Promise<DiscussionPlan | undefined>;
  /** The plan of the most recent request naming this N number (the command line's `record --case`). */
  latestPlanOfCase(nNumber: string): Promise<DiscussionPlan | undefined>;
  /**
   * Saves `plan` (whose version is `expectedVersion + 1`) only if the stored plan is still at
   * `expectedVersion`; keeps `change` in the history and audits it as `action`.
   * @returns false when someone saved first (nothing written).
   */
  savePlan(plan: DiscussionPlan, expectedVersion: number, change: Omit<PlanChangeRecord, 'version' | 'actorId' | 'at'>, actor: Actor, action: string): Promise<boolean>;
  /** The changes that made versions after `version`, oldest first. */
  changesSince(id: string, version: number): Promise<readonly PlanChangeRecord[]>;
}
