import { useMutation } from "@tanstack/react-query";
import { createFileRoute, Link } from "@tanstack/react-router";
import { type FormEvent, useRef, useState } from "react";
import {
  check,
  FormAlert,
  SubmitButton,
  serverFieldErrors,
  showFieldErrors,
  TextField,
  type TFieldErrors,
  usePreloadSchemas,
  useSubmitOnce,
} from "../../components/form";
import { Page } from "../../components/page";
import { errorMessage, trpc } from "../../trpc";

export const Route = createFileRoute("/mot-de-passe/oublie")({ component: ForgotPassword });

function ForgotPassword() {
  const form = useRef<HTMLFormElement>(null);
  const [login, setLogin] = useState("");
  const [errors, setErrors] = useState<TFieldErrors>({});
  const mutation = useMutation(
    trpc.auth.requestPasswordReset.mutationOptions({
      onError: (error) => {
        const fields = serverFieldErrors(error);
        if (Object.keys(fields).length > 0) showFieldErrors(form.current, setErrors, fields);
      },
    }),
  );

  usePreloadSchemas();
  const submitOnce = useSubmitOnce();
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (mutation.isPending) return;
    const input = { login, audience: "parent" as const };
    submitOnce(async () => {
      const invalid = await check((s) => s.ZRequestResetSchema, input);
      if (invalid) {
        mutation.reset();
        showFieldErrors(form.current, setErrors, invalid);
        return;
      }
      setErrors({});
      await mutation.mutateAsync(input);
    });
  }

  return (
    <Page title="Mot de passe oublié">
      {mutation.isSuccess ? (
        <>
          {/* The same answer whether the account exists or not. */}
          <p className="alert alert--success" role="status">
            Si ce compte existe, un e-mail avec un lien de réinitialisation vient d'être envoyé à
            l'adresse enregistrée. Le lien est valable une heure.
          </p>
          <p className="note">
            Rien reçu après quelques minutes ? Regardez dans les courriers indésirables, ou
            adressez-vous au guichet unique.
          </p>
          <p>
            <Link to="/connexion" className="button button--primary button--wide">
              Retour à la connexion
            </Link>
          </p>
        </>
      ) : (
        <>
          <p>
            Saisissez votre identifiant : nous envoyons un lien pour choisir un nouveau mot de passe
            à l'adresse e-mail enregistrée par le guichet unique.
          </p>
          <form ref={form} className="form" onSubmit={onSubmit} noValidate>
            {mutation.isError ? <FormAlert>{errorMessage(mutation.error)}</FormAlert> : null}
            <TextField
              label="Identifiant"
              name="login"
              value={login}
              onValueChange={setLogin}
              error={errors.login}
              hint="Votre identifiant commence par F, ex. F00123"
              autoComplete="username"
              autoCapitalize="characters"
              autoCorrect="off"
              spellCheck={false}
            />
            <SubmitButton
              pending={mutation.isPending}
              label="Envoyer le lien"
              pendingLabel="Envoi…"
            />
          </form>
          <p>
            <Link to="/connexion" className="text-link">
              Retour à la connexion
            </Link>
          </p>
        </>
      )}
    </Page>
  );
}
