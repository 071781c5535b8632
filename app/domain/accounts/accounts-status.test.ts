import { describe, expect, it } from "vitest";
import { ACCOUNTS_STATUSES, type AccountsStatus } from "~/domain/grants/grant-constants";
import { accountsMachine, type AccountsEvent } from "./accounts-status";

// Every status × event: a new status or event fails this until the table says what happens.
const table: Record<AccountsStatus, Partial<Record<AccountsEvent, AccountsStatus>>> = {
  draft: { save: "draft", submit: "submitted" },
  returned: { save: "returned", submit: "submitted" },
  submitted: { assess: "submitted", return: "returned", approve: "approved" },
  approved: {},
};

describe("accounts status machine", () => {
  it.each(ACCOUNTS_STATUSES)("from %s", (from) => {
    for (const event of Object.keys(accountsMachine.rules) as AccountsEvent[]) {
      const r = accountsMachine.transition(from, event);
      const expected = table[from][event];
      if (expected) expect(r).toEqual({ ok: true, value: expected });
      else expect(r).toMatchObject({ ok: false, kind: "conflict" });
    }
  });
});
