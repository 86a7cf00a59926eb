import { useMutation } from "@tanstack/react-query";
import { createFileRoute, Link, useNavigate } from "@tanstack/react-router";
import { type FormEvent, useRef, useState } from "react";
import {
  check,
  FormAlert,
  NewPasswordFields,
  SubmitButton,
  serverFieldErrors,
  showFieldErrors,
  type TFieldErrors,
  usePreloadSchemas,
  useSubmitOnce,
} from "../../components/form";
import { Page } from "../../components/page";
import { setFlash } from "../../lib/flash";
import { startSession } from "../../session";
import { apiError, errorMessage, trpc } from "../../trpc";

const INVALID_LINK =
  "Ce lien n'est pas valide. Demandez un nouveau lien depuis « Mot de passe oublié ? ».";

export const Route = createFileRoute("/mot-de-passe/nouveau")({
  validateSearch: (search: Record<string, unknown>): { jeton?: string | undefined } => {
    const jeton = search.jeton;
    // The router reads search values as JSON: a token made only of digits would be a number.
    if (typeof jeton === "string" || typeof jeton === "number") return { jeton: String(jeton) };
    return {};
  },
  component: NewPassword,
});

function NewPassword() {
  const { jeton } = Route.useSearch();
  const navigate = useNavigate();
  const form = useRef<HTMLFormElement>(null);
  const [newPassword, setNewPassword] = useState("");
  const [confirmPassword, setConfirmPassword] = useState("");
  const [errors, setErrors] = useState<TFieldErrors>({});
  const [linkError, setLinkError] = useState<string | null>(jeton ? null : INVALID_LINK);

  const mutation = useMutation(
    trpc.auth.completePasswordReset.mutationOptions({
      onSuccess: async () => {
        // The server logged this device in with the new password.
        await startSession();
        setFlash("Votre nouveau mot de passe est enregistré. Vous êtes connecté.");
        await navigate({ to: "/espace" });
      },
      onError: (error) => {
        const fields = serverFieldErrors(error);
        if (fields.token) setLinkError(fields.token);
        if (fields.newPassword || fields.confirmPassword) {
          showFieldErrors(form.current, setErrors, fields);
        }
      },
    }),
  );
  const pending = mutation.isPending || mutation.isSuccess;

  usePreloadSchemas();
  const submitOnce = useSubmitOnce();
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    const input = { token: jeton ?? "", newPassword, confirmPassword };
    submitOnce(async () => {
      const invalid = await check((s) => s.ZCompleteResetSchema, input);
      if (invalid) {
        mutation.reset();
        if (invalid.token) setLinkError(invalid.token);
        showFieldErrors(form.current, setErrors, invalid);
        return;
      }
      setErrors({});
      await mutation.mutateAsync(input);
    });
  }

  // An invalid, used or expired link says so, with the way to ask for another one.
  const problem = linkError ?? (mutation.isError ? errorMessage(mutation.error) : null);
  const linkIsDead = linkError !== null || apiSaysInvalid(mutation.error);

  return (
    <Page title="Nouveau mot de passe" heading="Choisissez un nouveau mot de passe">
      <form ref={form} className="form" onSubmit={onSubmit} noValidate>
        {problem ? (
          <FormAlert>
            <p>{problem}</p>
            {linkIsDead ? (
              <p>
                <Link to="/mot-de-passe/oublie" className="text-link">
                  Demander un nouveau lien
                </Link>
              </p>
            ) : null}
          </FormAlert>
        ) : null}
        <NewPasswordFields
          newPassword={newPassword}
          confirmPassword={confirmPassword}
          onNewPassword={setNewPassword}
          onConfirmPassword={setConfirmPassword}
          errors={errors}
        />
        <SubmitButton pending={pending} label="Enregistrer" pendingLabel="Enregistrement…" />
      </form>
    </Page>
  );
}

/** The server refused the link itself (used, expired or unknown), not the password. */
function apiSaysInvalid(error: unknown): boolean {
  const data = apiError(error)?.data;
  return data?.appCode === "INVALID" && !data.fieldErrors;
}
