/**
 * A one-time message for the next page ("Votre mot de passe a été modifié."). Kept in memory:
 * it is meant for the page that follows, not for a reload.
 */
import { useEffect, useState } from "react";

let pending: string | null = null;

export function setFlash(message: string): void {
  pending = message;
}

/** The message left for this page, shown once. */
export function useFlash(): string | null {
  const [message] = useState(() => pending);
  useEffect(() => {
    pending = null;
  }, []);
  return message;
}
