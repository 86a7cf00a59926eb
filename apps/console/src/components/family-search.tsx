import type { RouterOutputs } from "@ef/api";
import { ZHouseholdSearchSchema } from "@ef/api/schemas";
import { skipToken, useQuery } from "@tanstack/react-query";
import { Link, useRouter } from "@tanstack/react-router";
import { useEffect, useState } from "react";
import { dossierStatusLabels, dossierTone } from "../lib/labels";
import { rememberSearch } from "../lib/last-search";
import { trpc } from "../trpc";
import { Badge } from "./badge";
import { Field } from "./field";
import { QueryError } from "./query-error";

/** The server returns at most this many households. */
const MAX_RESULTS = 25;
const FIELD_ID = "recherche-q";
/** How long typing pauses before the search runs. */
const TYPING_PAUSE_MS = 300;

/** What the URL asks for, checked with the server's rule; the message when it falls short. */
export function readFamilyQuery(q: string | undefined) {
  if (q === undefined) return { valid: null, error: undefined };
  const parsed = ZHouseholdSearchSchema.safeParse({ q });
  return parsed.success
    ? { valid: parsed.data.q, error: undefined }
    : { valid: null, error: parsed.error.issues[0]?.message };
}

/**
 * "Rechercher une famille": by account code, a parent's or a child's name, a phone number. The
 * search lives in the URL (`?q=`), so Back and Forward keep it; `onSearch` changes it.
 */
export function FamilySearch({
  q,
  onSearch,
}: {
  q: string | undefined;
  onSearch: (q: string | undefined, opts: { replace: boolean }) => void;
}) {
  const [text, setText] = useState(q ?? "");
  const [submitError, setSubmitError] = useState<string | undefined>();
  const { valid, error: urlError } = readFamilyQuery(q);
  const router = useRouter();

  // Back and forward change the URL: the field follows (unless it already says the same).
  useEffect(() => {
    setText((t) => (t.trim() === (q ?? "") ? t : (q ?? "")));
    rememberSearch(q);
  }, [q]);

  // Typing searches once the agent pauses. The URL is replaced, not pushed: Back leaves the
  // search rather than undoing it letter by letter. An agent who has meanwhile clicked a link
  // (a family of the dashboard) has left: the page still shows while the next one loads, but
  // the pause must not bring the agent back to the search.
  useEffect(() => {
    const next = text.trim();
    if (next === (q ?? "")) return;
    if (next !== "" && readFamilyQuery(next).error) return;
    const typedOn = router.state.location.pathname;
    const timer = window.setTimeout(() => {
      if (router.state.location.pathname !== typedOn) return;
      onSearch(next === "" ? undefined : next, { replace: true });
    }, TYPING_PAUSE_MS);
    return () => window.clearTimeout(timer);
  }, [text, q, onSearch, router]);

  const results = useQuery(
    trpc.staff.households.search.queryOptions(valid === null ? skipToken : { q: valid }),
  );

  return (
    <>
      <search>
        <form
          className="search-form"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            const next = text.trim();
            const error = readFamilyQuery(next).error;
            setSubmitError(error);
            if (error) {
              document.getElementById(FIELD_ID)?.focus();
              return;
            }
            if (next !== (q ?? "")) onSearch(next, { replace: false });
          }}
        >
          <Field
            id={FIELD_ID}
            label="Rechercher une famille"
            hint="Identifiant (F00123), nom d'un parent ou d'un enfant, téléphone"
            type="search"
            autoComplete="off"
            spellCheck={false}
            minLength={2}
            maxLength={64}
            value={text}
            onValue={(v) => {
              setText(v);
              setSubmitError(undefined);
            }}
            error={submitError ?? urlError}
          />
          <button type="submit" className="button">
            Rechercher
          </button>
        </form>
      </search>

      <section aria-labelledby="resultats-titre" className="results">
        <h2 id="resultats-titre" className="sr-only">
          Résultats
        </h2>
        {/* Always present, so that each new count is read out. */}
        <p role="status" className="results-count">
          {valid === null
            ? ""
            : results.isPending
              ? "Recherche en cours…"
              : results.isSuccess
                ? countMessage(results.data.length, valid)
                : ""}
        </p>
        {valid !== null && results.isError ? (
          <QueryError error={results.error} onRetry={() => void results.refetch()} />
        ) : null}
        {valid !== null && results.isSuccess && results.data.length > 0 ? (
          <ResultsTable rows={results.data} q={valid} />
        ) : null}
      </section>
    </>
  );
}

function countMessage(n: number, q: string): string {
  if (n === 0) return `Aucun foyer ne correspond à « ${q} ».`;
  if (n === 1) return "1 foyer trouvé.";
  if (n >= MAX_RESULTS) {
    return `Les ${MAX_RESULTS} premiers foyers sont affichés : précisez la recherche pour affiner.`;
  }
  return `${n} foyers trouvés.`;
}

type TRow = RouterOutputs["staff"]["households"]["search"][number];

function ResultsTable({ rows, q }: { rows: TRow[]; q: string }) {
  return (
    <table className="table">
      <caption className="sr-only">Foyers correspondant à « {q} »</caption>
      <thead>
        <tr>
          <th scope="col">Identifiant</th>
          <th scope="col">Foyer</th>
          <th scope="col">Enfants</th>
          <th scope="col">Commune</th>
          <th scope="col">Dossier</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((h) => (
          <tr key={h.id}>
            <td className="mono">{h.accountCode}</td>
            <th scope="row">
              <Link
                to="/foyers/$householdId"
                params={{ householdId: String(h.id) }}
                className="row-link"
              >
                {h.name}
              </Link>
            </th>
            <td>{h.childrenNames.length ? h.childrenNames.join(", ") : "Aucun enfant"}</td>
            <td>{h.city}</td>
            <td>
              <Badge tone={dossierTone[h.dossierStatus]}>
                {dossierStatusLabels[h.dossierStatus]}
              </Badge>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
