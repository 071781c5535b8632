// Payment statuses for pages and commands (no server imports: components use this file).
// planned → prepared (caseworker) → approved (another ministry user) → paid (with a date).
import { PAYMENT_STATUSES, type PaymentStatus } from "~/domain/grants/grant-constants";
import { statusMachine } from "~/domain/status-machine";

export type PaymentEvent = "prepare" | "approve" | "return" | "markPaid";

export const paymentMachine = statusMachine<PaymentStatus, PaymentEvent>({
  prepare: { from: { planned: "prepared" }, refusal: (from) => `Udbetalingen er ${paymentStatusLabels[from].toLowerCase()} og kan ikke klargøres.` },
  approve: { from: { prepared: "approved" }, refusal: (from) => `Kun en klargjort udbetaling kan godkendes (denne er ${paymentStatusLabels[from].toLowerCase()}).` },
  return: { from: { prepared: "planned" }, refusal: "Kun en klargjort udbetaling kan sendes tilbage." },
  markPaid: { from: { approved: "paid" }, refusal: (from) => `Kun en godkendt udbetaling kan markeres som udbetalt (denne er ${paymentStatusLabels[from].toLowerCase()}).` },
});

export const paymentStatusLabels: Record<PaymentStatus, string> = {
  planned: "Planlagt",
  prepared: "Klargjort",
  approved: "Godkendt",
  paid: "Udbetalt",
  cancelled: "Annulleret",
};

export function paymentStatusLabel(status: string): string {
  return (PAYMENT_STATUSES as readonly string[]).includes(status) ? paymentStatusLabels[status as PaymentStatus] : status;
}

export const FOUR_EYES_MESSAGE = "Du har selv klargjort udbetalingen. En anden medarbejder i ministeriet skal godkende den (fire øjne).";

export function holdMessage(reason: string) {
  return `Udbetalinger til tilsagnet er standset: ${reason}`;
}
