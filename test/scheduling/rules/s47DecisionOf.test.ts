import { describe, expect, it } from 'vitest';
import { s47DecisionOf } from '../../../scheduling/rules/s47DecisionOf.js';

const d = (id: 's47' | 'conference', value: string) => ({ id, value, rationale: 'r' });

describe('s47DecisionOf', () => {
  it('reads a yes s47 decision, with or without a conference convened', () => {
    expect(s47DecisionOf([d('s47', 'Yes - joint, police lead')])).toEqual({ conferenceConvened: false });
    expect(s47DecisionOf([d('s47', 'yes'), d('conference', 'YES')])).toEqual({ conferenceConvened: true });
    expect(s47DecisionOf([d('s47', 'true'), d('conference', 'not yet')])).toEqual({ conferenceConvened: false });
  });

  it('starts nothing when s47 is not decided yes', () => {
    expect(s47DecisionOf([])).toBeUndefined();
    expect(s47DecisionOf([d('s47', 'no'), d('conference', 'yes')])).toBeUndefined();
    expect(s47DecisionOf([d('s47', 'yesterday')])).toBeUndefined();
  });
});
