// One mapping from a command's failure to the action's answer, for every route.
import { describe, expect, it } from "vitest";
import { conflict, invalid, notFound, refused } from "~/domain/result";
import { commandFailure } from "./command-response.server";

type Answer = { data: Record<string, unknown>; init: ResponseInit | null };

describe("commandFailure", () => {
  it("throws 404 for not_found, like an id the actor may not see", () => {
    try {
      commandFailure(notFound("Ansøgningen findes ikke."), {});
      expect.unreachable();
    } catch (e) {
      expect((e as Response).status).toBe(404);
    }
  });

  it.each([
    [refused("Du har ikke adgang."), 403],
    [conflict("Ansøgningen er allerede indsendt."), 409],
    [invalid("Ret felterne.", { contactEmail: "Skriv en gyldig e-mailadresse." }), 400],
  ])("%j → %i, with the typed values kept", (failure, status) => {
    const answer = commandFailure(failure, { contactEmail: "x@", challenge: "Tekst" }, { intent: "submit" }) as unknown as Answer;
    expect(answer.init?.status).toBe(status);
    expect(answer.data).toMatchObject({ ok: false, kind: failure.kind, intent: "submit", values: { contactEmail: "x@", challenge: "Tekst" } });
    expect(answer.data.errors).toEqual(failure.errors ?? { form: failure.message });
  });

  it("puts a message without field errors where the page asks", () => {
    const answer = commandFailure(conflict("Bilag kan ikke længere ændres."), {}, {}, { field: "file" }) as unknown as Answer;
    expect(answer.data.errors).toEqual({ file: "Bilag kan ikke længere ændres." });
  });
});
