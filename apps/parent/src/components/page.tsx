import { Link } from "@tanstack/react-router";
import { createContext, type ReactNode, useContext, useEffect, useRef } from "react";

const SITE = "Espace Famille — Albertville";

/** Sets the tab's title: "Connexion — Espace Famille — Albertville". */
export function useDocumentTitle(title: string | null): void {
  useEffect(() => {
    document.title = title ? `${title} — ${SITE}` : SITE;
  }, [title]);
}

// The first page is announced by the browser itself; after that, focus moves to the new
// page's heading so a screen reader says where the person landed.
let firstPage = true;

/** Moves focus to the heading after an in-app navigation. */
export function useFocusOnNavigation<T extends HTMLElement>() {
  const ref = useRef<T>(null);
  useEffect(() => {
    if (firstPage) {
      firstPage = false;
      return;
    }
    ref.current?.focus({ preventScroll: false });
  }, []);
  return ref;
}

/** The site's bar: the portal's name, back to the home page. */
export function SiteBar() {
  return (
    <header className="site-bar">
      <Link to="/" className="site-bar__link">
        <span className="site-bar__name">Espace Famille</span>
        <span className="site-bar__town">Ville d'Albertville</span>
      </Link>
    </header>
  );
}

/** What every page of an area shows above its heading (the panier's banner under /espace). */
export const PageBanner = createContext<ReactNode>(null);

/** A page: the bar, then `<main>` with the area's banner and its one `<h1>`. */
export function Page(props: {
  title: string;
  /** The `<h1>`, when it differs from the tab's title. */
  heading?: string;
  children: ReactNode;
}) {
  useDocumentTitle(props.title);
  const heading = useFocusOnNavigation<HTMLHeadingElement>();
  const banner = useContext(PageBanner);
  return (
    <>
      <SiteBar />
      <main id="contenu" className="page">
        {banner}
        <h1 ref={heading} tabIndex={-1}>
          {props.heading ?? props.title}
        </h1>
        {props.children}
      </main>
    </>
  );
}

/** "← Retour à mon espace". */
export function BackToSpace() {
  return (
    <p>
      <Link to="/espace" className="back-link">
        <span aria-hidden="true">←</span>Retour à mon espace
      </Link>
    </p>
  );
}

/** While something loads: said in words, for screen readers too. */
export function Loading(props: { what?: string }) {
  return (
    <p className="loading" role="status">
      {props.what ?? "Chargement…"}
    </p>
  );
}
