// The pool overview's tables: the pools side by side, one pool's figures, and its grants
// per municipality. Amounts arrive as øre (bigint) and are formatted here only.
import { Link } from "@remix-run/react";
import { TableScroll } from "~/components/table-scroll";
import { GrantStatusBadge } from "~/components/grant/grant-header";
import { formatOre } from "~/utils/money";

type Sums = {
  grantedOre: bigint;
  lapsedOre: bigint;
  cancelledOre: bigint;
  committedOre: bigint;
  paidOre: bigint;
  repaidOre: bigint;
  outstandingOre: bigint;
};

export type PoolListRow = Sums & { id: number; name: string; period: string; totalOre: bigint; uncommittedOre: bigint; grantCount: number };

export function PoolTable({ rows }: { rows: PoolListRow[] }) {
  return (
    <TableScroll label="Puljer">
      <table className="table table--zebra table--compact">
        <caption className="sr-only">Puljer med disponeret, udbetalt og tilbagebetalt beløb</caption>
        <thead>
          <tr>
            <th scope="col">Pulje</th>
            <th scope="col">Periode</th>
            <th scope="col" className="pp-num">Tilsagn</th>
            <th scope="col" className="pp-num">Ramme</th>
            <th scope="col" className="pp-num">Disponeret</th>
            <th scope="col" className="pp-num">Udbetalt</th>
            <th scope="col" className="pp-num">Tilbagebetalt</th>
            <th scope="col" className="pp-num">Ikke disponeret</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((p) => (
            <tr key={p.id}>
              <td>
                <Link to={`/pools/${p.id}`}>{p.name}</Link>
              </td>
              <td>{p.period}</td>
              <td className="pp-num">{p.grantCount}</td>
              <td className="pp-num">{formatOre(p.totalOre)}</td>
              <td className="pp-num">{formatOre(p.committedOre)}</td>
              <td className="pp-num">{formatOre(p.paidOre)}</td>
              <td className="pp-num">{formatOre(p.repaidOre)}</td>
              <td className="pp-num">{formatOre(p.uncommittedOre)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

export type PoolFiguresData = Sums & { totalOre: bigint; uncommittedOre: bigint; netPaidOre: bigint; correctedCommittedOre: bigint };

/** Where the pool's money is: from the ledger, the releases shown as what they took back. */
export function PoolFigures({ p }: { p: PoolFiguresData }) {
  const row = (label: string, ore: bigint, strong = false) => (
    <tr>
      <th scope="row">{strong ? <strong>{label}</strong> : label}</th>
      <td className="pp-num">{strong ? <strong>{formatOre(ore)}</strong> : formatOre(ore)}</td>
    </tr>
  );
  return (
    <section aria-labelledby="pool-figures">
      <h2 id="pool-figures">Puljens beløb</h2>
      <table className="table table--compact">
        <caption className="sr-only">Puljens beløb fra posteringerne</caption>
        <tbody>
          {row("Puljens ramme", p.totalOre, true)}
          {row("Givet i tilsagn", p.grantedOre)}
          {p.lapsedOre !== 0n ? row("− Bortfaldet", p.lapsedOre) : null}
          {p.cancelledOre !== 0n ? row("− Annulleret eller frigivet", p.cancelledOre) : null}
          {p.repaidOre !== 0n ? row("− Tilbagebetalt", p.repaidOre) : null}
          {p.correctedCommittedOre !== 0n ? row("Korrektioner", p.correctedCommittedOre) : null}
          {row("Disponeret nu", p.committedOre, true)}
          {row("Ikke disponeret", p.uncommittedOre, true)}
          {row("Udbetalt", p.paidOre)}
          {row("Tilbagebetalt", p.repaidOre)}
          {row("Disponeret, endnu ikke udbetalt", p.outstandingOre)}
        </tbody>
      </table>
    </section>
  );
}

export type PoolGrantViewRow = Sums & { grantId: number; municipalityName: string; callTitle: string; status: string };

export function PoolGrantTable({ rows, totals }: { rows: PoolGrantViewRow[]; totals: Sums }) {
  const released = (r: Sums) => r.lapsedOre + r.cancelledOre;
  // The call only when the pool's grants come from more than one (otherwise it repeats on every row).
  const showCall = new Set(rows.map((r) => r.callTitle)).size > 1;
  return (
    <TableScroll label="Tilsagn pr. kommune">
      <table className="table table--zebra table--compact">
        <caption className="sr-only">Tilsagn pr. kommune med posteringernes summer</caption>
        <thead>
          <tr>
            <th scope="col">Kommune</th>
            {showCall ? <th scope="col">Opslag</th> : null}
            <th scope="col">Status</th>
            <th scope="col" className="pp-num">Tilsagn</th>
            <th scope="col" className="pp-num">Bortfaldet/frigivet</th>
            <th scope="col" className="pp-num">Disponeret</th>
            <th scope="col" className="pp-num">Udbetalt</th>
            <th scope="col" className="pp-num">Tilbagebetalt</th>
            <th scope="col" className="pp-num">Ikke udbetalt</th>
            <th scope="col">Posteringer</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.grantId}>
              <th scope="row">
                <Link to={`/grants/${r.grantId}`}>{r.municipalityName}</Link>
              </th>
              {showCall ? <td>{r.callTitle}</td> : null}
              <td>
                <GrantStatusBadge status={r.status} />
              </td>
              <td className="pp-num">{formatOre(r.grantedOre)}</td>
              <td className="pp-num">{formatOre(released(r))}</td>
              <td className="pp-num">{formatOre(r.committedOre)}</td>
              <td className="pp-num">{formatOre(r.paidOre)}</td>
              <td className="pp-num">{formatOre(r.repaidOre)}</td>
              <td className="pp-num">{formatOre(r.outstandingOre)}</td>
              <td>
                <Link to={`/grants/${r.grantId}#grant-ledger`} aria-label={`Se posteringer: ${r.municipalityName}, ${r.callTitle}`}>
                  Se posteringer
                </Link>
              </td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" colSpan={showCall ? 3 : 2}>
              I alt
            </th>
            <td className="pp-num">{formatOre(totals.grantedOre)}</td>
            <td className="pp-num">{formatOre(released(totals))}</td>
            <td className="pp-num">{formatOre(totals.committedOre)}</td>
            <td className="pp-num">{formatOre(totals.paidOre)}</td>
            <td className="pp-num">{formatOre(totals.repaidOre)}</td>
            <td className="pp-num">{formatOre(totals.outstandingOre)}</td>
            <td />
          </tr>
        </tfoot>
      </table>
    </TableScroll>
  );
}
