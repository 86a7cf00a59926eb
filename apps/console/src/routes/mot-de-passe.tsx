import { ZChangePasswordSchema } from "@ef/api/schemas";
import { useMutation } from "@tanstack/react-query";
import { createFileRoute, Link, redirect, useRouter } from "@tanstack/react-router";
import { Field, FormAlert } from "../components/field";
import { PublicShell } from "../components/public-shell";
import { useDocumentTitle } from "../lib/document-title";
import { setFlash } from "../lib/flash";
import { stringParam } from "../lib/search-params";
import { meQuery, safeRedirect } from "../lib/session";
import { useZodForm } from "../lib/use-zod-form";
import { queryClient, trpc } from "../trpc";

type TSearch = { redirect?: string };

export const Route = createFileRoute("/mot-de-passe")({
  validateSearch: (search: Record<string, unknown>): TSearch => ({
    redirect: safeRedirect(stringParam(search.redirect)),
  }),
  beforeLoad: async ({ context }) => {
    const me = await context.queryClient.ensureQueryData(meQuery());
    if (!me) {
      throw redirect({ to: "/connexion", search: { redirect: "/console/mot-de-passe" } });
    }
    return { me };
  },
  component: ChangePasswordPage,
});

function ChangePasswordPage() {
  useDocumentTitle("Changer de mot de passe");
  const { me } = Route.useRouteContext();
  const search = Route.useSearch();
  const router = useRouter();
  const forced = me.mustChangePassword;
  const form = useZodForm({
    id: "mot-de-passe",
    schema: ZChangePasswordSchema,
    initial: { currentPassword: "", newPassword: "", confirmPassword: "" },
  });
  const change = useMutation(
    trpc.auth.changePassword.mutationOptions({
      onSuccess: async () => {
        // The flag is gone on the server: read it again before the console's guard does.
        await queryClient.fetchQuery({ ...meQuery(), staleTime: 0 });
        setFlash("Votre nouveau mot de passe est enregistré.");
        await router.navigate({ href: search.redirect ?? "/console/" });
      },
      onError: (error) => form.showServerError(error),
    }),
  );
  const pending = change.isPending || change.isSuccess;

  return (
    <PublicShell>
      <h1>Changer de mot de passe</h1>
      {forced ? (
        <p className="lead">
          Bonjour {me.displayName}, avant d'utiliser la console, choisissez un mot de passe
          personnel pour remplacer le mot de passe provisoire.
        </p>
      ) : null}
      <FormAlert message={form.formError} />
      <form
        noValidate
        onSubmit={(e) => {
          const input = form.submit(e);
          if (input && !pending) change.mutate(input);
        }}
      >
        {/* Lets password managers tie the new password to the right account. */}
        <input
          type="text"
          name="username"
          autoComplete="username"
          value={me.login}
          readOnly
          hidden
        />
        <Field
          id={form.fieldId("currentPassword")}
          label="Mot de passe actuel"
          type="password"
          autoComplete="current-password"
          required
          value={form.values.currentPassword}
          onValue={(v) => form.set("currentPassword", v)}
          error={form.errors.currentPassword}
        />
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
      {forced ? null : (
        <p className="card-footer">
          <Link to="/">Annuler et revenir à la console</Link>
        </p>
      )}
    </PublicShell>
  );
}
