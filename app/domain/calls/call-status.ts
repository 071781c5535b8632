// The call's status machine: a draft is published; a published call may be withdrawn
// back to draft (the withdraw command also requires that nobody has applied yet).
import { statusMachine } from "~/domain/status-machine";
import type { CallStatus } from "./call-constants";

export const callMachine = statusMachine<CallStatus, "publish" | "withdraw">({
  publish: { from: { draft: "published" }, refusal: "Opslaget er allerede offentliggjort." },
  withdraw: { from: { published: "draft" }, refusal: "Opslaget er ikke offentliggjort." },
});
