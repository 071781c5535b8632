// The municipality's budget change request: the grid of the version in force, pre-filled,
// and a reason. The same zod schema as the server; the totals and the rule's verdict are
// worked out live in the browser (bigint øre) with the same pure function the server uses.
import { Form, useNavigation } from "@remix-run/react";
import { useMemo } from "react";
import { parseBudgetKey, type BudgetLine } from "~/domain/applications/budget";
import { budgetCellLabel } from "~/domain/applications/budget";
import { decideBudgetChange } from "~/domain/grants/budget-change-rule";
import { budgetChangeSchema } from "~/domain/grants/budget-change-schema";
import { formatOre, parseDanishAmount } from "~/utils/money";
import { BudgetEditor } from "~/components/application-budget";
import { Alert, FormErrorSummary, TextArea, useValidatedForm, type ActionFailure } from "~/components/form";
import type { BudgetCategory, BudgetCell } from "./budget-data";

export type BudgetChangeFormData = {
  grantId: number;
  categories: BudgetCategory[];
  quarters: string[];
  committedOre: bigint;
  version: number;
  current: BudgetCell[];
  values: Record<string, string>;
  thresholds: { percent: number; ore: bigint };
};

function linesOf(values: Record<string, unknown>): BudgetLine[] {
  const out: BudgetLine[] = [];
  for (const [k, v] of Object.entries(values)) {
    const cell = parseBudgetKey(k);
    const ore = typeof v === "string" ? (v.trim() === "" ? 0n : parseDanishAmount(v)) : null;
    if (cell && ore !== null && ore > 0n) out.push({ ...cell, amountOre: ore });
  }
  return out;
}

export function BudgetChangeForm({ data, failure }: { data: BudgetChangeFormData; failure?: ActionFailure }) {
  const committed = BigInt(data.committedOre);
  const grid = useMemo(() => ({ categoryIds: data.categories.map((c) => c.id), quarters: data.quarters }), [data.categories, data.quarters]);
  const schema = useMemo(() => budgetChangeSchema(grid, committed), [grid, committed]);
  const { form, onSubmit, errorOf, register } = useValidatedForm(schema, { defaultValues: data.values, actionData: failure });
  const values = { ...data.values, ...(failure?.values as Record<string, unknown> | undefined), ...(form.watch() as Record<string, unknown>) };
  const navigation = useNavigation();
  const verdict = decideBudgetChange({
    current: data.current.map((l) => ({ ...l, amountOre: BigInt(l.amountOre) })),
    proposed: linesOf(values),
    thresholds: { percent: data.thresholds.percent, ore: BigInt(data.thresholds.ore) },
    committedOre: committed,
    categories: data.categories,
  });
  const errors = { ...failure?.errors };
  delete errors.form;
  return (
    <>
      {failure?.errors?.form ? <Alert kind="error" heading="Budgetændringen er ikke sendt">{failure.errors.form}</Alert> : null}
      <FormErrorSummary errors={errors} labelOf={(field) => budgetCellLabel(field, data.categories)} />
      <Form method="post" onSubmit={onSubmit} noValidate>
        <input type="hidden" name="fromVersion" value={data.version} />
        <BudgetEditor
          categories={data.categories}
          quarters={data.quarters}
          values={values}
          register={register}
          errorOf={errorOf}
          maxOre={null}
          error={errorOf("budget")}
          hint={`Ret beløbene i kroner, fx 125.000,00. Tomme felter tæller som 0 kr. Budgettet skal i alt være ${formatOre(committed)}: en budgetændring flytter penge mellem budgetposter og kvartaler, men lægger ikke penge til.`}
          summary={(totals) => {
            const diff = totals.total - committed;
            return (
              <div aria-live="polite">
                <p>
                  Budget i alt: <strong data-testid="change-total">{formatOre(totals.total)}</strong> af {formatOre(committed)}
                  {diff === 0n ? null : (
                    <span className="pp-badge pp-badge-warn"> {diff > 0n ? `${formatOre(diff)} for meget` : `${formatOre(-diff)} mangler`}</span>
                  )}
                </p>
                <p data-testid="change-verdict">
                  <strong>Forventet vurdering: </strong>
                  {verdict.ok ? verdict.explanation : diff === 0n ? "Budgettet er ikke ændret endnu." : "Budgettet går ikke op endnu."}
                </p>
              </div>
            );
          }}
        />
        <TextArea
          name="reason"
          label="Begrundelse for ændringen"
          hint="Hvorfor skal budgettet ændres? Ministeriet ser begrundelsen sammen med ændringen."
          register={register}
          error={errorOf("reason")}
          defaultValue={String(values.reason ?? "")}
        />
        <button type="submit" className="button button-primary" disabled={navigation.state !== "idle"}>
          Send budgetændring
        </button>
      </Form>
    </>
  );
}
