// A turn: its stream of events rendered as they come, approvals answered with a resume,
// and recovery when the stream drops (the server finishes the turn regardless).
import { $ } from "./dom.js";
import { ApiError, Unauthorized, cachedJson, getJson, stream } from "./api.js";
import { Reply, clearMessages, renderHistory } from "./chat.js";
import { showApproval } from "./approvals.js";
import { applyUiActions, asOf, describe, loadPanel } from "./panel.js";

const POLL_MS = 1000;
const RECOVER_FOR_MS = 180_000;

// What the page is showing: the open chat, and a counter bumped whenever another chat is
// shown so that late events of the old one are dropped.
export const session = {
  threadId: null, view: 0, busy: false,
  onAuthError: () => {}, onThread: () => {}, afterHistory: () => {},
};

export const status = (text) => { $("chat-status").textContent = text; };
const sleep = (ms) => new Promise((resolve) => { window.setTimeout(resolve, ms); });

export function setBusy(value) {
  session.busy = value;
  $("send").disabled = value;
}

// Show a chat's transcript (with no reception, the copy kept on the device, "as of").
// `after(id)` adds what belongs below it (the messages still waiting to be sent).
export async function showThread(id) {
  const mine = ++session.view;
  const { body: thread, savedAt } = await cachedJson(`/api/v1/pam/threads/${id}`);
  if (mine !== session.view) return null;
  clearMessages(thread.title || "Chat");
  renderHistory(thread.messages);
  session.afterHistory(id);
  if (savedAt) status(asOf(savedAt));
  if (thread.interrupt && !thread.running && !savedAt) showApproval(thread.interrupt, resume, describe);
  return savedAt ? { ...thread, running: false } : thread;
}

// What a turn's events do to the page; `ended()` is called on interrupt, final or error.
export function turnEvents(reply, mine, ended) {
  return (name, data) => {
    if (name === "interrupt" || name === "final" || name === "error") ended();
    if (mine !== session.view) return; // another chat is shown: its page is not this one
    if (name === "metadata" && !session.threadId) {
      session.threadId = data.thread_id;
      session.onThread(data.thread_id);
    } else if (name === "route") reply.route(data.domains);
    else if (name === "token") reply.token(data.text);
    else if (name === "tool_call") reply.toolCall(data);
    else if (name === "tool_result") reply.toolResult(data);
    else if (name === "interrupt") {
      reply.awaitApproval();
      showApproval(data, resume, describe);
    } else if (name === "final") {
      reply.finish(data.reply);
      applyUiActions(data.ui_actions).catch(session.onAuthError);
    } else if (name === "error") {
      reply.fail(data.message);
    }
  };
}

export async function recover() {
  status("The connection dropped; PAM is still working. Fetching the reply…");
  const mine = session.view;
  const deadline = Date.now() + RECOVER_FOR_MS;
  while (Date.now() < deadline && mine === session.view) {
    try {
      const thread = await getJson(`/api/v1/pam/threads/${session.threadId}`);
      if (!thread.running) {
        await showThread(session.threadId);
        await loadPanel();
        status("Reconnected: this is PAM's reply from after the connection dropped.");
        return;
      }
    } catch (error) {
      if (error instanceof Unauthorized) return session.onAuthError(error);
    }
    await sleep(POLL_MS);
  }
  if (mine === session.view) status("PAM has not answered yet. Open this chat again in a moment.");
}

// Stream one turn into `reply`; true when it ended (reply, approval or error) or was
// recovered. `known`: for a new chat, the thread ids there were before it.
export async function runTurn(path, body, reply, known = null) {
  const mine = session.view;
  let ended = false;
  setBusy(true);
  status("");
  const onEvent = turnEvents(reply, mine, () => { ended = true; });
  try {
    await stream(path, body, onEvent);
  } catch (error) {
    if (error instanceof Unauthorized) {
      setBusy(false);
      session.onAuthError(error);
      return true;
    }
    if (error instanceof ApiError) {
      ended = true;
      reply.fail(error.message);
    }
  }
  setBusy(false);
  if (!ended && mine === session.view) {
    if (!session.threadId && known) session.threadId = await newThreadSince(known);
    if (session.threadId) {
      session.onThread(session.threadId);
      await recover();
      return true;
    }
    reply.fail("Couldn't reach PAM. Check the connection and send again.");
  }
  return ended;
}

// A new chat whose stream broke before it said its id: the thread the server made for
// it is the one that is not among those known before sending (null: it never arrived).
async function newThreadSince(known) {
  try {
    const { items } = await getJson("/api/v1/pam/threads?limit=5");
    return items.find((t) => !known.has(t.thread_id))?.thread_id || null;
  } catch {
    return null;
  }
}

export function resume(decisions) {
  const body = { thread_id: session.threadId, decisions };
  runTurn("/api/v1/pam/resume?stream=true", body, new Reply()).then(() => session.onThread(session.threadId));
}
