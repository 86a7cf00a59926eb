import type { RouterOutputs } from "@ef/api";
import { ZSetTariffsSchema } from "@ef/api/schemas";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { errorMessage, trpc } from "../trpc";
import { centsOrNull, euroText, numberOf, numberOrNull } from "./catalogue-form";
import { FormAlert } from "./field";

type TLine = RouterOutputs["admin"]["catalogue"]["activity"]["tariffs"][number];
type TRow = { key: number; qfMin: string; qfMax: string; price: string };

let nextKey = 1;
const rowOf = (l: TLine): TRow => ({
  key: nextKey++,
  qfMin: String(l.qfMin),
  qfMax: l.qfMax === null ? "" : String(l.qfMax),
  price: euroText(l.priceCents),
});

/**
 * The tariff grid: a price per QF bracket, for residents and for families of other towns. Every
 * QF must get one price; the server's schema says which bracket is missing or overlaps.
 */
export function TariffEditor(props: { activityId: number; lines: TLine[]; unitLabel: string }) {
  const queryClient = useQueryClient();
  const [rows, setRows] = useState(() => ({
    resident: props.lines.filter((l) => l.resident).map(rowOf),
    other: props.lines.filter((l) => !l.resident).map(rowOf),
  }));
  const [problem, setProblem] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const save = useMutation(
    trpc.admin.catalogue.setTariffs.mutationOptions({
      onSuccess: () => {
        setSaved(true);
        void queryClient.invalidateQueries({ queryKey: trpc.admin.catalogue.pathKey() });
      },
      onError: (e) => setProblem(errorMessage(e)),
    }),
  );
  const update = (group: "resident" | "other", key: number, patch: Partial<TRow>) => {
    setSaved(false);
    setRows((r) => ({
      ...r,
      [group]: r[group].map((row) => (row.key === key ? { ...row, ...patch } : row)),
    }));
  };
  const table = (group: "resident" | "other", caption: string) => (
    <table className="table catalogue-tariffs">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">QF de</th>
          <th scope="col">QF à (vide : et plus)</th>
          <th scope="col">Prix ({props.unitLabel}, €)</th>
          <th scope="col">
            <span className="sr-only">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {rows[group].map((row, i) => (
          <tr key={row.key}>
            <td>
              <input
                aria-label={`${caption}, tranche ${i + 1} : QF de`}
                inputMode="numeric"
                value={row.qfMin}
                onChange={(e) => update(group, row.key, { qfMin: e.target.value })}
              />
            </td>
            <td>
              <input
                aria-label={`${caption}, tranche ${i + 1} : QF à`}
                inputMode="numeric"
                value={row.qfMax}
                onChange={(e) => update(group, row.key, { qfMax: e.target.value })}
              />
            </td>
            <td>
              <input
                aria-label={`${caption}, tranche ${i + 1} : prix en euros`}
                inputMode="decimal"
                value={row.price}
                onChange={(e) => update(group, row.key, { price: e.target.value })}
              />
            </td>
            <td>
              <button
                type="button"
                className="button button-secondary"
                onClick={() =>
                  setRows((r) => ({ ...r, [group]: r[group].filter((x) => x.key !== row.key) }))
                }
              >
                Retirer<span className="sr-only"> la tranche {i + 1}</span>
              </button>
            </td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <td colSpan={4}>
            <button
              type="button"
              className="button button-secondary"
              onClick={() =>
                setRows((r) => ({
                  ...r,
                  [group]: [...r[group], { key: nextKey++, qfMin: "", qfMax: "", price: "" }],
                }))
              }
            >
              Ajouter une tranche<span className="sr-only"> ({caption})</span>
            </button>
          </td>
        </tr>
      </tfoot>
    </table>
  );
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        setSaved(false);
        const lines = (["resident", "other"] as const).flatMap((g) =>
          rows[g].map((r) => ({
            qfMin: numberOf(r.qfMin),
            qfMax: numberOrNull(r.qfMax),
            resident: g === "resident",
            priceCents: centsOrNull(r.price) ?? Number.NaN,
          })),
        );
        const parsed = ZSetTariffsSchema.safeParse({ activityId: props.activityId, lines });
        if (!parsed.success) {
          const issue = parsed.error.issues[0];
          const where =
            issue && issue.path[0] === "lines" && typeof issue.path[1] === "number"
              ? `Tranche ${issue.path[1] + 1} : `
              : "";
          setProblem(`${where}${issue?.message ?? "Grille invalide."}`);
          return;
        }
        setProblem(null);
        save.mutate(parsed.data);
      }}
    >
      <FormAlert message={problem} />
      <div aria-live="polite">
        {saved ? <p className="alert alert-success">Grille des tarifs enregistrée.</p> : null}
      </div>
      {table("resident", "Familles d'Albertville")}
      {table("other", "Familles hors commune")}
      <div className="actions">
        <button type="submit" className="button" disabled={save.isPending}>
          Enregistrer la grille
        </button>
      </div>
    </form>
  );
}
