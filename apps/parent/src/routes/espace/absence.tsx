import { useMutation, useQuery } from "@tanstack/react-query";
import { createFileRoute } from "@tanstack/react-router";
import { type FormEvent, useId, useRef, useState } from "react";
import { Choices } from "../../components/choices";
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
import { BackToSpace, Loading, Page } from "../../components/page";
import { addDays, formatDay } from "../../lib/dates";
import { readBase64 } from "../../lib/files";
import { formatSize } from "../../lib/format";
import { useOverview, useParent } from "../../lib/overview";
import { errorMessage, queryClient, trpc } from "../../trpc";

export const Route = createFileRoute("/espace/absence")({ component: AbsencePage });

/** The server's limits, checked here first so a parent does not wait for a refusal. */
const MAX_BYTES = 5 * 1024 * 1024;
const ACCEPTED_TYPES = ["application/pdf", "image/jpeg", "image/png"];
const ACCEPTED_NAMES = /\.(pdf|jpe?g|png)$/i;
/** As `ABSENCE_DECLARATION_DAYS` in @ef/core: the day itself and the 7 days after it. */
const DECLARATION_DAYS = 7;

const statusWords = {
  pending: "En attente de vérification",
  accepted: "Justifiée",
  refused: "Refusée",
} as const;

function fileError(file: File | null): string | undefined {
  if (!file) return "Joignez le certificat médical (PDF, JPEG ou PNG).";
  if (file.size === 0) return "Le fichier est vide.";
  if (file.size > MAX_BYTES) return "Le fichier dépasse 5 Mo. Envoyez un fichier plus léger.";
  if (!ACCEPTED_TYPES.includes(file.type) && !ACCEPTED_NAMES.test(file.name)) {
    return "Ce fichier n'est ni un PDF, ni une image JPEG ou PNG.";
  }
  return undefined;
}

function AbsencePage() {
  return (
    <Page title="Signaler une absence">
      <p>
        Votre enfant est malade ? Signalez son absence dès le jour même, et au plus tard{" "}
        {DECLARATION_DAYS} jours après, avec un certificat médical. Une fois le certificat vérifié
        par le guichet unique, les activités facturées au mois (accueils périscolaires) réservées ce
        jour-là ne vous sont pas facturées, ou sont déduites de votre prochaine facture.
      </p>
      <p className="note">
        Sans absence justifiée, les jours réservés et non annulés à temps sont facturés. Pour un
        jour à venir, annulez plutôt la réservation dans le planning.
      </p>
      <AbsenceForm />
      <DeclaredAbsences />
      <BackToSpace />
    </Page>
  );
}

