/**
 * A UK calendar day, written `YYYY-MM-DD`. Plain dates carry no time and no zone: working-day
 * and rota arithmetic happens on them, and they become instants only through
 * `scheduling/rules/londonTime.ts`.
 */
export type PlainDate = string;
