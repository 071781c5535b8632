import { date, integer, pgTable, primaryKey } from "drizzle-orm/pg-core";
import { ts } from "./columns";
import { milestones } from "./programmes";

// One reminder per overdue milestone and planned date: the key is the claim, so the reminder
// job (app/domain/timeline/reminders.server.ts) never mails twice for the same date, whatever
// its own daily key; a milestone postponed to a new date is reminded again when that passes.
export const milestoneReminders = pgTable(
  "milestone_reminders",
  {
    milestoneId: integer("milestone_id")
      .notNull()
      .references(() => milestones.id),
    plannedOn: date("planned_on").notNull(),
    recipients: integer("recipients").notNull(),
    sentAt: ts("sent_at").notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.milestoneId, t.plannedOn] })],
);
