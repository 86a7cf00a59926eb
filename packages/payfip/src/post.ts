import { httpPost } from "./http-post.js";

/** What a POST answered: its status and its body as text. */
export type TPostAnswer = { status: number; text: string };

/** Sends one POST and reads the whole answer; throws on transport trouble or timeout. */
export type TPost = (
  url: string,
  body: string,
  headers: Record<string, string>,
  timeoutMs: number,
) => Promise<TPostAnswer>;

/**
 * A POST over node:http(s) with kept-alive connections, on this thread (`postInThread` sends the
 * same from a thread of its own). A kept connection the other side closed meanwhile is tried again
 * once, on a new connection.
 */
export const post: TPost = httpPost;
