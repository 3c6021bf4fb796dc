// Talking to the PAM server: bearer-token JSON requests and server-sent event streams.
import { reads } from "./store.js";

const TOKEN_KEY = "pam.token";

export class Unauthorized extends Error {}
export class ApiError extends Error {
  constructor(status, body) {
    super(body?.detail || `The server answered ${status}.`);
    this.status = status;
    this.code = body?.code;
  }
}

export const token = {
  get: () => window.localStorage.getItem(TOKEN_KEY),
  set: (value) => window.localStorage.setItem(TOKEN_KEY, value),
  clear: () => window.localStorage.removeItem(TOKEN_KEY),
};

// Whom the token names (its `sub`); the server verifies it, this only keys what the
// device keeps (one person's cached reads and outbox are never shown to another).
export function tokenSubject() {
  try {
    const payload = token.get().split(".")[1].replaceAll("-", "+").replaceAll("_", "/");
    return JSON.parse(atob(payload)).sub || null;
  } catch {
    return null;
  }
}

// A failed fetch (no reception, a dropped link) rejects with a TypeError; an answer,
// even an error status, means the server was reached.
export const unreachable = (error) => error instanceof TypeError;

function headers(extra = {}) {
  const value = token.get();
  return { ...(value ? { Authorization: `Bearer ${value}` } : {}), ...extra };
}

async function failure(response) {
  if (response.status === 401) return new Unauthorized("Please sign in again.");
  let body = null;
  try { body = await response.json(); } catch { /* not JSON: the status says enough */ }
  return new ApiError(response.status, body);
}

export async function postJson(path, body) {
  const response = await fetch(path, {
    method: "POST",
    headers: headers({ "Content-Type": "application/json" }),
    body: JSON.stringify(body),
  });
  if (!response.ok) throw await failure(response);
  return response.json();
}

export async function getJson(path) {
  const response = await fetch(path, { headers: headers() });
  if (!response.ok) throw await failure(response);
  return response.json();
}

// GET `path`, keeping the answer on the device; with no reception, the kept answer.
// `savedAt` is null for a fresh answer, else when the kept one was read (ISO time).
export async function cachedJson(path) {
  const key = `${tokenSubject()}|${path}`;
  try {
    const body = await getJson(path);
    reads.put(key, body).catch(() => {}); // a full disk only costs the offline copy
    return { body, savedAt: null };
  } catch (error) {
    if (!unreachable(error)) throw error;
    const kept = await reads.get(key).catch(() => null);
    if (!kept) throw error;
    return { body: kept.body, savedAt: kept.saved_at };
  }
}

// The embedded default's token for a browser on the server's own computer, or null.
export async function devToken() {
  try {
    const response = await fetch("/api/v1/dev/token");
    return response.ok ? (await response.json()).token : null;
  } catch {
    return null;
  }
}

// POST `body` and call onEvent(name, data, id) for each server-sent event as it arrives.
// Resolves when the stream ends; rejects (TypeError) when the connection drops. With
// `lastEventId`, the server sends only the events after it (a cut stream picked up).
export async function stream(path, body, onEvent, lastEventId = null) {
  const extra = lastEventId === null ? {} : { "Last-Event-ID": lastEventId };
  const response = await fetch(path, {
    method: "POST",
    headers: headers({ "Content-Type": "application/json", Accept: "text/event-stream", ...extra }),
    body: JSON.stringify(body),
  });
  if (!response.ok) throw await failure(response);
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += value.replaceAll("\r\n", "\n");
    let end;
    while ((end = buffer.indexOf("\n\n")) >= 0) {
      dispatch(buffer.slice(0, end), onEvent);
      buffer = buffer.slice(end + 2);
    }
  }
}

function dispatch(block, onEvent) {
  let name = "message";
  let id = null;
  const data = [];
  for (const line of block.split("\n")) {
    if (line.startsWith(":")) continue; // a heartbeat comment
    const colon = line.indexOf(":");
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? "" : line.slice(colon + 1).replace(/^ /, "");
    if (field === "event") name = value;
    else if (field === "data") data.push(value);
    else if (field === "id") id = value;
  }
  if (data.length) onEvent(name, JSON.parse(data.join("\n")), id);
}
