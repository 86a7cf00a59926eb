import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { firstOfMonth } from "../lib/format";
import { errorMessage, trpc } from "../trpc";
import { FormAlert } from "./field";

type TLetter = { login: string; temporaryPassword: string; validUntil: string; mailed: boolean };

const dateTimeFr = new Intl.DateTimeFormat("fr-FR", {
  day: "numeric",
  month: "long",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  timeZone: "Europe/Paris",
});

/**
 * "Remettre les identifiants": a new temporary password, shown once on a letter to print (the
 * console's chrome is hidden when printing) and, if asked, mailed to the household.
 */
export function DeskCredentials(props: {
  householdId: number;
  householdName: string;
  hasEmail: boolean;
  disabled: boolean;
}) {
  const queryClient = useQueryClient();
  const [sendByMail, setSendByMail] = useState(props.hasEmail);
  const [letter, setLetter] = useState<TLetter | null>(null);
  const issue = useMutation(
    trpc.staff.households.issueCredentials.mutationOptions({
      onSuccess: (data) => {
        setLetter(data);
        void queryClient.invalidateQueries({ queryKey: trpc.staff.households.get.queryKey() });
      },
    }),
  );

  return (
    <section className="panel credentials-panel" aria-labelledby="identifiants-titre">
      <h2 id="identifiants-titre" className="screen-only">
        Identifiants de connexion
      </h2>
      <div className="screen-only">
        {props.disabled ? (
          <p>Le compte est désactivé : réactivez-le pour remettre des identifiants.</p>
        ) : (
          <>
            <p>
              Un nouveau mot de passe provisoire remplace le précédent et déconnecte la famille
              partout. Il est valable 14 jours ; à la première connexion, la famille choisit son
              propre mot de passe.
            </p>
            <div className="field desk-check">
              <label>
                <input
                  type="checkbox"
                  checked={sendByMail}
                  disabled={!props.hasEmail}
                  onChange={(e) => setSendByMail(e.target.checked)}
                />{" "}
                Envoyer aussi par e-mail
              </label>
              {props.hasEmail ? null : (
                <p className="field-hint">Le foyer n'a pas d'adresse e-mail.</p>
              )}
            </div>
            <FormAlert message={issue.isError ? errorMessage(issue.error) : null} />
            <button
              type="button"
              className="button"
              disabled={issue.isPending}
              onClick={() =>
                issue.mutate({
                  householdId: props.householdId,
                  sendByMail: sendByMail && props.hasEmail,
                })
              }
            >
              {letter ? "Remettre de nouveaux identifiants" : "Remettre les identifiants"}
            </button>
          </>
        )}
      </div>
      {letter ? <CredentialsLetter letter={letter} householdName={props.householdName} /> : null}
    </section>
  );
}

function CredentialsLetter({ letter, householdName }: { letter: TLetter; householdName: string }) {
  const portal = `${window.location.origin}/`;
  const validUntil = firstOfMonth(dateTimeFr.format(Date.parse(letter.validUntil)));
  return (
    <div className="credentials-letter">
      <div className="screen-only alert alert-success" role="status">
        <p>
          Identifiants créés
          {letter.mailed ? " et envoyés par e-mail" : ""}. Le mot de passe provisoire n'est affiché
          qu'une fois : imprimez la lettre maintenant.
        </p>
        <button type="button" className="button" onClick={() => window.print()}>
          Imprimer la lettre
        </button>
      </div>
      <article className="letter" aria-label="Lettre d'identifiants">
        <header className="letter-header">
          <p className="letter-town">Ville d'Albertville</p>
          <p>Guichet unique — Espace Famille</p>
        </header>
        <p>{householdName}</p>
        <h3>Vos identifiants Espace Famille</h3>
        <p>
          Voici vos identifiants pour accéder à l'Espace Famille de la Ville d'Albertville, où vous
          pouvez inscrire vos enfants aux activités et réserver les jours dont vous avez besoin.
        </p>
        <dl className="letter-fields">
          <div>
            <dt>Identifiant</dt>
            <dd className="mono" data-testid="letter-login">
              {letter.login}
            </dd>
          </div>
          <div>
            <dt>Mot de passe provisoire</dt>
            <dd className="mono" data-testid="letter-password">
              {letter.temporaryPassword}
            </dd>
          </div>
          <div>
            <dt>Valable jusqu'au</dt>
            <dd>{validUntil}</dd>
          </div>
          <div>
            <dt>Adresse du portail</dt>
            <dd className="mono">{portal}</dd>
          </div>
        </dl>
        <p>Pour votre première connexion :</p>
        <ol className="letter-steps">
          <li>Rendez-vous sur {portal}</li>
          <li>Appuyez sur « Se connecter ».</li>
          <li>Saisissez votre identifiant et le mot de passe provisoire.</li>
          <li>Choisissez votre nouveau mot de passe.</li>
        </ol>
        <p>
          Le mot de passe provisoire ne fonctionne que jusqu'au {validUntil}. Passé ce délai,
          demandez-en un nouveau au guichet unique.
        </p>
      </article>
    </div>
  );
}
