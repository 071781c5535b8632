// Migration 0011 (decision 017) on data made by the previous schema: each existing score
// becomes part of the single assessment of the user who scored it (or, without one, the
// assigned caseworker); a score with neither becomes the agreed score. Nothing is lost, no
// second assessor appears, so the existing ranking keeps its numbers.
import { readFileSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { expect, it } from "vitest";

const folder = "db/migrations";
const journal = JSON.parse(readFileSync(`${folder}/meta/_journal.json`, "utf8")) as { entries: { idx: number; tag: string }[] };
const sqlOf = (tag: string) => readFileSync(`${folder}/${tag}.sql`, "utf8");

it("turns the old one-score-per-criterion rows into single assessments, or agreed scores when no one is known", async () => {
  const target = journal.entries.find((e) => e.tag.endsWith("_double_assessment"));
  expect(target).toBeDefined();
  const pg = new PGlite();
  for (const e of journal.entries.filter((e) => e.idx < target!.idx)) await pg.exec(sqlOf(e.tag));

  await pg.exec(`
    INSERT INTO municipalities (code, name, official_name, region) VALUES ('0360', 'Lolland', 'Lolland Kommune', 'Sjælland');
    INSERT INTO users (id, email, name) VALUES
      ('00000000-0000-0000-0000-00000000000a', 'a@test.dk', 'Scorer A'),
      ('00000000-0000-0000-0000-00000000000b', 'b@test.dk', 'Sagsbehandler B');
    INSERT INTO pools (id, name, finance_line, total_ore, starts_on, ends_on) VALUES (1, 'Pulje', '15.26.35.10', 1430000000, '2023-01-01', '2024-12-31');
    INSERT INTO calls (id, pool_id, title, purpose, project_start, project_end, deadline) VALUES (1, 1, 'Opslag', 'Formål', '2023-01-01', '2024-12-31', '2022-11-07T11:00:00Z');
    INSERT INTO call_criteria (id, call_id, label, weight, sort_order) VALUES (1, 1, 'Formål', 60, 1), (2, 1, 'Budget', 40, 2);
    INSERT INTO applications (id, call_id, municipality_code, status, assigned_to) VALUES
      (1, 1, '0360', 'assessed', '00000000-0000-0000-0000-00000000000b');
  `);
  await pg.exec(`
    INSERT INTO municipalities (code, name, official_name, region) VALUES ('0320', 'Faxe', 'Faxe Kommune', 'Sjælland');
    INSERT INTO applications (id, call_id, municipality_code, status) VALUES (2, 1, '0320', 'assessed');
    INSERT INTO assessment_scores (application_id, criterion_id, score, note, scored_by) VALUES
      (1, 1, 4, 'Godt', '00000000-0000-0000-0000-00000000000a'),
      (1, 2, 3, '', NULL),
      (2, 1, 2, 'Uden scorer', NULL);
  `);

  await pg.exec(sqlOf(target!.tag));

  const scores = await pg.query<{ application_id: number; criterion_id: number; assessor_id: string; score: number; note: string }>(
    "SELECT application_id, criterion_id, assessor_id, score, note FROM assessment_scores ORDER BY application_id, criterion_id",
  );
  expect(scores.rows).toEqual([
    { application_id: 1, criterion_id: 1, assessor_id: "00000000-0000-0000-0000-00000000000a", score: 4, note: "Godt" },
    { application_id: 1, criterion_id: 2, assessor_id: "00000000-0000-0000-0000-00000000000b", score: 3, note: "" },
  ]);
  const agreed = await pg.query("SELECT application_id, criterion_id, score, note FROM agreed_scores");
  expect(agreed.rows).toEqual([{ application_id: 2, criterion_id: 1, score: 2, note: "Uden scorer" }]);
  const apps = await pg.query("SELECT id, second_assessor_id FROM applications ORDER BY id");
  expect(apps.rows).toEqual([
    { id: 1, second_assessor_id: null },
    { id: 2, second_assessor_id: null },
  ]);
  expect((await pg.query("SELECT * FROM assessment_submissions")).rows).toEqual([]);
  await pg.close();
}, 120_000);
