/** One change kept in a plan's history: the version it made and the entries it touched or made. */
export interface KeptChange {
  readonly version: number;
  readonly verb: string;
  readonly targets: readonly string[];
}

/**
 * Whether a change submitted on a stale copy of a plan (built from `submittedVersion`) may be
 * applied on top of what changed since: it may unless it edits or removes an entry that a later
 * change touched (edited, removed - or the plan was finalised). Two adds never conflict; an edit
 * of an action someone else just edited or removed does, and is refused with the current plan
 * rather than silently overwriting it. Returns the first conflicting key, or undefined.
 * Rule: issue 9 "each change applies to the stored plan under a version check; a stale submit is
 * merged when it can be and otherwise answered with the current plan - never a silent overwrite".
 * @example
 * staleChangeConflict(['action:a1'], 3, [{ version: 4, verb: 'plan.action.add', targets: ['action:a2'] }]) //=> undefined (merged)
 * staleChangeConflict(['action:a1'], 3, [{ version: 4, verb: 'plan.action.edit', targets: ['action:a1'] }]) //=> 'action:a1'
 */
export function staleChangeConflict(touches: readonly string[], submittedVersion: number, history: readonly KeptChange[]): string | undefined {
  const since = history.filter((c) => c.version > submittedVersion);
  for (const change of since) {
    for (const target of change.targets) if (touches.includes(target)) return target;
  }
  return undefined;
}
