import { useMutation } from "@tanstack/react-query";
import { createFileRoute, Link, useNavigate } from "@tanstack/react-router";
import { type FormEvent, useRef, useState } from "react";
import {
  check,
  FormAlert,
  PasswordField,
  SubmitButton,
  serverFieldErrors,
  showFieldErrors,
  TextField,
  type TFieldErrors,
  usePreloadSchemas,
  useSubmitOnce,
} from "../components/form";
import { Page } from "../components/page";
import { safeRedirect, startSession } from "../session";
import { errorMessage, trpc } from "../trpc";

type TLoginSearch = {
  /** Where to go back after logging in (a path of this app). */
  redirect?: string | undefined;
  /** Set when a session ended under the person's feet. */
  expired?: 1 | undefined;
};

export const Route = createFileRoute("/connexion")({
  validateSearch: (search: Record<string, unknown>): TLoginSearch => ({
    redirect: safeRedirect(search.redirect),
    expired: search.expired ? 1 : undefined,
  }),
  component: Login,
});

function Login() {
  const search = Route.useSearch();
  const navigate = useNavigate();
  const form = useRef<HTMLFormElement>(null);
  const [login, setLogin] = useState("");
  const [password, setPassword] = useState("");
  const [errors, setErrors] = useState<TFieldErrors>({});

  const mutation = useMutation(
    trpc.auth.login.mutationOptions({
      onSuccess: async (result) => {
        await startSession();
        if (result.mustChangePassword) {
          await navigate({ to: "/mot-de-passe/changer" });
        } else if (search.redirect) {
          await navigate({ href: search.redirect });
        } else {
          await navigate({ to: "/espace" });
        }
      },
      onError: (error) => {
        const fields = serverFieldErrors(error);
        if (Object.keys(fields).length > 0) showFieldErrors(form.current, setErrors, fields);
      },
    }),
  );
  // Still disabled once it succeeded: the next page is on its way.
  const pending = mutation.isPending || mutation.isSuccess;

  usePreloadSchemas();
  const submitOnce = useSubmitOnce();
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    const input = { login, password, audience: "parent" as const };
    submitOnce(async () => {
      const invalid = await check((s) => s.ZLoginSchema, input);
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
    <Page title="Connexion">
      {search.expired ? (
        <p className="alert alert--info" role="status">
          Votre session a expiré. Veuillez vous reconnecter.
        </p>
      ) : null}
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
          enterKeyHint="next"
        />
        <PasswordField
          label="Mot de passe"
          name="password"
          value={password}
          onValueChange={setPassword}
          error={errors.password}
          autoComplete="current-password"
          enterKeyHint="go"
        />
        <SubmitButton pending={pending} label="Se connecter" pendingLabel="Connexion…" />
      </form>
      <p>
        <Link to="/mot-de-passe/oublie" className="text-link">
          Mot de passe oublié ?
        </Link>
      </p>
      <p className="note">
        Votre identifiant et votre mot de passe vous sont remis par le guichet unique de la Ville
        d'Albertville, à l'Hôtel de ville.
      </p>
    </Page>
  );
}
