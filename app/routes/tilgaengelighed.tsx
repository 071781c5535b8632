// /tilgaengelighed: the accessibility statement the web accessibility act
// (webtilgængelighedsloven) requires. Public on purpose: no loader, no guard, so
// people who cannot sign in can still read it and reach us.
import type { MetaFunction } from "@remix-run/node";

export const meta: MetaFunction = () => [
  { title: "Tilgængelighedserklæring · Puljeportal" },
  {
    name: "description",
    content: "Tilgængelighedserklæring for Puljeportal, Social- og Boligministeriet.",
  },
];

// Update both when the statement is reviewed (the act asks for a yearly review).
const PREPARED = "23. november 2026";
const FEEDBACK_EMAIL = "tilgaengelighed@sm.dk";

export default function AccessibilityStatement() {
  return (
    <>
      {/* Outside the narrow column: the long word would otherwise break mid-word */}
      <h1>Tilgængelighedserklæring for Puljeportal</h1>
      <div className="pp-narrow">
        <p>
          Social- og Boligministeriet ønsker, at alle kan bruge Puljeportal, uanset om man fx bruger skærmlæser,
          forstørrelse, tale eller kun tastatur. Denne erklæring gælder for Puljeportal, som ministeriet, kommunerne og
          rådgiverne bruger til puljen „Ekstra hjælp til kommuner med mange børnesager“.
        </p>

        <h2>Hvem er ansvarlig</h2>
        <p>
          Social- og Boligministeriet er ansvarlig for Puljeportal og for denne erklæring. Erklæringen følger lov om
          tilgængelighed af offentlige organers websteder og mobilapplikationer (webtilgængelighedsloven, lov nr. 692 af
          8. juni 2018).
        </p>

        <h2>Standard</h2>
        <p>
          Vi arbejder efter standarden Web Content Accessibility Guidelines (WCAG) 2.1 på niveau AA, som loven henviser
          til gennem den europæiske standard EN 301 549.
        </p>

        <h2>Status for overensstemmelse</h2>
        <p>
          Puljeportal er <strong>delvist i overensstemmelse</strong> med WCAG 2.1 niveau AA. Det skyldes, at den fulde
          test af løsningen endnu ikke er gennemført, og at der er de kendte problemer, som står nedenfor. Vi opdaterer
          status, når den fulde test er gennemført.
        </p>

        <h2>Sådan tester vi</h2>
        <ul>
          <li>
            Automatiske tjek med axe-core af hver side i vores browsertests efter reglerne for WCAG 2.0 og 2.1, niveau A
            og AA. Tjekkene er en del af den automatiske test, der køres, når løsningen ændres.
          </li>
          <li>
            Gennemgang med tastatur alene af de vigtigste forløb: log ind, udfyld og indsend en ansøgning, vurdér en
            ansøgning og læs status for puljen.
          </li>
          <li>Sider med diagrammer viser de samme tal i en tabel ved siden af diagrammet.</li>
        </ul>
        <p>
          Automatiske tjek finder kun en del af de mulige problemer. Derfor er status kun „delvist i overensstemmelse“.
        </p>

        <h2>Kendte problemer</h2>
        <ul>
          <li>
            Den fulde test med skærmlæser, forstørrelse og talegenkendelse er ikke gennemført endnu. Der kan derfor være
            problemer, vi ikke kender.
          </li>
          <li>
            Bilag, som brugerne selv uploader (fx PDF- og Word-filer), kan vi ikke gøre tilgængelige. Kontakt os, hvis
            du har brug for indholdet i en anden form.
          </li>
          <li>
            Dokumenter og udtræk, som Puljeportal danner (fx breve og CSV-filer), er endnu ikke testet for
            tilgængelighed.
          </li>
          <li>Datofelter bruger browserens egen datovælger, som fungerer forskelligt fra browser til browser.</li>
        </ul>

        <h2>Giv os besked</h2>
        <p>
          Oplever du problemer med tilgængeligheden, eller har du brug for oplysninger fra Puljeportal i en anden form,
          så skriv til Social- og Boligministeriet på <a href={`mailto:${FEEDBACK_EMAIL}`}>{FEEDBACK_EMAIL}</a>. Skriv
          gerne, hvilken side det drejer sig om, og hvad der ikke virker. Vi svarer så hurtigt som muligt.
        </p>

        <h2>Klagemulighed</h2>
        <p>
          Er du ikke tilfreds med vores svar, eller har du ikke fået svar, kan du klage til Digitaliseringsstyrelsen,
          som fører tilsyn med webtilgængelighedsloven. Læs om, hvordan du klager, på Digitaliseringsstyrelsens
          hjemmeside <a href="https://digst.dk">digst.dk</a>.
        </p>

        <p className="pp-muted">Erklæringen er udarbejdet den {PREPARED}.</p>
      </div>
    </>
  );
}
