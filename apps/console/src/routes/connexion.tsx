import { ZLoginSchema } from "@ef/api/schemas";
import { useMutation } from "@tanstack/react-query";
import { createFileRoute, Link, redirect, useRouter } from "@tanstack/react-router";
import { Field, FormAlert } from "../components/field";
import { PublicShell } from "../components/public-shell";
import { useDocumentTitle } from "../lib/document-title";
import { stringParam } from "../lib/search-params";
import { markLoggedIn, meQuery, safeRedirect } from "../lib/session";
import { useZodForm } from "../lib/use-zod-form";
import { queryClient, trpc } from "../trpc";

type TSearch = { redirect?: string; expired?: "1" };

export const Route = createFileRoute("/connexion")({
  validateSearch: (search: Record<string, unknown>): TSearch => ({
    redirect: safeRedirect(stringParam(search.redirect)),
    expired: search.expired === "1" ? "1" : undefined,
  }),
  beforeLoad: async ({ search }) => {
    // Already logged in as staff (a bookmark, a second tab): straight to the work.
    const me = await queryClient.fetchQuery({ ...meQuery(), staleTime: 0 }).catch(() => null);
    if (me && me.role !== "parent" && !me.mustChangePassword) {
      throw redirect({ href: search.redirect ?? "/console/" });
    }
  },
  component: LoginPage,
});

function LoginPage() {
  useDocumentTitle("Connexion");
  const search = Route.useSearch();
  const router = useRouter();
  const form = useZodForm({
    id: "connexion",
    schema: ZLoginSchema,
    initial: { login: "", password: "" },
    fixed: { audience: "staff" },
  });
  const login = useMutation(
    trpc.auth.login.mutationOptions({
      onSuccess: async (data) => {
        // Whatever the previous person saw must not be shown to this one.
        queryClient.clear();
        markLoggedIn();
        if (data.mustChangePassword) {
          await router.navigate({ to: "/mot-de-passe", search: { redirect: search.redirect } });
        } else {
          await router.navigate({ href: search.redirect ?? "/console/" });
        }
      },
      onError: (error) => form.showServerError(error),
    }),
  );
  const pending = login.isPending || login.isSuccess;

  return (
    <PublicShell>
      <h1>Console du guichet unique</h1>
      {search.expired && !login.isError ? (
        <div className="alert alert-info" role="status">
          Votre session a expiré après une période d'inactivité. Veuillez vous reconnecter.
        </div>
      ) : null}
      <FormAlert message={form.formError} />
      <form
        noValidate
        onSubmit={(e) => {
          const input = form.submit(e);
          if (input && !pending) login.mutate(input);
        }}
      >
        <Field
          id={form.fieldId("login")}
          label="Nom d'utilisateur"
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          required
          value={form.values.login}
          onValue={(v) => form.set("login", v)}
          error={form.errors.login}
        />
        <Field
          id={form.fieldId("password")}
          label="Mot de passe"
          type="password"
          autoComplete="current-password"
          required
          value={form.values.password}
          onValue={(v) => form.set("password", v)}
          error={form.errors.password}
        />
        <button type="submit" className="button button-block" disabled={pending}>
          {pending ? "Connexion…" : "Se connecter"}
        </button>
      </form>
      <p className="card-footer">
        <Link to="/mot-de-passe-oublie">Mot de passe oublié ?</Link>
      </p>
    </PublicShell>
  );
}
