import type { RouterOutputs } from "@ef/api";
import {
  documentCategoryLabels,
  ZCreateDocumentSchema,
  ZCreateNewsSchema,
  ZUpdateNewsSchema,
} from "@ef/api/schemas";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { createFileRoute } from "@tanstack/react-router";
import { type FormEvent, useState } from "react";
import { z } from "zod";
import "../../../components/admin.css";
import { Badge } from "../../../components/badge";
import { Field, FormAlert, TextAreaField } from "../../../components/field";
import { Loading, QueryError } from "../../../components/query-error";
import { useDocumentTitle } from "../../../lib/document-title";
import { readBase64 } from "../../../lib/files";
import { formatDate } from "../../../lib/format";
import type { TTone } from "../../../lib/labels";
import { useZodForm } from "../../../lib/use-zod-form";
import { errorMessage, fieldErrorsOf, trpc } from "../../../trpc";

type TNews = RouterOutputs["admin"]["content"]["news"]["list"][number];
type TDocument = RouterOutputs["admin"]["content"]["documents"]["list"][number];
type TCategory = TDocument["category"];

// Admins only: the API refuses agents with FORBIDDEN, whose French message is shown as is.
export const Route = createFileRoute("/_staff/admin/contenus")({
  component: ContentPage,
});

const newsStatusLabels: Record<TNews["status"], string> = {
  draft: "Brouillon",
  published: "Publiée",
  unpublished: "Retirée",
};
const newsStatusTones: Record<TNews["status"], TTone> = {
  draft: "neutral",
  published: "ok",
  unpublished: "warn",
};

function ContentPage() {
  useDocumentTitle("Actualités et documents");
  const [done, setDone] = useState<string | null>(null);
  return (
    <>
      <p className="breadcrumb">Administration</p>
      <h1 tabIndex={-1}>Actualités et documents</h1>
      <p className="lead">Ce qui est publié ici paraît sur l'accueil public de l'Espace Famille.</p>
      <div role="status" className={done ? "alert alert-success" : "sr-only"}>
        {done}
      </div>
      <NewsSection onDone={setDone} />
      <DocumentsSection onDone={setDone} />
    </>
  );
}

function useRefresh() {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: trpc.admin.content.news.list.queryKey() });
    void queryClient.invalidateQueries({ queryKey: trpc.admin.content.documents.list.queryKey() });
    void queryClient.invalidateQueries({ queryKey: trpc.content.news.queryKey() });
    void queryClient.invalidateQueries({ queryKey: trpc.content.documents.queryKey() });
  };
}

/* ---------------------------------------------------------------- Actualités */

