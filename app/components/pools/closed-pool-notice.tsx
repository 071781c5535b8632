import { Alert } from "~/components/form";

export type ClosedPool = { at: string; byName: string | null } | null;

/** On every page of a closed pool's data: why there is nothing to change here. */
export function ClosedPoolNotice({ closed }: { closed: ClosedPool }) {
  if (!closed) return null;
  return (
    <Alert kind="info" heading="Puljen er afsluttet">
      Afsluttet {closed.at}
      {closed.byName ? ` af ${closed.byName}` : ""}. Alt i puljen er skrivebeskyttet: intet kan ændres, men alt kan ses og eksporteres.
    </Alert>
  );
}
