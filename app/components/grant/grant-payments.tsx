// The grant's payment plan (udbetalinger): one payment per quarter, paid in advance, with
// its status. Read-only here (the municipality sees its plan); the ministry works on the
// payments on /grants/:id/payments.
import { Link } from "@remix-run/react";
import { Alert } from "~/components/form";
import { TableScroll } from "~/components/table-scroll";
import { paymentStatusLabel } from "~/domain/payments/payment-status";
import { formatQuarter } from "~/utils/dates";
import { formatOre } from "~/utils/money";

export type GrantPaymentRow = {
  id: number;
  quarter: string;
  dueOn: string;
  amountOre: bigint;
  status: string;
  preparedByName: string | null;
  approvedByName: string | null;
  paidOn: string | null;
  correctedOre: bigint;
};

export type GrantPaymentsData = {
  grantId: number;
  holdReason: string | null;
  rows: GrantPaymentRow[];
  /** Ministry staff may work on the payments. */
  manage: boolean;
};

export function PaymentStatusBadge({ status }: { status: string }) {
  const tone = status === "paid" ? " pp-badge-ok" : status === "approved" || status === "prepared" ? " pp-badge-warn" : "";
  return <span className={`pp-badge${tone}`}>{paymentStatusLabel(status)}</span>;
}

export function PaymentHoldAlert({ reason }: { reason: string | null }) {
  if (!reason) return null;
  return (
    <Alert kind="warning" heading="Udbetalingerne er standset">
      <p>{reason}</p>
      <p>Der kan ikke klargøres eller godkendes udbetalinger, før stoppet er ophævet.</p>
    </Alert>
  );
}

export function GrantPayments({ p }: { p: GrantPaymentsData }) {
  const total = p.rows.reduce((s, r) => s + r.amountOre + r.correctedOre, 0n);
  return (
    <section aria-labelledby="grant-payments">
      <h2 id="grant-payments">Udbetalinger</h2>
      <p>Tilskuddet udbetales kvartalsvis forud efter det gældende budget.</p>
      <PaymentHoldAlert reason={p.holdReason} />
      {p.rows.length === 0 ? (
        <p>Der er ingen udbetalingsplan endnu. Planen lægges, når tilsagnet har et budget.</p>
      ) : (
        <PaymentPlanTable rows={p.rows} total={total} />
      )}
      {p.manage ? (
        <p>
          <Link to={`/grants/${p.grantId}/payments`}>Behandl udbetalinger</Link>
        </p>
      ) : null}
    </section>
  );
}

export function PaymentPlanTable({ rows, total }: { rows: GrantPaymentRow[]; total: bigint }) {
  return (
    <TableScroll label="Udbetalingsplan">
      <table className="table table--zebra table--compact">
        <caption className="sr-only">Udbetalingsplan pr. kvartal</caption>
        <thead>
          <tr>
            <th scope="col">Kvartal</th>
            <th scope="col">Forfald</th>
            <th scope="col" className="pp-num">Beløb</th>
            <th scope="col">Status</th>
            <th scope="col">Udbetalt den</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id}>
              <th scope="row">{formatQuarter(r.quarter)}</th>
              <td>{r.dueOn}</td>
              <td className="pp-num">
                {formatOre(r.amountOre)}
                {r.correctedOre !== 0n ? (
                  <>
                    <br />
                    <span className="pp-muted">rettet {r.correctedOre > 0n ? "+" : ""}{formatOre(r.correctedOre)}</span>
                  </>
                ) : null}
              </td>
              <td>
                <PaymentStatusBadge status={r.status} />
              </td>
              <td>{r.paidOn ?? ""}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" colSpan={2}>
              I alt
            </th>
            <td className="pp-num">{formatOre(total)}</td>
            <td colSpan={2} />
          </tr>
        </tfoot>
      </table>
    </TableScroll>
  );
}
