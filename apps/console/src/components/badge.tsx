import type { TTone } from "../lib/labels";

/** A state in words, with a shape and colour that only repeat what the words say. */
export function Badge({ tone, children }: { tone: TTone; children: string }) {
  return <span className={`badge badge-${tone}`}>{children}</span>;
}
