// Messages typed on this device, kept (IndexedDB) until the server has them, so nothing
// typed with no reception is lost. Each carries the message_id made when it was typed:
// the server runs a message_id once and answers a resend with that same turn, so a
// resend after a dropped link never logs an expense twice. They go one at a time, in
// the order typed, with the time typed as client context ("yesterday" = the day before
// it was written). A chat started offline gets its id here too, and is created on the
// server (idempotently) before its first message.
//
// An approval card's decision waits here too. A resume has no message_id, so a resend
// after a dropped link first reads the chat: the decision was applied when the question
// it answered is no longer the one waiting (and is not resent); while the turn runs, it
// waits; the server refuses a resume with nothing waiting (409), which also counts as
// applied — shown, on a first send, with the server's words for what became of the
// question (set aside by a message written meanwhile, or already answered).
import { $, h } from "./dom.js";
import {
  ApiError, Unauthorized, cachedJson, getJson, postJson, stream, tokenSubject, unreachable,
} from "./api.js";
import { markNotApplied } from "./approvals.js";
import { Reply, addUserMessage } from "./chat.js";
import { outbox } from "./store.js";
import { loadPanel } from "./panel.js";
import { session, setBusy, showThread, status, turnEvents } from "./turns.js";

const CHAT_STREAM = "/api/v1/pam/chat/stream";
const RESUME_STREAM = "/api/v1/pam/resume?stream=true";
const NOTHING_TO_RESUME = 409;
const RETRY_MS = [1000, 2000, 5000, 10000, 15000];
const BUSY_RETRY_MS = 1000; // the chat is running another turn: try again shortly
const WAITED_MS = 60_000; // sent this long after typing: the turn's clock is the typing time
const STATE_WORDS = {
  waiting: "Waiting for signal", behind: "Waiting for PAM to finish", sending: "Sending…",
  sent: "Sent", failed: "Not sent",
};

export const hooks = { onSent: () => {}, onSignInNeeded: () => {} };
const lines = new Map(); // message id -> the state line under its bubble
let draining = null; // the one delivery loop at a time
let again = false; // flush() was called while it ran
let failures = 0; // deliveries in a row that found no connection
let outage = null; // {sent: items} since a delivery found no connection, until all is sent
let retryTimer = null;
let sequence = 0;
let redraw = false; // a reply arrived while its chat was shown afresh (and not drawn)
// Replies whose stream was cut: kept on the page with the id of the last event they
// showed, so that the resend asks for what came after it (Last-Event-ID) and continues
// them, rather than drawing the turn again. Message id -> {reply, view, lastEventId}.
const cutShort = new Map();

function mark(id, state) {
  const line = lines.get(id);
  if (!line?.isConnected) return;
  line.textContent = STATE_WORDS[state];
  line.closest(".msg").dataset.state = state;
}

function showBubble(item, state) {
  const node = addUserMessage(item.text);
  node.dataset.messageId = item.id;
  const line = h("p", { class: "delivery" });
  node.append(line);
  lines.set(item.id, line);
  mark(item.id, state);
}

const plural = (n, one) => (n === 1 ? `1 ${one}` : `${n} ${one}s`);

// "2 messages and 1 approval decision"
function counted(items) {
  const decisions = items.filter((i) => i.kind === "resume").length;
  const messages = items.length - decisions;
  return [messages ? plural(messages, "message") : "", decisions ? plural(decisions, "approval decision") : ""]
    .filter(Boolean).join(" and ");
}

// The person's waiting messages: how many, said plainly (a live region), and why.
async function tellPending() {
  const items = await outbox.list(tokenSubject()).catch(() => []);
  const note = $("outbox-status");
  const n = items.length;
  const offline = failures > 0 || !navigator.onLine;
  document.body.dataset.connection = offline ? "offline" : "online";
  const what = `${counted(items)} ${n === 1 ? "is" : "are"}`;
  const text = !n ? (offline ? "No connection. Messages you type will wait on this device." : "")
    : offline ? `No connection: ${what} waiting and will be sent, in order, when the signal returns.`
      : `${what} being sent.`;
  if (note.textContent !== text) note.textContent = text;
  note.hidden = !text;
}

// Under a chat's transcript: its messages still waiting on this device.
export async function showWaiting(threadId) {
  const view = session.view;
  const items = await outbox.list(tokenSubject()).catch(() => []);
  if (view !== session.view) return;
  for (const item of items) {
    if (item.thread_id === threadId && item.kind !== "resume") showBubble(item, "waiting");
  }
}

