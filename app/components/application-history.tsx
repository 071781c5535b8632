// The application's status history (already in the reader's words, from the loader).
export function ApplicationHistory({ history }: { history: { at: string; text: string; by: string }[] }) {
  return (
    <section aria-labelledby="historik-heading">
      <h2 id="historik-heading">Historik</h2>
      {history.length === 0 ? (
        <p className="pp-muted">Ingen hændelser endnu.</p>
      ) : (
        <table className="table table--compact">
          <caption className="sr-only">Ansøgningens historik</caption>
          <thead>
            <tr>
              <th scope="col">Tidspunkt</th>
              <th scope="col">Hændelse</th>
              <th scope="col">Af</th>
            </tr>
          </thead>
          <tbody>
            {history.map((h, i) => (
              <tr key={i}>
                <td>{h.at}</td>
                <td>{h.text}</td>
                <td>{h.by}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
