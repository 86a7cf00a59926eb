import { useQuery } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { trpc } from "../trpc";

/** At most this many are listed at once (as the server's limit). */
export const MAX_PIECES = 200;

/** "Pièces à vérifier", with how many wait: read out as "Pièces à vérifier (3)". */
export function PiecesToReviewLink({ active }: { active: boolean }) {
  const pieces = useQuery(trpc.staff.dossiers.toReview.queryOptions());
  const count = pieces.data?.length ?? 0;
  const shown = count >= MAX_PIECES ? `${MAX_PIECES}+` : String(count);
  return (
    <Link to="/pieces" className={active ? "nav-link nav-link-active" : "nav-link"}>
      Pièces à vérifier
      {count > 0 ? (
        <>
          <span className="nav-count" aria-hidden="true">
            {shown}
          </span>
          <span className="sr-only"> ({shown})</span>
        </>
      ) : null}
    </Link>
  );
}
