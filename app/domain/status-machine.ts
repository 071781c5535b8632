// A status machine as data: for each event, the statuses it may start from and where
// it leads, and the Danish sentence that says why not. Commands ask `transition`
// once and return its failure as is; pages ask `allows` to decide which buttons to show.
import { conflict, ok, type Result } from "./result";

export type EventRule<S extends string> = {
  /** from → to; a status not listed refuses the event. */
  from: Partial<Record<S, S>>;
  /** Why not (may name the current status). */
  refusal: string | ((from: S) => string);
};

export type StatusMachine<S extends string, E extends string> = {
  readonly rules: Readonly<Record<E, EventRule<S>>>;
  transition(from: S, event: E): Result<S>;
  allows(from: S, event: E): boolean;
  /** The events that may happen in this status, in the order the rules name them. */
  eventsFrom(from: S): E[];
};

export function statusMachine<S extends string, E extends string>(rules: Record<E, EventRule<S>>): StatusMachine<S, E> {
  const targetOf = (from: S, event: E): S | undefined =>
    Object.hasOwn(rules, event) && Object.hasOwn(rules[event].from, from) ? rules[event].from[from] : undefined;
  return {
    rules,
    transition(from, event) {
      const to = targetOf(from, event);
      if (to !== undefined) return ok(to);
      const refusal = Object.hasOwn(rules, event) ? rules[event].refusal : "Handlingen findes ikke.";
      return conflict(typeof refusal === "function" ? refusal(from) : refusal);
    },
    allows: (from, event) => targetOf(from, event) !== undefined,
    eventsFrom: (from) => (Object.keys(rules) as E[]).filter((e) => targetOf(from, e) !== undefined),
  };
}
