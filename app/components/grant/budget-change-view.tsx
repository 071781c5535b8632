// One budget change: what was asked and why, the rule's verdict, the proposal beside the
// version it was measured against, and (for the ministry, while it waits) the decision.
import { Form, useNavigation } from "@remix-run/react";
import { budgetDecisionSchema } from "~/domain/grants/budget-change-schema";
import { Alert, FormErrorSummary, TextArea, useValidatedForm, type ActionFailure } from "~/components/form";
import { BudgetCompare } from "./budget-compare";
import { budgetChangeBadge, budgetChangeStatusLabels, type BudgetCategory, type BudgetCell, type BudgetChangeView } from "./budget-data";

export type BudgetChangePageData = {
  grantId: number;
  categories: BudgetCategory[];
  quarters: string[];
  change: BudgetChangeView;
  proposed: BudgetCell[];
  from: BudgetCell[];
  canDecide: boolean;
};

function DecisionForm({ failure }: { failure?: ActionFailure }) {
  const { onSubmit, errorOf, register } = useValidatedForm(budgetDecisionSchema, { actionData: failure });
  const navigation = useNavigation();
  const errors = { ...failure?.errors };
  delete errors.form;
  return (
    <section aria-labelledby="decision">
      <h2 id="decision">Afgørelse</h2>
      {failure?.errors?.form ? <Alert kind="error">{failure.errors.form}</Alert> : null}
      <FormErrorSummary errors={errors} />
      <Form method="post" onSubmit={onSubmit} noValidate>
        <TextArea
          name="note"
          label="Begrundelse"
          hint="Skal udfyldes ved afvisning. Kommunen får begrundelsen i en e-mail."
          register={register}
          error={errorOf("note")}
          defaultValue={String(failure?.values?.note ?? "")}
        />
        <div className="pp-actions">
          <button type="submit" name="decision" value="approve" className="button button-primary" disabled={navigation.state !== "idle"}>
            Godkend budgetændringen
          </button>
          <button type="submit" name="decision" value="reject" className="button button-secondary" disabled={navigation.state !== "idle"}>
            Afvis budgetændringen
          </button>
        </div>
      </Form>
    </section>
  );
}

export function BudgetChangeDetails({ data, failure }: { data: BudgetChangePageData; failure?: ActionFailure }) {
  const c = data.change;
  const toLabel = c.toVersion ? `Version ${c.toVersion}` : "Foreslået";
  return (
    <>
      <h1>Budgetændring</h1>
      <dl className="pp-facts">
        <dt>Status</dt>
        <dd>
          <span className={budgetChangeBadge[c.status]}>{budgetChangeStatusLabels[c.status]}</span>
        </dd>
        <dt>Anmodet</dt>
        <dd>
          {c.requestedAt}
          {c.requestedByName ? ` af ${c.requestedByName}` : ""}
        </dd>
        {c.decidedAt ? (
          <>
            <dt>Afgjort</dt>
            <dd>{c.decidedAt}</dd>
          </>
        ) : null}
        <dt>Vurdering efter reglen</dt>
        <dd data-testid="rule-explanation">{c.ruleExplanation}</dd>
        <dt>Kommunens begrundelse</dt>
        <dd className="pp-pre">{c.reason}</dd>
        {c.decisionNote ? (
          <>
            <dt>Ministeriets begrundelse</dt>
            <dd className="pp-pre">{c.decisionNote}</dd>
          </>
        ) : null}
      </dl>
      <h2>Budgettet før og efter</h2>
      <BudgetCompare
        categories={data.categories}
        quarters={data.quarters}
        before={data.from}
        after={data.proposed}
        beforeLabel={`Version ${c.fromVersion}`}
        afterLabel={toLabel}
        caption={`Version ${c.fromVersion} og den foreslåede ændring side om side`}
      />
      {data.canDecide ? <DecisionForm failure={failure} /> : null}
    </>
  );
}
