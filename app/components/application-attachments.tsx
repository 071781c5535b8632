// Attachments of an application: list with downloads, and (while editable) upload
// and delete. The upload is a plain multipart form; with JavaScript it stays on the page.
import { Link, useFetcher } from "@remix-run/react";
import { useState } from "react";
import { FILE_SIZE_MESSAGE, MAX_ATTACHMENT_BYTES } from "~/domain/files/upload-rules";
import { Alert } from "./form";

export type AttachmentItem = { id: string; filename: string; sizeBytes: number; uploadedAt: string };

export function formatBytes(n: number) {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${Math.round(n / 1024)} kB`;
  return `${(n / (1024 * 1024)).toFixed(1).replace(".", ",")} MB`;
}

export const ACCEPTED_FILES =
  ".pdf,.docx,.xlsx,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

export function AttachmentList({ applicationId, attachments, editable }: { applicationId: number; attachments: AttachmentItem[]; editable: boolean }) {
  if (attachments.length === 0) return <p>Der er ingen bilag.</p>;
  return (
    <table className="table table--compact">
      <caption className="sr-only">Bilag</caption>
      <thead>
        <tr>
          <th scope="col">Fil</th>
          <th scope="col" className="pp-num">Størrelse</th>
          <th scope="col">Tilføjet</th>
          {editable ? <th scope="col"><span className="sr-only">Handlinger</span></th> : null}
        </tr>
      </thead>
      <tbody>
        {attachments.map((f) => (
          <tr key={f.id}>
            <td>
              <a href={`/applications/${applicationId}/attachments/${f.id}`} download>
                {f.filename}
              </a>
            </td>
            <td className="pp-num">{formatBytes(f.sizeBytes)}</td>
            <td>{f.uploadedAt}</td>
            {editable ? (
              <td>
                <Link to={`/applications/${applicationId}/attachments?slet=${f.id}`} aria-label={`Slet ${f.filename}`}>
                  Slet
                </Link>
              </td>
            ) : null}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function AttachmentUpload({ applicationId, error }: { applicationId: number; error?: string }) {
  const fetcher = useFetcher<{ errors?: Record<string, string> }>();
  const [tooLarge, setTooLarge] = useState(false);
  const message = tooLarge ? FILE_SIZE_MESSAGE : (fetcher.data?.errors?.file ?? fetcher.data?.errors?.form ?? error);
  const busy = fetcher.state !== "idle";
  return (
    <fetcher.Form
      method="post"
      action={`/applications/${applicationId}/attachments`}
      encType="multipart/form-data"
      onSubmit={(event) => {
        // Refuse an oversized file before sending it; the server checks again.
        const file = (event.currentTarget.elements.namedItem("file") as HTMLInputElement).files?.[0];
        const over = Boolean(file && file.size > MAX_ATTACHMENT_BYTES);
        setTooLarge(over);
        if (over) event.preventDefault();
      }}
    >
      <input type="hidden" name="intent" value="upload" />
      <div className={`form-group${message ? " form-error" : ""}`}>
        <label className="form-label" htmlFor="attachment-file">
          Vedhæft en fil
        </label>
        <span className="form-hint" id="attachment-file-hint">
          PDF, Word (DOCX) eller Excel (XLSX), højst 10 MB pr. fil.
        </span>
        {message ? (
          <span className="form-error-message" id="attachment-file-error" role="alert">
            <span className="sr-only">Fejl: </span>
            {message}
          </span>
        ) : null}
        <input
          id="attachment-file"
          type="file"
          name="file"
          accept={ACCEPTED_FILES}
          className="form-file-input"
          required
          aria-invalid={message ? true : undefined}
          aria-describedby={message ? "attachment-file-hint attachment-file-error" : "attachment-file-hint"}
        />
      </div>
      <button type="submit" className="button button-secondary" disabled={busy}>
        {busy ? "Vedhæfter …" : "Vedhæft fil"}
      </button>
    </fetcher.Form>
  );
}

export function AttachmentNotice({ uploaded, deleted }: { uploaded: boolean; deleted: boolean }) {
  if (uploaded) return <Alert kind="success">Filen er vedhæftet.</Alert>;
  if (deleted) return <Alert kind="success">Bilaget er slettet.</Alert>;
  return null;
}
