// The ministry's work on one grant's payments: per quarter the next step (prepare,
// approve or send back, mark paid with a date, correct a paid one), and the hold.
// Plain forms: they work without JavaScript; the server decides and answers.
import { Form } from "@remix-run/react";
import { formatQuarter } from "~/utils/dates";
import { formatOre } from "~/utils/money";
import { TableScroll } from "~/components/table-scroll";
import { PaymentStatusBadge, type GrantPaymentRow } from "~/components/grant/grant-payments";

export type ManageRow = GrantPaymentRow & { mine: boolean };

function Step({ r, today, held }: { r: ManageRow; today: string; held: boolean }) {
  const hidden = <input type="hidden" name="paymentId" value={r.id} />;
  if (r.status === "planned")
    return held ? (
      <span className="pp-muted">Standset</span>
    ) : (
      <Form method="post">
        {hidden}
        <button className="button button-secondary pp-small-button" name="intent" value="prepare" type="submit">
          Klargør {formatQuarter(r.quarter)}
        </button>
      </Form>
    );
  if (r.status === "prepared")
    return (
      <Form method="post" className="pp-actions">
        {hidden}
        {r.mine ? (
          <span className="pp-muted">Afventer godkendelse af en anden medarbejder</span>
        ) : held ? (
          <span className="pp-muted">Standset</span>
        ) : (
          <button className="button button-primary pp-small-button" name="intent" value="approve" type="submit">
            Godkend {formatQuarter(r.quarter)}
          </button>
        )}
        <button className="button button-tertiary pp-small-button" name="intent" value="return" type="submit">
          Send tilbage
        </button>
      </Form>
    );
  if (r.status === "approved")
    return (
      <Form method="post" className="pp-actions">
        {hidden}
        <label className="form-label" htmlFor={`paidOn-${r.id}`}>
          Udbetalt den
        </label>
        <input className="form-input" type="date" id={`paidOn-${r.id}`} name="paidOn" defaultValue={today} required />
        <button className="button button-primary pp-small-button" name="intent" value="markPaid" type="submit">
          Markér {formatQuarter(r.quarter)} som udbetalt
        </button>
      </Form>
    );
  if (r.status === "paid")
    return (
      <details>
        <summary>Ret udbetaling</summary>
        <Form method="post">
          {hidden}
          <fieldset>
            <legend className="form-label">Hvad skete der?</legend>
            <div className="form-group-radio">
              <input className="form-radio" type="radio" id={`more-${r.id}`} name="direction" value="more" defaultChecked />
              <label htmlFor={`more-${r.id}`}>Der er udbetalt mere end bogført</label>
            </div>
            <div className="form-group-radio">
              <input className="form-radio" type="radio" id={`less-${r.id}`} name="direction" value="less" />
              <label htmlFor={`less-${r.id}`}>Der er udbetalt mindre end bogført</label>
            </div>
          </fieldset>
          <div className="form-group">
            <label className="form-label" htmlFor={`amount-${r.id}`}>
              Beløb (kr.)
            </label>
            <input className="form-input" id={`amount-${r.id}`} name="correctionAmount" inputMode="decimal" required />
          </div>
          <div className="form-group">
            <label className="form-label" htmlFor={`booked-${r.id}`}>
              Bogføringsdato
            </label>
            <input className="form-input" type="date" id={`booked-${r.id}`} name="bookedOn" defaultValue={today} required />
          </div>
          <div className="form-group">
            <label className="form-label" htmlFor={`reason-${r.id}`}>
              Begrundelse
            </label>
            <textarea className="form-input" id={`reason-${r.id}`} name="reason" rows={2} required />
          </div>
          <button className="button button-secondary pp-small-button" name="intent" value="correct" type="submit">
            Bogfør rettelse
          </button>
        </Form>
      </details>
    );
  return null;
}

export function PaymentManageTable({ rows, today, held }: { rows: ManageRow[]; today: string; held: boolean }) {
  return (
    <TableScroll label="Udbetalinger">
      <table className="table table--zebra table--compact">
        <caption className="sr-only">Udbetalinger pr. kvartal med næste skridt</caption>
        <thead>
          <tr>
            <th scope="col">Kvartal</th>
            <th scope="col">Forfald</th>
            <th scope="col" className="pp-num">Beløb</th>
            <th scope="col">Status</th>
            <th scope="col">Klargjort af</th>
            <th scope="col">Godkendt af</th>
            <th scope="col">Næste skridt</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id}>
              <th scope="row">{formatQuarter(r.quarter)}</th>
              <td>{r.dueOn}</td>
              <td className="pp-num">
                {formatOre(r.amountOre)}
                {r.correctedOre !== 0n ? <span className="pp-muted"> (rettet {formatOre(r.correctedOre)})</span> : null}
              </td>
              <td>
                <PaymentStatusBadge status={r.status} />
                {r.paidOn ? <span className="pp-muted"> {r.paidOn}</span> : null}
              </td>
              <td>{r.preparedByName ?? (r.status === "planned" ? "" : "Systemet")}</td>
              <td>{r.approvedByName ?? ""}</td>
              <td>
                <Step r={r} today={today} held={held} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

export function PaymentHoldForm({ held }: { held: boolean }) {
  return held ? (
    <Form method="post" className="pp-actions">
      <button className="button button-secondary" name="intent" value="release" type="submit">
        Ophæv stop for udbetalinger
      </button>
    </Form>
  ) : (
    <details>
      <summary>Stands udbetalinger</summary>
      <Form method="post">
        <div className="form-group">
          <label className="form-label" htmlFor="holdReason">
            Begrundelse (vises for kommunen og på arbejdslisten)
          </label>
          <textarea className="form-input" id="holdReason" name="holdReason" rows={2} required />
        </div>
        <button className="button button-secondary" name="intent" value="hold" type="submit">
          Stands udbetalinger
        </button>
      </Form>
    </details>
  );
}
