// The generic machine on a toy door: every status × event, by table.
import { describe, expect, it } from "vitest";
import { statusMachine } from "./status-machine";

type Door = "open" | "closed" | "locked";
const door = statusMachine<Door, "close" | "lock" | "open">({
  close: { from: { open: "closed" }, refusal: "Døren er ikke åben." },
  lock: { from: { closed: "locked", locked: "locked" }, refusal: (from) => `Døren er ${from}.` },
  open: { from: { closed: "open" }, refusal: "Døren kan ikke åbnes." },
});

describe("statusMachine", () => {
  it.each([
    ["open", "close", "closed"],
    ["open", "lock", "Døren er open."],
    ["open", "open", "Døren kan ikke åbnes."],
    ["closed", "close", "Døren er ikke åben."],
    ["closed", "lock", "locked"],
    ["closed", "open", "open"],
    ["locked", "close", "Døren er ikke åben."],
    ["locked", "lock", "locked"],
    ["locked", "open", "Døren kan ikke åbnes."],
  ] as const)("%s + %s → %s", (from, event, expected) => {
    const r = door.transition(from, event);
    if (r.ok) expect(r.value).toBe(expected);
    else {
      expect(r).toEqual({ ok: false, kind: "conflict", message: expected });
      expect(["open", "closed", "locked"]).not.toContain(expected);
    }
    expect(door.allows(from, event)).toBe(r.ok);
  });

  it("lists the events a status allows, and refuses an unknown event or status without crashing", () => {
    expect(door.eventsFrom("closed")).toEqual(["lock", "open"]);
    expect(door.eventsFrom("open")).toEqual(["close"]);
    expect(door.transition("open", "toString" as never)).toMatchObject({ ok: false, kind: "conflict" });
    expect(door.transition("toString" as never, "close")).toMatchObject({ ok: false, kind: "conflict" });
  });
});
