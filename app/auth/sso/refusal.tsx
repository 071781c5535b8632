// The Danish page shown when a sign-in through an identity provider is refused.
import { Alert } from "~/components/form";
import type { SsoRefusal } from "./sign-in.server";

const TEXT: Record<SsoRefusal, { heading: string; body: string }> = {
  unknown: {
    heading: "Du har ikke en bruger i Puljeportal",
    body:
      "Vi kunne ikke finde en aktiv bruger, der passer til dit login. Adgang gives kun ved invitation fra ministeriets administrator, " +
      "og første gang skal e-mailadressen hos login-tjenesten være den, du blev inviteret med. Kontakt din administrator, hvis du skal have adgang.",
  },
  assurance: {
    heading: "Dit login havde ikke sikringsniveau Betydelig",
    body: "Puljeportal kræver mindst sikringsniveau Betydelig. Log ind igen med MitID på sikringsniveau Betydelig eller Høj.",
  },
  "other-identity": {
    heading: "Din bruger er knyttet til et andet login",
    body:
      "Din bruger i Puljeportal er allerede knyttet til en anden identitet hos denne login-tjeneste. " +
      "Kontakt din administrator, hvis du har fået en ny identitet.",
  },
  invalid: {
    heading: "Login kunne ikke gennemføres",
    body:
      "Svaret fra login-tjenesten kunne ikke godkendes, eller login-forsøget er udløbet eller allerede brugt. " +
      "Start forfra fra login-siden i samme browser.",
  },
};

export function SsoRefusalPage({ reason }: { reason: SsoRefusal }) {
  const text = TEXT[reason] ?? TEXT.invalid;
  return (
    <div className="pp-narrow">
      <h1>Du blev ikke logget ind</h1>
      <Alert kind="error" heading={text.heading}>
        {text.body}
      </Alert>
      <p>
        <a href="/login">Tilbage til login</a>
      </p>
    </div>
  );
}