function AbsenceForm() {
  usePreloadSchemas();
  const me = useParent();
  const overview = useOverview();
  const kids = overview.data?.children ?? [];
  const [childId, setChildId] = useState<number>();
  const [date, setDate] = useState(me.today);
  const [reason, setReason] = useState("");
  const [file, setFile] = useState<File | null>(null);
  const [errors, setErrors] = useState<TFieldErrors>({});
  const [phase, setPhase] = useState<"idle" | "reading" | "sending">("idle");
  const [done, setDone] = useState<string>();
  const form = useRef<HTMLFormElement>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const submitOnce = useSubmitOnce();
  const fileId = useId();
  // An only child is already chosen.
  const chosen = childId ?? (kids.length === 1 ? kids[0]?.id : undefined);

  const declare = useMutation(
    trpc.absences.declare.mutationOptions({
      onSuccess: () =>
        queryClient.invalidateQueries({
          queryKey: trpc.absences.mine.queryKey({ householdId: me.householdId }),
        }),
    }),
  );

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    submitOnce(async () => {
      setDone(undefined);
      declare.reset();
      const values = { childId: chosen ?? 0, date, reason };
      const found: TFieldErrors = (await check((s) => s.ZDeclareAbsenceFormSchema, values)) ?? {};
      const certificateError = fileError(file);
      if (certificateError) found.certificate = certificateError;
      if (Object.keys(found).length > 0 || !file) {
        showFieldErrors(form.current, setErrors, found);
        if (found.childId && !found.date && !found.reason) {
          form.current?.querySelector<HTMLInputElement>('input[name="enfant"]')?.focus();
        }
        return;
      }
      setErrors({});
      try {
        setPhase("reading");
        const contentBase64 = await readBase64(file);
        setPhase("sending");
        await declare.mutateAsync({
          householdId: me.householdId,
          ...values,
          certificate: { fileName: file.name, contentBase64 },
        });
        const name = kids.find((k) => k.id === values.childId)?.firstName ?? "votre enfant";
        setDone(
          `L'absence de ${name} le ${formatDay(date)} est signalée. Le guichet unique va vérifier le certificat : vous recevrez sa réponse par e-mail.`,
        );
        setReason("");
        setFile(null);
        if (fileInput.current) fileInput.current.value = "";
      } catch (error) {
        const fields = serverFieldErrors(error);
        if (Object.keys(fields).length > 0) showFieldErrors(form.current, setErrors, fields);
      } finally {
        setPhase("idle");
      }
    });
  }

  const pending = phase !== "idle";
  const certificateError = errors.certificate;
  return (
    <section aria-labelledby="declarer">
      <h2 id="declarer">Déclarer une absence</h2>
      <div aria-live="polite" role="status">
        {done ? <p className="alert alert--success">{done}</p> : null}
      </div>
      {overview.isPending ? (
        <Loading />
      ) : overview.isError ? (
        <p className="alert alert--error" role="alert">
          {errorMessage(overview.error)}
        </p>
      ) : kids.length === 0 ? (
        <p>Aucun enfant n'est enregistré. Le guichet unique peut les ajouter à votre foyer.</p>
      ) : (
        <form
          ref={form}
          className="form"
          // One column no wider than the phone: a date or file input's own width must not widen it.
          style={{ gridTemplateColumns: "minmax(0, 1fr)" }}
          onSubmit={onSubmit}
          noValidate
          aria-busy={pending}
        >
          {declare.isError ? <FormAlert>{errorMessage(declare.error)}</FormAlert> : null}
          <Choices
            legend="Quel enfant est absent ?"
            name="enfant"
            value={chosen}
            onChange={(v) => {
              setChildId(v);
              setErrors((e) => ({ ...e, childId: undefined }));
            }}
            error={errors.childId}
            choices={kids.map((c) => ({
              value: c.id,
              title: c.firstName,
              hint: [c.classLevel, c.schoolName].filter(Boolean).join(" — ") || undefined,
            }))}
          />
          <TextField
            label="Jour de l'absence"
            name="date"
            type="date"
            value={date}
            max={me.today}
            min={addDays(me.today, -DECLARATION_DAYS)}
            onValueChange={(v) => {
              setDate(v);
              setErrors((e) => ({ ...e, date: undefined }));
            }}
            error={errors.date}
            hint={`Aujourd'hui par défaut ; jusqu'à ${DECLARATION_DAYS} jours en arrière.`}
          />
          <TextField
            label="Motif"
            name="reason"
            value={reason}
            maxLength={300}
            autoComplete="off"
            onValueChange={(v) => {
              setReason(v);
              setErrors((e) => ({ ...e, reason: undefined }));
            }}
            error={errors.reason}
            hint="Par exemple : malade, fièvre."
          />
          <div className={certificateError ? "field field--error" : "field"}>
            <label htmlFor={fileId}>Certificat médical</label>
            <p className="field__hint" id={`${fileId}-aide`}>
              PDF, JPEG ou PNG, 5 Mo au plus. Une photo nette du certificat convient.
            </p>
            <div className="field__row">
              <input
                ref={fileInput}
                id={fileId}
                name="certificate"
                type="file"
                accept="application/pdf,image/jpeg,image/png,.pdf,.jpg,.jpeg,.png"
                aria-invalid={certificateError ? true : undefined}
                aria-describedby={[`${fileId}-aide`, certificateError ? `${fileId}-erreur` : null]
                  .filter(Boolean)
                  .join(" ")}
                onChange={(e) => {
                  const next = e.target.files?.[0] ?? null;
                  setFile(next);
                  setErrors((errs) => ({
                    ...errs,
                    certificate: next ? fileError(next) : undefined,
                  }));
                }}
              />
            </div>
            {file && !certificateError ? (
              <p className="meta">
                {file.name} — {formatSize(file.size)}
              </p>
            ) : null}
            {certificateError ? (
              <p className="field__error" id={`${fileId}-erreur`}>
                <span aria-hidden="true">⚠ </span>
                {certificateError}
              </p>
            ) : null}
          </div>
          {pending ? (
            <p className="loading">
              <label htmlFor={`${fileId}-progres`}>
                {phase === "reading" ? "Préparation du fichier…" : "Envoi du certificat…"}
              </label>{" "}
              <progress id={`${fileId}-progres`} />
            </p>
          ) : null}
          <SubmitButton
            pending={pending}
            label="Signaler l'absence"
            pendingLabel="Envoi en cours…"
          />
        </form>
      )}
    </section>
  );
}

function DeclaredAbsences() {
  const me = useParent();
  const mine = useQuery(trpc.absences.mine.queryOptions({ householdId: me.householdId }));
  return (
    <section aria-labelledby="signalees">
      <h2 id="signalees">Absences signalées</h2>
      {mine.isPending ? (
        <Loading />
      ) : mine.isError ? (
        <p className="alert alert--error" role="alert">
          {errorMessage(mine.error)}
        </p>
      ) : mine.data.length === 0 ? (
        <p>Aucune absence signalée.</p>
      ) : (
        <ul className="list">
          {mine.data.map((a) => {
            const lastDay = addDays(a.date, DECLARATION_DAYS);
            return (
              <li key={a.id}>
                <article className="card" aria-label={`${a.childName}, ${formatDay(a.date)}`}>
                  <h3>
                    {a.childName} — {formatDay(a.date)}
                  </h3>
                  <p>
                    <span className={`badge badge--${a.status}`}>{statusWords[a.status]}</span>
                  </p>
                  <p className="meta">Motif : {a.reason}</p>
                  <p>
                    <a
                      className="text-link"
                      href={`/fichiers/absences/${a.id}`}
                      target="_blank"
                      rel="noopener"
                    >
                      Certificat : {a.fileName}
                    </a>
                  </p>
                  {a.status === "refused" ? (
                    <>
                      <p className="piece__reason">Motif du refus : {a.refusalReason}</p>
                      {me.today <= lastDay ? (
                        <p>
                          Vous pouvez signaler cette absence à nouveau avec un autre certificat
                          jusqu'au {formatDay(lastDay)}.
                        </p>
                      ) : null}
                    </>
                  ) : null}
                </article>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
