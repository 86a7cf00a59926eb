import { ZCompleteResetSchema } from "@ef/api/schemas";
import { useMutation } from "@tanstack/react-query";
import { createFileRoute, Link, useRouter } from "@tanstack/react-router";
import { Field, FormAlert } from "../components/field";
import { PublicShell } from "../components/public-shell";
import { useDocumentTitle } from "../lib/document-title";
import { setFlash } from "../lib/flash";
import { stringParam } from "../lib/search-params";
import { useZodForm } from "../lib/use-zod-form";
import { queryClient, trpc } from "../trpc";

type TSearch = { jeton?: string };

export const Route = createFileRoute("/reinitialiser")({
  validateSearch: (search: Record<string, unknown>): TSearch => ({
    jeton: stringParam(search.jeton),
  }),
  component: ResetPasswordPage,
});

function ResetPasswordPage() {
  useDocumentTitle("Nouveau mot de passe");
  const { jeton } = Route.useSearch();
  const router = useRouter();
  const form = useZodForm({
    id: "reinitialiser",
    schema: ZCompleteResetSchema,
    initial: { newPassword: "", confirmPassword: "" },
    fixed: { token: jeton ?? "" },
  });
  const complete = useMutation(
    trpc.auth.completePasswordReset.mutationOptions({
      onSuccess: async () => {
        // The server has opened a fresh session for this account.
        queryClient.clear();
        setFlash("Votre nouveau mot de passe est enregistré.");
        await router.navigate({ to: "/" });
      },
      onError: (error) => form.showServerError(error),
    }),
  );
  const pending = complete.isPending || complete.isSuccess;

  if (!jeton) {
    return (
      <PublicShell>
        <h1>Nouveau mot de passe</h1>
        <div className="alert alert-error" role="alert">
          Ce lien n'est pas valide. Demandez un nouveau lien depuis « Mot de passe oublié ? ».
        </div>
        <p className="card-footer">
          <Link to="/mot-de-passe-oublie">Mot de passe oublié ?</Link>
        </p>
      </PublicShell>
    );
  }

  return (
    <PublicShell>
      <h1>Nouveau mot de passe</h1>
      <FormAlert message={form.formError} />
      <form
        noValidate
        onSubmit={(e) => {
          const input = form.submit(e);
          if (input && !pending) complete.mutate(input);
        }}
      >
        <Field
          id={form.fieldId("newPassword")}
          label="Nouveau mot de passe"
          hint="12 caractères minimum. Une phrase facile à retenir convient très bien."
          type="password"
          autoComplete="new-password"
          required
          minLength={12}
          value={form.values.newPassword}
          onValue={(v) => form.set("newPassword", v)}
          error={form.errors.newPassword}
        />
        <Field
          id={form.fieldId("confirmPassword")}
          label="Confirmer le nouveau mot de passe"
          type="password"
          autoComplete="new-password"
          required
          value={form.values.confirmPassword}
          onValue={(v) => form.set("confirmPassword", v)}
          error={form.errors.confirmPassword}
        />
        <button type="submit" className="button button-block" disabled={pending}>
          {pending ? "Enregistrement…" : "Enregistrer"}
        </button>
      </form>
      <p className="card-footer">
        <Link to="/connexion">Retour à la connexion</Link>
      </p>
    </PublicShell>
  );
}
