import type { RouterOutputs } from "@ef/api";
import { ZCreateStaffAccountSchema } from "@ef/api/schemas";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { createFileRoute } from "@tanstack/react-router";
import { useState } from "react";
import { Badge } from "../../../components/badge";
import "../../../components/admin.css";
import { Field, FormAlert } from "../../../components/field";
import { Loading, QueryError } from "../../../components/query-error";
import { useDocumentTitle } from "../../../lib/document-title";
import { firstOfMonth } from "../../../lib/format";
import { roleLabels } from "../../../lib/labels";
import { useZodForm } from "../../../lib/use-zod-form";
import { appCodeOf, errorMessage, trpc } from "../../../trpc";

type TAccount = RouterOutputs["admin"]["staffAccounts"]["list"][number];
type TCreated = RouterOutputs["admin"]["staffAccounts"]["create"];

// Admins only: the API refuses agents with FORBIDDEN, whose French message is shown as is.
export const Route = createFileRoute("/_staff/admin/personnel")({
  component: StaffAccountsPage,
});

const dateTimeFr = new Intl.DateTimeFormat("fr-FR", {
  day: "numeric",
  month: "long",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  timeZone: "Europe/Paris",
});

function StaffAccountsPage() {
  useDocumentTitle("Comptes du personnel");
  const accounts = useQuery(trpc.admin.staffAccounts.list.queryOptions());
  return (
    <>
      <p className="breadcrumb">Administration</p>
      <h1 tabIndex={-1}>Comptes du personnel</h1>
      {accounts.isPending ? (
        <Loading />
      ) : accounts.isError ? (
        <QueryError error={accounts.error} onRetry={() => void accounts.refetch()} />
      ) : (
        <>
          <AccountsTable accounts={accounts.data} />
          <CreateAccount />
        </>
      )}
    </>
  );
}

