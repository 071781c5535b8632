// "New password + repeat it": the same pair on the invitation, reset and account pages,
// so the fields carry the same names, hints and autocomplete everywhere.
import type { FieldValues, UseFormRegister } from "react-hook-form";
import { TextField } from "./form";

export function NewPasswordFields({
  register,
  errorOf,
  label = "Ny adgangskode",
  hint = "Mindst 12 tegn. Brug gerne en sætning, du kan huske.",
}: {
  register: UseFormRegister<FieldValues>;
  errorOf: (name: string) => string | undefined;
  label?: string;
  hint?: string;
}) {
  return (
    <>
      <TextField
        name="password"
        label={label}
        hint={hint}
        type="password"
        autoComplete="new-password"
        register={register}
        error={errorOf("password")}
      />
      <TextField
        name="confirmPassword"
        label={`Gentag ${label.toLowerCase()}`}
        type="password"
        autoComplete="new-password"
        register={register}
        error={errorOf("confirmPassword")}
      />
    </>
  );
}
