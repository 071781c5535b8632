// The grant's decision letters as sent (stored PDFs), and, for the municipality while the
// grant is offered, the way to accept it with the time left.
import { Link } from "@remix-run/react";

export type GrantLetterRow = { id: number; kind: "award" | "rejection"; filename: string; createdAt: string; href: string };

export type GrantAcceptanceData = {
  status: string;
  deadline: string;
  countdown: string;
  /** Null when it may be accepted now; otherwise why not (after the deadline). */
  blocker: string | null;
  /** The municipality user of this grant (the page asks the policy). */
  mayAccept: boolean;
  acceptedAt: string | null;
  /** Just accepted (the redirect after the confirmation): say so at the top. */
  justAccepted: boolean;
};

const kindLabels: Record<GrantLetterRow["kind"], string> = { award: "Tilsagnsbrev", rejection: "Afslag" };

export function GrantLetters({ letters, acceptance, grantId }: { letters: GrantLetterRow[]; acceptance: GrantAcceptanceData; grantId: number }) {
  return (
    <section aria-labelledby="grant-letters">
      <h2 id="grant-letters">Breve og accept</h2>
      <GrantAcceptanceStatus a={acceptance} grantId={grantId} />
      {letters.length === 0 ? (
        <p>Tilsagnsbrevet dannes og sendes lige om lidt; genindlæs siden om et øjeblik.</p>
      ) : (
        <ul>
          {letters.map((l) => (
            <li key={l.id}>
              <a href={l.href} download={l.filename}>
                {kindLabels[l.kind]} (PDF)
              </a>{" "}
              <span className="pp-muted">dannet {l.createdAt}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function GrantAcceptanceStatus({ a, grantId }: { a: GrantAcceptanceData; grantId: number }) {
  if (a.status === "accepted" && a.justAccepted) {
    return (
      <div className="alert alert-success" role="status">
        <div className="alert-body">
          <p className="alert-heading">Tilsagnet er accepteret</p>
          <p className="alert-text">Ministeriet har fået besked. Udbetalingen følger udbetalingsplanen i tilsagnsbrevet.</p>
        </div>
      </div>
    );
  }
  if (a.status === "accepted") {
    return (
      <p>
        Tilsagnet er accepteret{a.acceptedAt ? ` ${a.acceptedAt}` : ""}.
      </p>
    );
  }
  if (a.status === "lapsed") return <p>Tilsagnet er bortfaldet, fordi det ikke blev accepteret inden fristen {a.deadline}.</p>;
  if (a.status !== "offered") return null;
  return (
    <div className={`alert ${a.blocker ? "alert-warning" : "alert-info"}`} role="status">
      <div className="alert-body">
        <p className="alert-heading">{a.blocker ? "Fristen for accept er overskredet" : "Tilsagnet afventer accept"}</p>
        <p className="alert-text">
          Frist for accept: {a.deadline} · {a.countdown}
        </p>
        {a.blocker ? <p className="alert-text">{a.blocker}</p> : null}
        {a.mayAccept && !a.blocker ? (
          <p className="alert-text">
            <Link className="button button-primary" to={`/grants/${grantId}/accept`}>
              Acceptér tilsagnet
            </Link>
          </p>
        ) : null}
      </div>
    </div>
  );
}