function AccountsTable({ accounts }: { accounts: TAccount[] }) {
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState<number | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const toggle = useMutation(
    trpc.admin.staffAccounts.setDisabled.mutationOptions({
      onSuccess: (data, input) => {
        const who = accounts.find((a) => a.id === input.userId);
        setConfirming(null);
        setDone(
          `Compte ${who?.login ?? ""} ${data.disabled ? "désactivé : la personne est déconnectée." : "réactivé."}`,
        );
        void queryClient.invalidateQueries({
          queryKey: trpc.admin.staffAccounts.list.queryKey(),
        });
      },
    }),
  );
  if (accounts.length === 0) return <p>Aucun compte du personnel.</p>;
  return (
    <section aria-labelledby="comptes-titre">
      <h2 id="comptes-titre" className="sr-only">
        Comptes
      </h2>
      <div role="status" className={done ? "alert alert-success" : "sr-only"}>
        {done}
      </div>
      <FormAlert message={toggle.isError ? errorMessage(toggle.error) : null} />
      <table className="table">
        <caption className="sr-only">Comptes des agents et administrateurs</caption>
        <thead>
          <tr>
            <th scope="col">Nom d'utilisateur</th>
            <th scope="col">Nom</th>
            <th scope="col">Rôle</th>
            <th scope="col">État</th>
            <th scope="col">
              <span className="sr-only">Action</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {accounts.map((a) => (
            <tr key={a.id}>
              <td className="mono">{a.login}</td>
              <th scope="row">
                {a.displayName}
                {a.self ? <span className="muted"> (vous)</span> : null}
              </th>
              <td>{roleLabels[a.role]}</td>
              <td>
                {a.disabled ? (
                  <Badge tone="bad">Désactivé</Badge>
                ) : a.mustChangePassword ? (
                  <Badge tone="warn">Mot de passe à changer</Badge>
                ) : (
                  <Badge tone="ok">Actif</Badge>
                )}
              </td>
              <td>
                {a.self ? null : confirming === a.id ? (
                  <div className="row-actions">
                    <button
                      type="button"
                      className="button"
                      disabled={toggle.isPending}
                      onClick={() => toggle.mutate({ userId: a.id, disabled: true })}
                    >
                      Confirmer la désactivation
                    </button>
                    <button
                      type="button"
                      className="button button-secondary"
                      onClick={() => setConfirming(null)}
                    >
                      Annuler
                    </button>
                  </div>
                ) : a.disabled ? (
                  <button
                    type="button"
                    className="button button-secondary"
                    disabled={toggle.isPending}
                    aria-label={`Réactiver ${a.login}`}
                    onClick={() => {
                      setDone(null);
                      toggle.mutate({ userId: a.id, disabled: false });
                    }}
                  >
                    Réactiver
                  </button>
                ) : (
                  <button
                    type="button"
                    className="button button-secondary"
                    aria-label={`Désactiver ${a.login}`}
                    onClick={() => {
                      setDone(null);
                      setConfirming(a.id);
                    }}
                  >
                    Désactiver
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** "Nouveau compte": the temporary password is shown once, for the admin to hand over. */
function CreateAccount() {
  const queryClient = useQueryClient();
  const [created, setCreated] = useState<TCreated | null>(null);
  const [loginTaken, setLoginTaken] = useState<string | undefined>();
  const form = useZodForm({
    id: "compte",
    schema: ZCreateStaffAccountSchema,
    initial: { login: "", displayName: "", email: "", role: "agent" },
  });
  const create = useMutation(
    trpc.admin.staffAccounts.create.mutationOptions({
      onSuccess: (data) => {
        setCreated(data);
        for (const key of ["login", "displayName", "email"] as const) form.set(key, "");
        form.set("role", "agent");
        void queryClient.invalidateQueries({
          queryKey: trpc.admin.staffAccounts.list.queryKey(),
        });
        requestAnimationFrame(() => document.getElementById("compte-cree")?.focus());
      },
      onError: (e) => {
        // A login already taken is said under the field that holds it.
        if (appCodeOf(e) === "CONFLICT") {
          setLoginTaken(errorMessage(e));
          document.getElementById(form.fieldId("login"))?.focus();
        } else {
          form.showServerError(e);
        }
      },
    }),
  );
  const roleError = form.errors.role;
  return (
    <section className="panel" aria-labelledby="nouveau-compte-titre">
      <h2 id="nouveau-compte-titre">Nouveau compte</h2>
      {created ? (
        <div
          id="compte-cree"
          className="alert alert-success"
          role="status"
          tabIndex={-1}
          aria-labelledby="compte-cree-titre"
        >
          <p id="compte-cree-titre">
            <strong>Compte créé.</strong> Remettez ces identifiants à la personne : le mot de passe
            provisoire n'est affiché qu'une fois.
          </p>
          <dl className="facts">
            <div>
              <dt>Nom d'utilisateur</dt>
              <dd className="mono" data-testid="staff-login">
                {created.login}
              </dd>
            </div>
            <div>
              <dt>Mot de passe provisoire</dt>
              <dd className="mono" data-testid="staff-password">
                {created.temporaryPassword}
              </dd>
            </div>
            <div>
              <dt>Valable jusqu'au</dt>
              <dd>{firstOfMonth(dateTimeFr.format(Date.parse(created.validUntil)))}</dd>
            </div>
          </dl>
          <p>À la première connexion, la console demande de choisir un nouveau mot de passe.</p>
        </div>
      ) : null}
      <form
        className="desk-form"
        noValidate
        onSubmit={(e) => {
          setLoginTaken(undefined);
          const input = form.submit(e);
          if (input && !create.isPending) {
            setCreated(null);
            create.mutate(input);
          }
        }}
      >
        <FormAlert message={form.formError} />
        <div className="desk-row">
          <Field
            id={form.fieldId("login")}
            label="Nom d'utilisateur"
            hint="Pour se connecter, par exemple c.dupont"
            autoComplete="off"
            spellCheck={false}
            value={form.values.login}
            onValue={(v) => {
              form.set("login", v);
              setLoginTaken(undefined);
            }}
            error={form.errors.login ?? loginTaken}
          />
          <Field
            id={form.fieldId("displayName")}
            label="Nom affiché"
            hint="Prénom et nom"
            autoComplete="off"
            value={form.values.displayName}
            onValue={(v) => form.set("displayName", v)}
            error={form.errors.displayName}
          />
        </div>
        <Field
          id={form.fieldId("email")}
          label="E-mail (facultatif)"
          hint="Pour recevoir un lien en cas de mot de passe oublié"
          type="email"
          autoComplete="off"
          value={form.values.email}
          onValue={(v) => form.set("email", v)}
          error={form.errors.email}
        />
        <fieldset
          className={
            roleError
              ? "field field-invalid desk-fieldset choice-list"
              : "field desk-fieldset choice-list"
          }
          aria-describedby={roleError ? "compte-role-error" : undefined}
        >
          <legend>Rôle</legend>
          <label>
            <input
              type="radio"
              id={form.fieldId("role")}
              name="compte-role"
              value="agent"
              checked={form.values.role === "agent"}
              onChange={() => form.set("role", "agent")}
            />{" "}
            Agent du guichet unique
          </label>
          <label>
            <input
              type="radio"
              name="compte-role"
              value="admin"
              checked={form.values.role === "admin"}
              onChange={() => form.set("role", "admin")}
            />{" "}
            Administrateur (paramétrage, contenus, comptes, journal)
          </label>
          {roleError ? (
            <p className="field-error" id="compte-role-error">
              {roleError}
            </p>
          ) : null}
        </fieldset>
        <div className="actions">
          <button type="submit" className="button" disabled={create.isPending}>
            Créer le compte
          </button>
        </div>
      </form>
    </section>
  );
}
