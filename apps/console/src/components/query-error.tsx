import { errorMessage, isApiError } from "../trpc";

/** A failed load: the server's French message, and a retry when the network was the cause. */
export function QueryError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const networkFailure = !(isApiError(error) && error.data);
  return (
    <div role="alert" className="alert alert-error">
      <p>{errorMessage(error)}</p>
      {networkFailure && onRetry ? (
        <button type="button" className="button button-secondary" onClick={onRetry}>
          Réessayer
        </button>
      ) : null}
    </div>
  );
}

/** A polite "loading" line for screen readers and eyes alike. */
export function Loading({ label = "Chargement…" }: { label?: string }) {
  return (
    <p className="loading" role="status">
      {label}
    </p>
  );
}
