// Status-pack figures for the pure tests: two municipalities, round amounts, one odd øre.
import type { PackGrantRow, StatusPackFigures } from "~/domain/status-pack/figures";

export function grantRow(over: Partial<PackGrantRow> = {}): PackGrantRow {
  return {
    grantId: 1,
    municipalityCode: "0360",
    municipalityName: "Lolland",
    grantStatus: "accepted",
    grantedOre: 1_880_000_00n,
    committedOre: 1_880_000_00n,
    paidOre: 1_000_000_00n,
    repaidOre: 0n,
    netPaidOre: 1_000_000_00n,
    outstandingOre: 880_000_00n,
    spendReportedOre: 0n,
    programme: {
      status: "active",
      startsOn: "2023-02-01",
      plannedEndOn: "2023-08-31",
      intensity: "high",
      focusAreas: ["Børneinddragelse", "Ledelsestilsyn"],
      milestones: 7,
      milestonesDone: 5,
      milestonesOverdue: 1,
    },
    reportsDue: 2,
    reportsReceived: 2,
    reportsApproved: 1,
    reportsOverdue: 0,
    ...over,
  };
}

export function figures(over: Partial<StatusPackFigures> = {}): StatusPackFigures {
  const grants = over.grants ?? [
    grantRow(),
    grantRow({
      grantId: 2,
      municipalityCode: "0482",
      municipalityName: "Langeland",
      grantedOre: 1_620_000_00n,
      committedOre: 1_620_000_00n,
      paidOre: 810_000_50n,
      netPaidOre: 810_000_50n,
      outstandingOre: 809_999_50n,
      spendReportedOre: 400_000_00n,
      programme: { ...grantRow().programme!, status: "completed", focusAreas: ["Børneinddragelse", "Sagsgennemgang"], milestones: 6, milestonesDone: 6, milestonesOverdue: 0 },
      reportsDue: 2,
      reportsReceived: 1,
      reportsApproved: 1,
      reportsOverdue: 1,
    }),
  ];
  const committed = grants.reduce((s, g) => s + g.committedOre, 0n);
  const netPaid = grants.reduce((s, g) => s + g.netPaidOre, 0n);
  return {
    asOf: "2024-04-30",
    pool: {
      id: 1,
      name: "Ekstra hjælp til kommuner med mange børnesager",
      financeLine: "15.26.35.10",
      startsOn: "2022-09-01",
      endsOn: "2025-09-30",
      initiativeEndsOn: "2025-09-30",
      totalOre: 14_300_000_00n,
      grantedOre: committed,
      lapsedOre: 0n,
      cancelledOre: 0n,
      repaidOre: 0n,
      committedOre: committed,
      paidOre: netPaid,
      netPaidOre: netPaid,
      outstandingOre: committed - netPaid,
      uncommittedOre: 14_300_000_00n - committed,
    },
    grants,
    indicators: [],
    themes: [],
    ...over,
  };
}
