import { classLevels, createHouseholdSchema } from "@ef/api/schemas";
import { useMutation } from "@tanstack/react-query";
import { useNavigate } from "@tanstack/react-router";
import { type FormEvent, useState } from "react";
import { todayInParis } from "../lib/format";
import { serverNow } from "../lib/server-clock";
import { errorMessage, fieldErrorsOf, trpc } from "../trpc";
import { Field, FormAlert } from "./field";

type TGuardianRow = { firstName: string; lastName: string; email: string; phone: string };
type TChildRow = { firstName: string; lastName: string; birthDate: string; classLevel: string };

const emptyGuardian = (): TGuardianRow => ({ firstName: "", lastName: "", email: "", phone: "" });
const emptyChild = (lastName = ""): TChildRow => ({
  firstName: "",
  lastName,
  birthDate: "",
  classLevel: "",
});

const ID = "nf";
/** The input's id for a path of the schema: `["guardians", 0, "email"]` → `nf-guardians-0-email`. */
const idOf = (path: readonly PropertyKey[]) => `${ID}-${path.map(String).join("-")}`;

/**
 * "Nouvelle famille": the household, its parents and children, checked with the server's own
 * schema (same rules, same French messages) before sending.
 */
export function DeskHouseholdForm() {
  const navigate = useNavigate();
  const [household, setHousehold] = useState({
    name: "",
    addressLine: "",
    postalCode: "73200",
    city: "Albertville",
    qf: "",
    email: "",
    phone: "",
  });
  const [resident, setResident] = useState(true);
  const [guardians, setGuardians] = useState<TGuardianRow[]>([emptyGuardian()]);
  const [kids, setKids] = useState<TChildRow[]>([]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);

  const create = useMutation(
    trpc.staff.households.create.mutationOptions({
      onSuccess: (data) =>
        void navigate({
          to: "/foyers/$householdId",
          params: { householdId: String(data.householdId) },
        }),
      onError: (error) => {
        const byField: Record<string, string> = {};
        for (const [field, messages] of Object.entries(fieldErrorsOf(error))) {
          if (messages[0]) byField[idOf([field])] = messages[0];
        }
        setErrors(byField);
        setFormError(errorMessage(error));
      },
    }),
  );

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (create.isPending) return;
    setFormError(null);
    const qf = household.qf.trim();
    const input = {
      ...household,
      resident,
      qf: qf === "" ? null : Number(qf.replace(",", ".")),
      guardians,
      children: kids.map((c) => ({ ...c, classLevel: c.classLevel === "" ? null : c.classLevel })),
    };
    const parsed = createHouseholdSchema(todayInParis(serverNow())).safeParse(input);
    if (!parsed.success) {
      const byField: Record<string, string> = {};
      for (const issue of parsed.error.issues) {
        const key = idOf(issue.path);
        byField[key] ??= issue.message;
      }
      setErrors(byField);
      const onTop = byField[idOf(["guardians"])];
      if (onTop) setFormError(onTop);
      const first = Object.keys(byField)[0];
      if (first) document.getElementById(first)?.focus();
      return;
    }
    setErrors({});
    create.mutate(parsed.data);
  };

  const householdField = (
    key: keyof typeof household,
    label: string,
    extra: Record<string, string> = {},
  ) => (
    <Field
      id={idOf([key])}
      label={label}
      value={household[key]}
      onValue={(v) => setHousehold((h) => ({ ...h, [key]: v }))}
      error={errors[idOf([key])]}
      {...extra}
    />
  );

  const setGuardian = (i: number, key: keyof TGuardianRow, v: string) =>
    setGuardians((rows) => rows.map((r, j) => (j === i ? { ...r, [key]: v } : r)));
  const setChild = (i: number, key: keyof TChildRow, v: string) =>
    setKids((rows) => rows.map((r, j) => (j === i ? { ...r, [key]: v } : r)));
  const familyName = guardians[0]?.lastName ?? "";

  return (
    <form className="desk-form" noValidate onSubmit={submit}>
      <FormAlert message={formError} />
      <fieldset className="desk-fieldset">
        <legend>Foyer</legend>
        {householdField("name", "Nom du foyer", { placeholder: "Famille Dupont" })}
        {householdField("addressLine", "Adresse", { autoComplete: "off" })}
        <div className="desk-row">
          {householdField("postalCode", "Code postal", { inputMode: "numeric", maxLength: "5" })}
          {householdField("city", "Commune")}
        </div>
        <div className="field desk-check">
          <label>
            <input
              type="checkbox"
              checked={resident}
              onChange={(e) => setResident(e.target.checked)}
            />{" "}
            Résident d'Albertville (tarifs résidents)
          </label>
        </div>
        {householdField("qf", "Quotient familial", {
          inputMode: "numeric",
          hint: "Laissez vide s'il n'est pas connu : la tranche la plus haute s'applique.",
        })}
        <div className="desk-row">
          {householdField("email", "E-mail du foyer", { type: "email" })}
          {householdField("phone", "Téléphone du foyer", { type: "tel" })}
        </div>
      </fieldset>

      {guardians.map((g, i) => (
        <fieldset className="desk-fieldset" key={`g${i}`}>
          <legend>{`Parent ${i + 1}`}</legend>
          <div className="desk-row">
            {(["firstName", "lastName"] as const).map((k) => (
              <Field
                key={k}
                id={idOf(["guardians", i, k])}
                label={k === "firstName" ? "Prénom" : "Nom"}
                value={g[k]}
                onValue={(v) => setGuardian(i, k, v)}
                error={errors[idOf(["guardians", i, k])]}
              />
            ))}
          </div>
          <div className="desk-row">
            <Field
              id={idOf(["guardians", i, "email"])}
              label="E-mail (facultatif)"
              type="email"
              value={g.email}
              onValue={(v) => setGuardian(i, "email", v)}
              error={errors[idOf(["guardians", i, "email"])]}
            />
            <Field
              id={idOf(["guardians", i, "phone"])}
              label="Téléphone (facultatif)"
              type="tel"
              value={g.phone}
              onValue={(v) => setGuardian(i, "phone", v)}
              error={errors[idOf(["guardians", i, "phone"])]}
            />
          </div>
          {guardians.length > 1 ? (
            <button
              type="button"
              className="button button-secondary"
              onClick={() => setGuardians((rows) => rows.filter((_, j) => j !== i))}
            >
              {`Retirer le parent ${i + 1}`}
            </button>
          ) : null}
        </fieldset>
      ))}
      {guardians.length < 4 ? (
        <p>
          <button
            type="button"
            className="button button-secondary"
            onClick={() => setGuardians((rows) => [...rows, emptyGuardian()])}
          >
            Ajouter un parent
          </button>
        </p>
      ) : null}

      {kids.map((c, i) => (
        <fieldset className="desk-fieldset" key={`c${i}`}>
          <legend>{`Enfant ${i + 1}`}</legend>
          <div className="desk-row">
            {(["firstName", "lastName"] as const).map((k) => (
              <Field
                key={k}
                id={idOf(["children", i, k])}
                label={k === "firstName" ? "Prénom" : "Nom"}
                value={c[k]}
                onValue={(v) => setChild(i, k, v)}
                error={errors[idOf(["children", i, k])]}
              />
            ))}
          </div>
          <div className="desk-row">
            <Field
              id={idOf(["children", i, "birthDate"])}
              label="Date de naissance"
              type="date"
              value={c.birthDate}
              onValue={(v) => setChild(i, "birthDate", v)}
              error={errors[idOf(["children", i, "birthDate"])]}
            />
            <div className="field">
              <label htmlFor={idOf(["children", i, "classLevel"])}>Classe</label>
              <select
                id={idOf(["children", i, "classLevel"])}
                value={c.classLevel}
                onChange={(e) => setChild(i, "classLevel", e.target.value)}
              >
                <option value="">Non scolarisé ou inconnue</option>
                {classLevels.map((l) => (
                  <option key={l} value={l}>
                    {l}
                  </option>
                ))}
              </select>
            </div>
          </div>
          <button
            type="button"
            className="button button-secondary"
            onClick={() => setKids((rows) => rows.filter((_, j) => j !== i))}
          >
            {`Retirer l'enfant ${i + 1}`}
          </button>
        </fieldset>
      ))}
      <p>
        <button
          type="button"
          className="button button-secondary"
          onClick={() => setKids((rows) => [...rows, emptyChild(familyName)])}
        >
          Ajouter un enfant
        </button>
      </p>

      <div className="actions">
        <button type="submit" className="button" disabled={create.isPending}>
          {create.isPending ? "Création…" : "Créer la famille"}
        </button>
      </div>
    </form>
  );
}
