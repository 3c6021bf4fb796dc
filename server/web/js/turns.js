// A turn: showing a chat, its stream of events rendered as they come, and recovery of a
// turn that was still running when the chat was opened. Sending (messages, approval
// decisions) goes through the outbox (outbox.js).
import { $ } from "./dom.js";
import { Unauthorized, cachedJson, getJson } from "./api.js";
import { clearMessages, renderHistory } from "./chat.js";
import { showApproval } from "./approvals.js";
import { applyUiActions, asOf, describe, loadPanel } from "./panel.js";

const POLL_MS = 1000;
const RECOVER_FOR_MS = 180_000;

// What the page is showing: the open chat, and a counter bumped whenever another chat is
// shown so that late events of the old one are dropped.
export const session = {
  threadId: null, view: 0, busy: false,
  onAuthError: () => {}, onThread: () => {}, afterHistory: () => {},
  decide: (interrupt, decisions) => {}, // an approval card's answer, to send
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
  if (thread.interrupt && !thread.running && !savedAt) ask(thread.interrupt);
  return savedAt ? { ...thread, running: false } : thread;
}

const ask = (interrupt) => showApproval(interrupt, (decisions) => session.decide(interrupt, decisions), describe);

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
      ask(data);
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
