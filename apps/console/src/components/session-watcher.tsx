import { useMutation, useQuery } from "@tanstack/react-query";
import { useEffect, useId, useRef, useState } from "react";
import { calibrateServerClock, serverNow } from "../lib/server-clock";
import { useLogout } from "../lib/use-logout";
import { errorMessage, queryClient, trpc } from "../trpc";

const POLL_MS = 30_000;
/** Before warning, make sure no recent activity (here or in another tab) moved the expiry. */
const FRESH_MS = 10_000;

/**
 * The staff idle timeout. `auth.sessionStatus` is polled without counting as activity; when less
 * than `warnBeforeMs` remains, a modal dialog offers to stay. When the server says the session
 * has ended, the central error handler sends the agent to the login page.
 */
export function SessionWatcher({ warnBeforeMs }: { warnBeforeMs: number }) {
  const statusOptions = trpc.auth.sessionStatus.queryOptions(undefined, {
    refetchInterval: POLL_MS,
    refetchIntervalInBackground: true,
    staleTime: 0,
  });
  const status = useQuery(statusOptions);
  const [now, setNow] = useState(serverNow);
  const [open, setOpen] = useState(false);

  useEffect(() => {
    void calibrateServerClock();
    const id = window.setInterval(() => setNow(serverNow()), 1_000);
    return () => window.clearInterval(id);
  }, []);

  const expiresAt = status.data ? Date.parse(status.data.expiresAt) : null;
  const remaining = expiresAt === null ? null : expiresAt - now;
  const { isFetching, dataUpdatedAt, refetch } = status;

  useEffect(() => {
    if (remaining === null) return;
    if (remaining >= warnBeforeMs) {
      setOpen(false);
    } else if (Date.now() - dataUpdatedAt > FRESH_MS) {
      // Ask again: activity may have moved the expiry, or the session may have ended (the
      // UNAUTHORIZED answer then leads to the login page).
      if (!isFetching) void refetch();
    } else {
      setOpen(true);
    }
  }, [remaining, warnBeforeMs, dataUpdatedAt, isFetching, refetch]);

  const keepAlive = useMutation(
    trpc.auth.keepAlive.mutationOptions({
      onSuccess: (data) => queryClient.setQueryData(statusOptions.queryKey, data),
    }),
  );
  const logout = useLogout();

  if (!open || remaining === null) return null;
  return (
    <ExpiryDialog
      remainingMs={remaining}
      staying={keepAlive.isPending}
      leaving={logout.isPending}
      error={keepAlive.error ?? logout.error}
      onStay={() => keepAlive.mutate()}
      onLeave={() => logout.mutate()}
    />
  );
}

function ExpiryDialog(props: {
  remainingMs: number;
  staying: boolean;
  leaving: boolean;
  error: unknown;
  onStay: () => void;
  onLeave: () => void;
}) {
  const { remainingMs, staying, leaving, error, onStay, onLeave } = props;
  const ref = useRef<HTMLDialogElement>(null);
  const stayRef = useRef<HTMLButtonElement>(null);
  const titleId = useId();
  const messageId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    // A modal <dialog>: the page behind is inert until the agent answers.
    if (!dialog.open) dialog.showModal();
    stayRef.current?.focus();
    return () => {
      if (dialog.open) dialog.close();
      previous?.focus();
    };
  }, []);

  const minutes = Math.max(1, Math.ceil(remainingMs / 60_000));
  return (
    <dialog
      ref={ref}
      className="dialog"
      role="alertdialog"
      aria-modal="true"
      aria-labelledby={titleId}
      aria-describedby={messageId}
      onCancel={(e) => {
        // Escape means "I am here": the same as staying.
        e.preventDefault();
        if (!staying) onStay();
      }}
    >
      <h2 id={titleId}>Session bientôt expirée</h2>
      <p id={messageId}>
        Votre session va expirer dans {minutes} {minutes > 1 ? "minutes" : "minute"} pour
        inactivité.
      </p>
      {error ? (
        <p className="field-error" role="alert">
          {errorMessage(error)}
        </p>
      ) : null}
      <div className="actions">
        <button
          ref={stayRef}
          type="button"
          className="button"
          disabled={staying || leaving}
          onClick={onStay}
        >
          Rester connecté
        </button>
        <button
          type="button"
          className="button button-secondary"
          disabled={staying || leaving}
          onClick={onLeave}
        >
          Se déconnecter
        </button>
      </div>
    </dialog>
  );
}
