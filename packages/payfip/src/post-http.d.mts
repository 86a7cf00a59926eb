/** Declarations of post-http.mjs (plain JavaScript: post-thread.mjs runs it as it is). */
export function post(
  url: string,
  body: string,
  headers: Record<string, string>,
  timeoutMs: number,
): Promise<{ status: number; text: string }>;
