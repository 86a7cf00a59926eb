/**
 * Keeps a formatter's answer in a bounded cache: Intl is slow, and a town's days, instants and
 * prices come back again and again. Past the bound the cache starts over.
 */
export function remember<K, V>(cache: Map<K, V>, key: K, value: V): void {
  if (cache.size >= 20_000) cache.clear();
  cache.set(key, value);
}
