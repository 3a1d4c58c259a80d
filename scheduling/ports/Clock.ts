/** Where domain code gets "now" from. Never read the wall clock inside scheduling/ rules or services. */
export interface Clock {
  now(): Date;
}
