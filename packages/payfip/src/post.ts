import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from "node:http";
import { Agent as HttpsAgent, request as httpsRequest } from "node:https";

/** What a POST answered: its status and its body as text. */
export type TPostAnswer = { status: number; text: string };

/** Sends one POST and reads the whole answer; throws on transport trouble or timeout. */
export type TPost = (
  url: string,
  body: string,
  headers: Record<string, string>,
  timeoutMs: number,
) => Promise<TPostAnswer>;

// Connections kept open between calls: a payment asks PayFiP twice within a minute, and at the
// opening of the summer places hundreds of payments start together. Idle sockets do not keep the
// process alive.
const agents = {
  http: new HttpAgent({ keepAlive: true, maxSockets: 64 }),
  https: new HttpsAgent({ keepAlive: true, maxSockets: 64 }),
};

function once(url: URL, body: string, headers: Record<string, string>, timeoutMs: number) {
  const secure = url.protocol === "https:";
  return new Promise<TPostAnswer & { reused: boolean }>((resolve, reject) => {
    const req = (secure ? httpsRequest : httpRequest)(
      url,
      {
        method: "POST",
        agent: secure ? agents.https : agents.http,
        headers: { ...headers, "content-length": String(Buffer.byteLength(body)) },
      },
      (res: IncomingMessage) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("error", reject);
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            text: Buffer.concat(chunks).toString("utf8"),
            reused: req.reusedSocket,
          }),
        );
      },
    );
    req.setTimeout(timeoutMs, () =>
      req.destroy(new Error(`pas de réponse en ${Math.round(timeoutMs / 1000)} s`)),
    );
    req.on("error", (error) => reject(Object.assign(error, { reused: req.reusedSocket })));
    req.end(body);
  });
}

/**
 * A POST over node:http(s) with kept-alive connections — far lighter than `fetch` per call. A
 * kept connection the other side closed meanwhile fails before anything was read: that one case
 * is sent again once, on a new connection.
 */
export const post: TPost = async (url, body, headers, timeoutMs) => {
  const target = new URL(url);
  try {
    const { status, text } = await once(target, body, headers, timeoutMs);
    return { status, text };
  } catch (error) {
    const e = error as NodeJS.ErrnoException & { reused?: boolean };
    if (!e.reused || (e.code !== "ECONNRESET" && e.code !== "EPIPE")) throw error;
    const { status, text } = await once(target, body, headers, timeoutMs);
    return { status, text };
  }
};
