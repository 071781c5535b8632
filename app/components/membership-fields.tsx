// Role and organisation (municipality or agency) of a user: the same three selects
// when an admin invites someone and when they change an existing user's membership.
import type { FieldValues, UseFormRegister } from "react-hook-form";
import { ROLE_VALUES } from "~/auth/account-schemas";
import { roleLabels } from "~/policy/permissions";
import { SelectField } from "./form";

export type OrganisationOptions = {
  municipalities: { code: string; name: string }[];
  agencies: { slug: string; name: string }[];
};

export function MembershipFields({
  options,
  register,
  errorOf,
  value,
  roleHint,
}: {
  options: OrganisationOptions;
  register: UseFormRegister<FieldValues>;
  errorOf: (name: string) => string | undefined;
  /** The value to render into the HTML, so the form keeps it without JavaScript. */
  value: (name: string) => string;
  roleHint?: string;
}) {
  return (
    <>
      <SelectField
        name="role"
        label="Rolle"
        hint={roleHint}
        placeholder="Vælg rolle"
        options={ROLE_VALUES.map((r) => ({ value: r, label: roleLabels[r] }))}
        error={errorOf("role")}
        register={register}
        defaultValue={value("role")}
      />
      <SelectField
        name="municipalityCode"
        label="Kommune"
        hint="Kun for rollen Kommune."
        placeholder="Vælg kommune"
        options={options.municipalities.map((m) => ({ value: m.code, label: m.name }))}
        error={errorOf("municipalityCode")}
        register={register}
        defaultValue={value("municipalityCode")}
      />
      <SelectField
        name="agency"
        label="Styrelse"
        hint="Kun for rollen Rådgiver. Ministeriets medarbejdere knyttes automatisk til Social- og Boligministeriet."
        placeholder="Vælg styrelse"
        options={options.agencies.map((a) => ({ value: a.slug, label: a.name }))}
        error={errorOf("agency")}
        register={register}
        defaultValue={value("agency")}
      />
    </>
  );
}
