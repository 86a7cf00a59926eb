import type { ReactNode } from "react";

/** The frame of the pages seen before logging in: a banner and one centred card. */
export function PublicShell({ children }: { children: ReactNode }) {
  return (
    <div className="public">
      <a className="skip-link" href="#contenu">
        Aller au contenu
      </a>
      <header className="public-header">
        <p className="brand">Espace Famille — Console</p>
        <p className="brand-sub">Ville d'Albertville · Guichet unique</p>
      </header>
      <main id="contenu" className="public-main" tabIndex={-1}>
        <div className="card">{children}</div>
      </main>
    </div>
  );
}
