/**
 * What this process last stored as each person's conversation reference in each conversation, so
 * a turn whose reference has not changed writes nothing (a message from the same person in the
 * same chat carries the same reference but for the activity id). Bounded: the oldest entry is
 * forgotten first, and a forgotten one is simply written again on its next turn.
 * Per process: with several instances each writes a reference once, then only when it changes.
 */
export class KeptReferences {
  private readonly kept = new Map<string, string>();

  constructor(private readonly capacity = 10_000) {}

  /** Whether `reference` differs from the one last saved for this person and conversation. */
  changed(userId: string, conversationId: string, reference: object): boolean {
    return this.kept.get(keyOf(userId, conversationId)) !== fingerprint(reference);
  }

  /** Records that `reference` is now the stored one. */
  saved(userId: string, conversationId: string, reference: object): void {
    const key = keyOf(userId, conversationId);
    this.kept.delete(key);
    this.kept.set(key, fingerprint(reference));
    if (this.kept.size > this.capacity) this.kept.delete(this.kept.keys().next().value!);
  }
}

const keyOf = (userId: string, conversationId: string) => `${userId}\u0000${conversationId}`;

/** The reference without the activity it was taken from: that id changes on every turn. */
function fingerprint(reference: object): string {
  const { activityId: _activityId, ...rest } = reference as { activityId?: unknown };
  return JSON.stringify(rest);
}
