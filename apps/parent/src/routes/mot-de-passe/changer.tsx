import { useMutation } from "@tanstack/react-query";
import { createFileRoute, Link, useNavigate } from "@tanstack/react-router";
import { type FormEvent, useRef, useState } from "react";
import {
  check,
  FormAlert,
  NewPasswordFields,
  PasswordField,
  SubmitButton,
  serverFieldErrors,
  showFieldErrors,
  type TFieldErrors,
  usePreloadSchemas,
  useSubmitOnce,
} from "../../components/form";
import { LogoutButton } from "../../components/logout-button";
import { Page } from "../../components/page";
import { setFlash } from "../../lib/flash";
import { requireParent, startSession } from "../../session";
import { errorMessage, trpc } from "../../trpc";

export const Route = createFileRoute("/mot-de-passe/changer")({
  // A parent who must change the password is let in here (and only here).
  beforeLoad: async ({ location }) => ({ me: await requireParent(location.href, true) }),
  component: ChangePassword,
});

function ChangePassword() {
  const { me } = Route.useRouteContext();
  const forced = me.mustChangePassword;
  const navigate = useNavigate();
  const form = useRef<HTMLFormElement>(null);
  const [currentPassword, setCurrentPassword] = useState("");
  const [newPassword, setNewPassword] = useState("");
  const [confirmPassword, setConfirmPassword] = useState("");
  const [errors, setErrors] = useState<TFieldErrors>({});

  const mutation = useMutation(
    trpc.auth.changePassword.mutationOptions({
      onSuccess: async () => {
        // The server ended the other sessions and gave this device a new one.
        await startSession();
        setFlash("Votre mot de passe a été modifié.");
        await navigate({ to: "/espace" });
      },
      onError: (error) => {
        const fields = serverFieldErrors(error);
        if (Object.keys(fields).length > 0) showFieldErrors(form.current, setErrors, fields);
      },
    }),
  );
  const pending = mutation.isPending || mutation.isSuccess;

  usePreloadSchemas();
  const submitOnce = useSubmitOnce();
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    const input = { currentPassword, newPassword, confirmPassword };
    submitOnce(async () => {
      const invalid = await check((s) => s.ZChangePasswordSchema, input);
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
    <Page title="Changer mon mot de passe" heading="Choisissez un nouveau mot de passe">
      {forced ? (
        <p className="alert alert--info">
          Pour protéger votre compte, remplacez le mot de passe reçu du guichet unique par un mot de
          passe personnel avant de continuer.
        </p>
      ) : null}
      <form ref={form} className="form" onSubmit={onSubmit} noValidate>
        {mutation.isError ? <FormAlert>{errorMessage(mutation.error)}</FormAlert> : null}
        <PasswordField
          label="Mot de passe actuel"
          name="currentPassword"
          value={currentPassword}
          onValueChange={setCurrentPassword}
          error={errors.currentPassword}
          hint={forced ? "Celui que le guichet unique vous a remis." : undefined}
          autoComplete="current-password"
        />
        <NewPasswordFields
          newPassword={newPassword}
          confirmPassword={confirmPassword}
          onNewPassword={setNewPassword}
          onConfirmPassword={setConfirmPassword}
          errors={errors}
        />
        <SubmitButton pending={pending} label="Enregistrer" pendingLabel="Enregistrement…" />
      </form>
      {forced ? (
        <LogoutButton />
      ) : (
        <p>
          <Link to="/espace" className="text-link">
            Annuler et revenir à mon espace
          </Link>
        </p>
      )}
    </Page>
  );
}
