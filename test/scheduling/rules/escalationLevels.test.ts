import { describe, expect, it } from 'vitest';
import { escalationLevels } from '../../../scheduling/rules/escalationLevels.js';

const ds1 = { label: 'Duty DS', name: 'DS One', phone: '1' };
const ds2 = { label: 'Duty DS', name: 'DS Two', phone: '2' };
const admin = { label: 'Admin support', name: 'Admin', phone: '3' };
const mash = { label: 'MASH service manager', name: 'MASH', phone: '4' };

describe('escalationLevels', () => {
  it('makes each run of contacts with one label a level, in order (lists without levels keep working)', () => {
    expect(escalationLevels([ds1, ds2, admin, mash])).toEqual([[ds1, ds2], [admin], [mash]]);
  });

  it('groups by the level given, lowest first', () => {
    expect(escalationLevels([{ ...mash, level: 3 }, { ...ds1, level: 1 }, { ...admin, level: 2 }, { ...ds2, label: 'Second DS', level: 1 }])).toEqual([
      [{ ...ds1, level: 1 }, { ...ds2, label: 'Second DS', level: 1 }],
      [{ ...admin, level: 2 }],
      [{ ...mash, level: 3 }],
    ]);
  });

  it('has no levels without contacts', () => {
    expect(escalationLevels([])).toEqual([]);
  });
});
