// Carrier-standard opt-out and opt-in keywords (whole message, any case).
const UNSUBSCRIBE = new Set(["STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT"]);
const SUBSCRIBE = new Set(["START", "UNSTOP", "YES"]);

export type KeywordEffect = { keyword: string; state: "subscribed" | "unsubscribed" };

export function keywordEffect(body: string): KeywordEffect | null {
  const word = body.trim().toUpperCase();
  if (UNSUBSCRIBE.has(word)) return { keyword: word, state: "unsubscribed" };
  if (SUBSCRIBE.has(word)) return { keyword: word, state: "subscribed" };
  return null;
}
