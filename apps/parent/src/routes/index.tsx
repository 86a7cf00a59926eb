import { useQuery } from "@tanstack/react-query";
import { createFileRoute, Link } from "@tanstack/react-router";
import { useDocumentTitle } from "../components/page";
import { formatDate, formatSize } from "../lib/format";
import { meQuery } from "../session";
import { errorMessage, trpc } from "../trpc";

export const Route = createFileRoute("/")({ component: Home });

function Home() {
  useDocumentTitle(null);
  const me = useQuery(meQuery());
  const isParent = me.data?.role === "parent";
  return (
    <>
      <header className="hero">
        <h1>Espace Famille</h1>
        <p className="hero__town">Ville d'Albertville</p>
        <p className="hero__lead">
          Inscriptions, réservations, paiements et dossier de vos enfants, depuis votre téléphone.
        </p>
        {isParent ? (
          <Link to="/espace" className="button button--primary button--wide">
            Mon espace
          </Link>
        ) : (
          <Link to="/connexion" className="button button--primary button--wide">
            Se connecter
          </Link>
        )}
      </header>
      <main id="contenu" className="page">
        <News />
        <Documents />
      </main>
    </>
  );
}

function News() {
  const news = useQuery(trpc.content.news.queryOptions());
  return (
    <section aria-labelledby="actualites">
      <h2 id="actualites">Actualités</h2>
      {news.isPending ? (
        <p role="status">Chargement des actualités…</p>
      ) : news.isError ? (
        <p className="alert alert--error">{errorMessage(news.error)}</p>
      ) : news.data.length === 0 ? (
        <p>Aucune actualité pour le moment.</p>
      ) : (
        <ul className="list">
          {news.data.map((item) => (
            <li key={item.id} className="card">
              <article>
                <h3>{item.title}</h3>
                <p className="meta">
                  Publié le <time dateTime={item.publishedAt}>{formatDate(item.publishedAt)}</time>
                </p>
                {item.body
                  .split(/\n{2,}/)
                  .filter(Boolean)
                  .map((paragraph) => (
                    <p key={paragraph}>{paragraph}</p>
                  ))}
              </article>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Documents() {
  const documents = useQuery(trpc.content.documents.queryOptions());
  return (
    <section aria-labelledby="documents">
      <h2 id="documents">Documents</h2>
      {documents.isPending ? (
        <p role="status">Chargement des documents…</p>
      ) : documents.isError ? (
        <p className="alert alert--error">{errorMessage(documents.error)}</p>
      ) : documents.data.length === 0 ? (
        <p>Aucun document pour le moment.</p>
      ) : (
        <ul className="list">
          {documents.data.map((doc) => (
            <li key={doc.id} className="doc">
              <a className="doc__link" href={doc.url} type="application/pdf">
                {doc.title}
                <span className="doc__meta"> (PDF, {formatSize(doc.sizeBytes)})</span>
              </a>
              {doc.description ? <p className="doc__description">{doc.description}</p> : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