const nextSeq = () => Date.now() * 1000 + (sequence++ % 1000);

// Keep an approval card's decisions on the device and send them after what was typed
// before them. `interrupt` is the question they answer.
export async function queueDecision(interrupt, decisions) {
  await outbox.put({
    id: crypto.randomUUID(),
    kind: "resume",
    user: tokenSubject(),
    seq: nextSeq(),
    thread_id: session.threadId,
    decisions,
    interrupt_id: interrupt.interrupt_id || null, // the server answers no other question with them
    asked: JSON.stringify(interrupt.action_requests || interrupt),
    tried: false,
  });
  return flush();
}

// Keep `text` on the device as the next message of the open chat (a new chat when none
// is open), show it, and send what is waiting.
export async function queue(text) {
  const user = tokenSubject();
  let threadId = session.threadId;
  let newThread = false;
  if (!threadId) {
    threadId = crypto.randomUUID();
    newThread = true;
    session.threadId = threadId;
    session.onThread(threadId);
  } else {
    const waiting = await outbox.list(user);
    newThread = waiting.some((i) => i.thread_id === threadId && i.new_thread);
  }
  const item = {
    id: crypto.randomUUID(),
    kind: "chat",
    user,
    seq: nextSeq(),
    thread_id: threadId,
    new_thread: newThread,
    text,
    typed_at: new Date().toISOString(),
    timezone: Intl.DateTimeFormat().resolvedOptions().timeZone,
  };
  showBubble(item, navigator.onLine && !failures ? "sending" : "waiting");
  await outbox.put(item);
  return flush();
}

// Send what waits. Called while a round is under way, that round goes once more, so
// something kept just as it was finishing is not left behind.
export function flush() {
  if (draining) {
    again = true;
    return draining;
  }
  draining = (async () => {
    do {
      again = false;
      await drain();
    } while (again);
  })().finally(() => { draining = null; });
  return draining;
}

async function drain() {
  window.clearTimeout(retryTimer);
  const user = tokenSubject();
  if (!user) return;
  let sent = 0;
  const threads = new Set();
  for (;;) {
    await tellPending();
    const [item] = await outbox.list(user);
    if (!item) break;
    const outcome = await deliver(item);
    if (outcome === "later") {
      failures += 1;
      outage ??= { sent: [] };
      retryTimer = window.setTimeout(flush, RETRY_MS[Math.min(failures, RETRY_MS.length) - 1]);
      await tellPending();
      return;
    }
    if (outcome === "busy") {
      retryTimer = window.setTimeout(flush, BUSY_RETRY_MS);
      return;
    }
    if (outcome === "sign-in") return; // kept until the person signs in again
    failures = 0;
    sent += 1;
    outage?.sent.push(item);
    threads.add(item.thread_id);
    await outbox.remove(item.id);
  }
  await tellPending();
  if (!sent) return;
  hooks.onSent();
  if (redraw && !outage && session.threadId) {
    redraw = false;
    await showThread(session.threadId).catch(() => null);
  }
  // The chats as they now stand, kept on the device for when the signal goes.
  for (const id of threads) cachedJson(`/api/v1/pam/threads/${id}`).catch(() => {});
  if (outage) {
    // What was cut short or shown from the device is drawn again from the server's
    // transcript, so no turn shows twice (not needed when each cut reply was continued).
    const n = outage.sent.length;
    const what = counted(outage.sent);
    const whole = outage.sent.every((i) => i.continued);
    outage = null;
    redraw = false; // drawn below
    if (session.threadId && !whole) await showThread(session.threadId).catch(() => null);
    await loadPanel().catch(session.onAuthError);
    if (n) status(`Reconnected: sent ${what} that ${n === 1 ? "was" : "were"} waiting.`);
  }
}

function chatBody(item) {
  const context = { timezone: item.timezone, current_page: "chat" };
  if (item.typed_at && Date.now() - Date.parse(item.typed_at) > WAITED_MS) context.typed_at = item.typed_at;
  return { message: item.text, message_id: item.id, thread_id: item.thread_id, context };
}

// Whether a decision sent before may have been applied: "applied", "running" (its turn,
// or another, is still going) or "waiting" (the question is still open: send it).
async function decisionState(item) {
  const thread = await getJson(`/api/v1/pam/threads/${item.thread_id}`);
  if (thread.running) return "running";
  const open = thread.interrupt && JSON.stringify(thread.interrupt.action_requests || thread.interrupt);
  return open === item.asked ? "waiting" : "applied";
}