function NewsSection({ onDone }: { onDone: (message: string | null) => void }) {
  const news = useQuery(trpc.admin.content.news.list.queryOptions());
  const refresh = useRefresh();
  const [editing, setEditing] = useState<number | null>(null);
  const setStatus = useMutation(
    trpc.admin.content.news.setStatus.mutationOptions({
      onSuccess: (row) => {
        onDone(
          row.status === "published"
            ? `« ${row.title} » est publiée sur l'accueil.`
            : `« ${row.title} » est retirée de l'accueil.`,
        );
        refresh();
      },
    }),
  );
  return (
    <section className="panel" aria-labelledby="actualites-titre">
      <h2 id="actualites-titre">Actualités</h2>
      <FormAlert message={setStatus.isError ? errorMessage(setStatus.error) : null} />
      {news.isPending ? (
        <Loading />
      ) : news.isError ? (
        <QueryError error={news.error} onRetry={() => void news.refetch()} />
      ) : news.data.length === 0 ? (
        <p>Aucune actualité.</p>
      ) : (
        <table className="table">
          <caption className="sr-only">Actualités, de la plus récente à la plus ancienne</caption>
          <thead>
            <tr>
              <th scope="col">Actualité</th>
              <th scope="col">État</th>
              <th scope="col">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {news.data.map((n) => (
              <tr key={n.id}>
                <th scope="row">
                  {editing === n.id ? (
                    <EditNewsForm
                      item={n}
                      onClose={(saved) => {
                        setEditing(null);
                        if (saved) onDone(`« ${saved} » est enregistrée.`);
                      }}
                    />
                  ) : (
                    <>
                      {n.title}
                      <details>
                        <summary>Voir le texte</summary>
                        <p className="news-body">{n.body}</p>
                      </details>
                    </>
                  )}
                </th>
                <td>
                  <Badge tone={newsStatusTones[n.status]}>{newsStatusLabels[n.status]}</Badge>
                  {n.publishedAt ? (
                    <span className="muted"> depuis le {formatDate(n.publishedAt)}</span>
                  ) : null}
                </td>
                <td>
                  <div className="row-actions">
                    {n.status === "published" ? (
                      <button
                        type="button"
                        className="button button-secondary"
                        disabled={setStatus.isPending}
                        aria-label={`Retirer « ${n.title} »`}
                        onClick={() => {
                          onDone(null);
                          setStatus.mutate({ id: n.id, status: "unpublished" });
                        }}
                      >
                        Retirer
                      </button>
                    ) : (
                      <button
                        type="button"
                        className="button"
                        disabled={setStatus.isPending}
                        aria-label={`Publier « ${n.title} »`}
                        onClick={() => {
                          onDone(null);
                          setStatus.mutate({ id: n.id, status: "published" });
                        }}
                      >
                        Publier
                      </button>
                    )}
                    {editing === n.id ? null : (
                      <button
                        type="button"
                        className="button button-secondary"
                        aria-label={`Modifier « ${n.title} »`}
                        onClick={() => setEditing(n.id)}
                      >
                        Modifier
                      </button>
                    )}
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <CreateNewsForm onDone={onDone} />
    </section>
  );
}

function CreateNewsForm({ onDone }: { onDone: (message: string | null) => void }) {
  const refresh = useRefresh();
  const form = useZodForm({
    id: "actualite",
    schema: ZCreateNewsSchema,
    initial: { title: "", body: "" },
    fixed: { publish: false },
  });
  const create = useMutation(
    trpc.admin.content.news.create.mutationOptions({
      onSuccess: (row) => {
        onDone(
          row.status === "published"
            ? `« ${row.title} » est publiée sur l'accueil.`
            : `« ${row.title} » est enregistrée comme brouillon.`,
        );
        form.set("title", "");
        form.set("body", "");
        refresh();
      },
      onError: (e) => form.showServerError(e),
    }),
  );
  return (
    <form
      className="desk-form"
      noValidate
      aria-labelledby="nouvelle-actualite-titre"
      onSubmit={(e) => {
        const submitter = (e.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
        const input = form.submit(e);
        if (input && !create.isPending) {
          onDone(null);
          create.mutate({ ...input, publish: submitter?.value === "publier" });
        }
      }}
    >
      <h3 id="nouvelle-actualite-titre">Nouvelle actualité</h3>
      <FormAlert message={form.formError} />
      <Field
        id={form.fieldId("title")}
        label="Titre"
        value={form.values.title}
        onValue={(v) => form.set("title", v)}
        error={form.errors.title}
      />
      <TextAreaField
        id={form.fieldId("body")}
        label="Texte"
        rows={6}
        value={form.values.body}
        onValue={(v) => form.set("body", v)}
        error={form.errors.body}
      />
      <div className="actions">
        <button type="submit" className="button" value="publier" disabled={create.isPending}>
          Publier
        </button>
        <button
          type="submit"
          className="button button-secondary"
          value="brouillon"
          disabled={create.isPending}
        >
          Enregistrer comme brouillon
        </button>
      </div>
    </form>
  );
}

function EditNewsForm({
  item,
  onClose,
}: {
  item: TNews;
  onClose: (savedTitle: string | null) => void;
}) {
  const refresh = useRefresh();
  const form = useZodForm({
    id: `actualite-${item.id}`,
    schema: ZUpdateNewsSchema,
    initial: { title: item.title, body: item.body },
    fixed: { id: item.id },
  });
  const update = useMutation(
    trpc.admin.content.news.update.mutationOptions({
      onSuccess: (row) => {
        refresh();
        onClose(row.title);
      },
      onError: (e) => form.showServerError(e),
    }),
  );
  return (
    <form
      className="desk-form"
      noValidate
      aria-label={`Modifier « ${item.title} »`}
      onSubmit={(e) => {
        const input = form.submit(e);
        if (input && !update.isPending) update.mutate(input);
      }}
    >
      <FormAlert message={form.formError} />
      <Field
        id={form.fieldId("title")}
        label="Titre"
        value={form.values.title}
        onValue={(v) => form.set("title", v)}
        error={form.errors.title}
      />
      <TextAreaField
        id={form.fieldId("body")}
        label="Texte"
        rows={6}
        value={form.values.body}
        onValue={(v) => form.set("body", v)}
        error={form.errors.body}
      />
      <div className="actions">
        <button type="submit" className="button" disabled={update.isPending}>
          Enregistrer
        </button>
        <button type="button" className="button button-secondary" onClick={() => onClose(null)}>
          Annuler
        </button>
      </div>
    </form>
  );
}

/* ---------------------------------------------------------------- Documents */

const categories = Object.entries(documentCategoryLabels) as [TCategory, string][];

function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} o`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} Ko`;
  return `${(bytes / (1024 * 1024)).toLocaleString("fr-FR", { maximumFractionDigits: 1 })} Mo`;
}

function DocumentsSection({ onDone }: { onDone: (message: string | null) => void }) {
  const docs = useQuery(trpc.admin.content.documents.list.queryOptions());
  const refresh = useRefresh();
  const [confirming, setConfirming] = useState<number | null>(null);
  const setPublished = useMutation(
    trpc.admin.content.documents.setPublished.mutationOptions({
      onSuccess: (row) => {
        onDone(
          row.published
            ? `« ${row.title} » est publié sur l'accueil.`
            : `« ${row.title} » est retiré de l'accueil.`,
        );
        refresh();
      },
    }),
  );
  const remove = useMutation(
    trpc.admin.content.documents.remove.mutationOptions({
      onSuccess: () => {
        setConfirming(null);
        onDone("Le document est supprimé.");
        refresh();
      },
    }),
  );
  const failure = setPublished.error ?? remove.error;
  return (
    <section className="panel" aria-labelledby="documents-titre">
      <h2 id="documents-titre">Documents publics</h2>
      <FormAlert message={failure ? errorMessage(failure) : null} />
      {docs.isPending ? (
        <Loading />
      ) : docs.isError ? (
        <QueryError error={docs.error} onRetry={() => void docs.refetch()} />
      ) : docs.data.length === 0 ? (
        <p>Aucun document.</p>
      ) : (
        <table className="table">
          <caption className="sr-only">Documents : règlement, tarifs, menus…</caption>
          <thead>
            <tr>
              <th scope="col">Document</th>
              <th scope="col">Catégorie</th>
              <th scope="col">État</th>
              <th scope="col">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {docs.data.map((d) => (
              <tr key={d.id}>
                <th scope="row">
                  {d.published ? (
                    <a href={d.url} target="_blank" rel="noreferrer">
                      {d.title}
                    </a>
                  ) : (
                    d.title
                  )}
                  <span className="muted">
                    {" "}
                    — {d.fileName}, {formatSize(d.sizeBytes)}
                  </span>
                  {d.description ? <p className="muted doc-description">{d.description}</p> : null}
                </th>
                <td>{documentCategoryLabels[d.category]}</td>
                <td>
                  {d.published ? (
                    <Badge tone="ok">Publié</Badge>
                  ) : (
                    <Badge tone="neutral">Non publié</Badge>
                  )}
                </td>
                <td>
                  {confirming === d.id ? (
                    <div className="row-actions">
                      <button
                        type="button"
                        className="button"
                        disabled={remove.isPending}
                        onClick={() => remove.mutate({ id: d.id })}
                      >
                        Confirmer la suppression
                      </button>
                      <button
                        type="button"
                        className="button button-secondary"
                        onClick={() => setConfirming(null)}
                      >
                        Annuler
                      </button>
                    </div>
                  ) : (
                    <div className="row-actions">
                      <button
                        type="button"
                        className="button button-secondary"
                        disabled={setPublished.isPending}
                        aria-label={`${d.published ? "Retirer" : "Publier"} « ${d.title} »`}
                        onClick={() => {
                          onDone(null);
                          setPublished.mutate({ id: d.id, published: !d.published });
                        }}
                      >
                        {d.published ? "Retirer" : "Publier"}
                      </button>
                      <button
                        type="button"
                        className="button button-secondary"
                        aria-label={`Supprimer « ${d.title} »`}
                        onClick={() => {
                          onDone(null);
                          setConfirming(d.id);
                        }}
                      >
                        Supprimer
                      </button>
                    </div>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <AddDocumentForm onDone={onDone} />
    </section>
  );
}

type TDocField = "title" | "description" | "category" | "file";
type TFile = { fileName: string; contentBase64: string };

/** "Ajouter un document": checked with the server's schema (a PDF, 5 MB at most) before sending. */
function AddDocumentForm({ onDone }: { onDone: (message: string | null) => void }) {
  const refresh = useRefresh();
  const [values, setValues] = useState({ title: "", description: "", category: "" });
  const [file, setFile] = useState<TFile | null>(null);
  const [published, setPublished] = useState(true);
  const [errors, setErrors] = useState<Partial<Record<TDocField, string>>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [inputKey, setInputKey] = useState(0);
  const id = (f: TDocField) => `document-${f}`;

  const showErrors = (byField: Record<string, string[] | undefined>) => {
    const next: Partial<Record<TDocField, string>> = {};
    for (const f of ["title", "description", "category", "file"] as const) {
      const message = byField[f]?.[0];
      if (message) next[f] = message;
    }
    setErrors(next);
    const first = (["title", "description", "category", "file"] as const).find((f) => next[f]);
    if (first) document.getElementById(id(first))?.focus();
  };

  const create = useMutation(
    trpc.admin.content.documents.uploadPdf.mutationOptions({
      onSuccess: (row) => {
        onDone(
          row.published
            ? `« ${row.title} » est publié sur l'accueil.`
            : `« ${row.title} » est enregistré, non publié.`,
        );
        setValues({ title: "", description: "", category: "" });
        setFile(null);
        setInputKey((k) => k + 1);
        refresh();
      },
      onError: (e) => {
        const fields = fieldErrorsOf(e);
        showErrors(fields);
        setFormError(errorMessage(e));
      },
    }),
  );

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setFormError(null);
    const parsed = ZCreateDocumentSchema.safeParse({
      ...values,
      file: file ?? { fileName: "", contentBase64: "" },
      published,
    });
    if (!parsed.success) {
      showErrors(z.flattenError(parsed.error).fieldErrors as Record<string, string[]>);
      // The file's own messages come from its nested fields.
      const fileIssue = parsed.error.issues.find((i) => i.path[0] === "file");
      if (fileIssue) setErrors((e) => ({ ...e, file: fileIssue.message }));
      return;
    }
    setErrors({});
    if (!create.isPending) {
      onDone(null);
      create.mutate(parsed.data);
    }
  };

  const fileError = errors.file;
  return (
    <form
      className="desk-form"
      noValidate
      aria-labelledby="nouveau-document-titre"
      onSubmit={submit}
    >
      <h3 id="nouveau-document-titre">Ajouter un document</h3>
      <FormAlert message={formError} />
      <Field
        id={id("title")}
        label="Titre"
        value={values.title}
        onValue={(v) => setValues((s) => ({ ...s, title: v }))}
        error={errors.title}
      />
      <Field
        id={id("description")}
        label="Description (facultative)"
        value={values.description}
        onValue={(v) => setValues((s) => ({ ...s, description: v }))}
        error={errors.description}
      />
      <div className={errors.category ? "field field-invalid" : "field"}>
        <label htmlFor={id("category")}>Catégorie</label>
        <select
          id={id("category")}
          value={values.category}
          aria-invalid={errors.category ? true : undefined}
          aria-describedby={errors.category ? `${id("category")}-error` : undefined}
          onChange={(e) => setValues((s) => ({ ...s, category: e.target.value }))}
        >
          <option value="">Choisir…</option>
          {categories.map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
        {errors.category ? (
          <p className="field-error" id={`${id("category")}-error`}>
            {errors.category}
          </p>
        ) : null}
      </div>
      <div className={fileError ? "field field-invalid file-input" : "field file-input"}>
        <label htmlFor={id("file")}>Fichier PDF (5 Mo au plus)</label>
        <input
          key={inputKey}
          id={id("file")}
          type="file"
          accept="application/pdf,.pdf"
          aria-invalid={fileError ? true : undefined}
          aria-describedby={fileError ? `${id("file")}-error` : undefined}
          onChange={(e) => {
            const chosen = e.target.files?.[0];
            setErrors((s) => ({ ...s, file: undefined }));
            if (!chosen) {
              setFile(null);
              return;
            }
            readBase64(chosen).then(
              (contentBase64) => {
                const next = { fileName: chosen.name, contentBase64 };
                setFile(next);
                // Said at once, with the server's rule: not a PDF, too large.
                const check = ZCreateDocumentSchema.shape.file.safeParse(next);
                if (!check.success) {
                  setErrors((s) => ({ ...s, file: check.error.issues[0]?.message }));
                }
              },
              () => setErrors((s) => ({ ...s, file: "Le fichier n'a pas pu être lu. Réessayez." })),
            );
          }}
        />
        {fileError ? (
          <p className="field-error" id={`${id("file")}-error`}>
            {fileError}
          </p>
        ) : null}
      </div>
      <div className="field admin-check">
        <label>
          <input
            type="checkbox"
            checked={published}
            onChange={(e) => setPublished(e.target.checked)}
          />{" "}
          Publier sur l'accueil
        </label>
      </div>
      <div className="actions">
        <button type="submit" className="button" disabled={create.isPending}>
          Ajouter le document
        </button>
      </div>
    </form>
  );
}
