/** The families search last shown, so that a household's page can lead back to its results. */
let last: string | undefined;

export function rememberSearch(q: string | undefined) {
  last = q;
}

export function lastSearch(): string | undefined {
  return last;
}
