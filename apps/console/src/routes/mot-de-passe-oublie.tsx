import { ZRequestResetSchema } from "@ef/api/schemas";
import { useMutation } from "@tanstack/react-query";
import { createFileRoute, Link } from "@tanstack/react-router";
import { Field, FormAlert } from "../components/field";
import { PublicShell } from "../components/public-shell";
import { useDocumentTitle } from "../lib/document-title";
import { useZodForm } from "../lib/use-zod-form";
import { trpc } from "../trpc";

export const Route = createFileRoute("/mot-de-passe-oublie")({
  component: ForgotPasswordPage,
});

function ForgotPasswordPage() {
  useDocumentTitle("Mot de passe oublié");
  const form = useZodForm({
    id: "oubli",
    schema: ZRequestResetSchema,
    initial: { login: "" },
    fixed: { audience: "staff" },
  });
  const request = useMutation(
    trpc.auth.requestPasswordReset.mutationOptions({
      onError: (error) => form.showServerError(error),
    }),
  );

  if (request.isSuccess) {
    return (
      <PublicShell>
        <h1>Mot de passe oublié</h1>
        {/* The same words whether the account exists or not. */}
        <div className="alert alert-success" role="status">
          Si ce compte existe, un e-mail avec un lien de réinitialisation vient d'être envoyé à
          l'adresse enregistrée. Le lien est valable une heure.
        </div>
        <p>Rien reçu après quelques minutes ? Regardez dans les courriers indésirables.</p>
        <p className="card-footer">
          <Link to="/connexion">Retour à la connexion</Link>
        </p>
      </PublicShell>
    );
  }

  return (
    <PublicShell>
      <h1>Mot de passe oublié</h1>
      <p className="lead">
        Saisissez votre nom d'utilisateur : un lien pour choisir un nouveau mot de passe sera envoyé
        à l'adresse e-mail de votre compte.
      </p>
      <FormAlert message={form.formError} />
      <form
        noValidate
        onSubmit={(e) => {
          const input = form.submit(e);
          if (input && !request.isPending) request.mutate(input);
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
        <button type="submit" className="button button-block" disabled={request.isPending}>
          {request.isPending ? "Envoi…" : "Envoyer le lien"}
        </button>
      </form>
      <p className="card-footer">
        <Link to="/connexion">Retour à la connexion</Link>
      </p>
    </PublicShell>
  );
}