// Send one message or decision; "sent" once the server has ended its turn (or refused
// it for good), "later" to try again (no connection), "busy" to try again shortly (the
// chat is running a turn), "sign-in" when the token is no longer accepted.
async function deliver(item) {
  const shown = item.thread_id === session.threadId;
  let reply = null;
  let ended = false;
  let view = session.view;
  let lastEventId = null; // of the last event this delivery showed
  const kept = cutShort.get(item.id);
  cutShort.delete(item.id);
  // Continued only where it was left: the same chat still shown, its reply on the page.
  const continued = kept && (kept.reply
    ? shown && kept.view === session.view && kept.reply.node.isConnected
    : !shown) ? kept : null;
  if (kept && !continued) kept.reply?.node.remove();
  mark(item.id, "sending");
  const resent = Boolean(item.tried);
  try {
    let path = CHAT_STREAM;
    let body;
    if (item.kind === "resume") {
      if (item.tried) {
        const state = await decisionState(item);
        if (state === "applied") return "sent";
        if (state === "running") return "busy";
      }
      item.tried = true;
      await outbox.put(item);
      path = RESUME_STREAM;
      body = { thread_id: item.thread_id, decisions: item.decisions };
      if (item.interrupt_id) body.interrupt_id = item.interrupt_id;
    } else {
      if (item.new_thread) await postJson("/threads", { thread_id: item.thread_id, if_exists: "do_nothing" });
      body = chatBody(item);
    }
    reply = continued ? continued.reply : shown ? new Reply() : null;
    view = session.view;
    lastEventId = continued?.lastEventId ?? null;
    const show = turnEvents(reply, shown ? view : -1, () => { ended = true; });
    const events = (name, data, id) => {
      show(name, data);
      if (id !== null) lastEventId = id;
    };
    setBusy(true); // PAM is on it: Send waits (Enter still queues), the chat stays open
    try {
      await stream(path, body, events, continued ? continued.lastEventId : null);
    } finally {
      setBusy(false);
    }
    if (!ended) throw new TypeError("The stream ended before the turn did.");
    if (view !== session.view && item.thread_id === session.threadId) redraw = true;
    mark(item.id, "sent");
    if (continued) item.continued = true;
    return "sent";
  } catch (error) {
    if (ended && unreachable(error)) {
      mark(item.id, "sent"); // cut after its last word: the turn has been shown whole
      if (continued) item.continued = true;
      return "sent";
    }
    if (error instanceof ApiError && error.code === "THREAD_BUSY") {
      reply?.node.remove();
      mark(item.id, "behind");
      return "busy";
    }
    const retry = unreachable(error) || (error instanceof ApiError && error.status === 503);
    if (retry && item.kind === "chat" && lastEventId !== null) {
      cutShort.set(item.id, { reply, view, lastEventId }); // the resend continues it
      mark(item.id, "waiting");
      return "later";
    }
    if (continued && error instanceof ApiError && (error.status === 404 || error.status === 422)) {
      reply?.node.remove(); // the server cannot pick up there: the whole turn again
      return deliver(item);
    }
    if (retry || error instanceof Unauthorized) {
      reply?.node.remove(); // the resend shows the whole turn again
      mark(item.id, "waiting");
      if (error instanceof Unauthorized) hooks.onSignInNeeded(error);
      return error instanceof Unauthorized ? "sign-in" : "later";
    }
    if (item.kind === "resume" && error instanceof ApiError && error.status === NOTHING_TO_RESUME) {
      if (resent || !reply) reply?.node.remove(); // an earlier attempt reached the server
      else {
        reply.finish(error.message); // an old card: what became of its question
        markNotApplied(item.interrupt_id);
      }
      return "sent";
    }
    if (error instanceof ApiError && error.status === 422 && item.typed_at) {
      // Refused before it ran (a device clock far off): the same message without it.
      reply?.node.remove();
      item.typed_at = null;
      await outbox.put(item);
      return deliver(item);
    }
    // Refused for good: not kept, or it would hold back every message behind it.
    mark(item.id, "failed");
    if (reply) reply.fail(error.message);
    else status(`A waiting message was not sent: ${error.message}`);
    return "sent";
  }
}

window.addEventListener("online", () => { flush(); });
window.addEventListener("offline", () => { tellPending(); });
