// The page's wiring: sign-in, the chat list, opening and starting chats, sending.
import { $, h } from "./dom.js";
import { Unauthorized, devToken, token } from "./api.js";
import { Reply, addUserMessage, clearMessages } from "./chat.js";
import { closeOpenCards } from "./approvals.js";
import { loadPanel } from "./panel.js";
import { listedThreads, loadThreads, markCurrent } from "./threads.js";
import { showSignIn, signedInAs, wireSignIn } from "./signin.js";
import { recover, runTurn, session, showThread, status } from "./turns.js";

const threadFromHash = () => /^#\/chat\/([0-9a-f-]{36})$/.exec(window.location.hash)?.[1] || null;
const refreshThreads = () => loadThreads(session.threadId, openThread).catch(handleAuthError);

function handleAuthError(error) {
  if (!(error instanceof Unauthorized)) return;
  token.clear();
  showSignIn("Your session ended. Please sign in again.", start);
}

function closeNarrowMenu() {
  $("threads").classList.remove("open");
  $("threads-toggle").setAttribute("aria-expanded", "false");
}

async function openThread(id) {
  if (session.busy) return;
  session.threadId = id;
  if (threadFromHash() !== id) window.location.hash = `#/chat/${id}`;
  markCurrent(id);
  closeNarrowMenu();
  status("");
  try {
    const thread = await showThread(id);
    if (thread?.running) await recover();
  } catch (error) {
    handleAuthError(error);
    if (!(error instanceof Unauthorized)) status(error.message);
  }
}

function newThread() {
  if (session.busy) return;
  session.view += 1;
  session.threadId = null;
  window.history.replaceState(null, "", window.location.pathname);
  markCurrent(null);
  closeNarrowMenu();
  clearMessages("New chat");
  status("");
  $("composer-input").focus();
}

async function send(text) {
  closeOpenCards(); // a typed message answers (or sets aside) what was waiting
  addUserMessage(text);
  if (!session.threadId) $("chat-title").textContent = text.slice(0, 80);
  const body = {
    message: text,
    message_id: crypto.randomUUID(), // a retried send is recognised, not run twice
    context: { timezone: Intl.DateTimeFormat().resolvedOptions().timeZone, current_page: "chat" },
  };
  if (session.threadId) body.thread_id = session.threadId;
  const known = session.threadId ? null : listedThreads();
  const ended = await runTurn("/api/v1/pam/chat/stream", body, new Reply(), known);
  const input = $("composer-input");
  if (!ended && !session.threadId && !input.value) input.value = text; // never arrived
  refreshThreads();
}

function wirePage() {
  const input = $("composer-input");
  $("composer").addEventListener("submit", (event) => {
    event.preventDefault();
    const text = input.value.trim();
    if (!text || session.busy) return;
    input.value = "";
    send(text);
  });
  input.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      $("composer").requestSubmit();
    }
  });
  $("new-thread").addEventListener("click", newThread);
  $("threads-toggle").addEventListener("click", () => {
    const open = $("threads").classList.toggle("open");
    $("threads-toggle").setAttribute("aria-expanded", String(open));
  });
  window.addEventListener("hashchange", () => {
    const id = threadFromHash();
    if (id && id !== session.threadId) openThread(id);
  });
  session.onAuthError = handleAuthError;
  session.onThread = (id) => {
    window.history.replaceState(null, "", `#/chat/${id}`);
    refreshThreads();
  };
}

async function start() {
  $("signin").hidden = true;
  $("app").hidden = false;
  $("sign-out").hidden = false;
  $("whoami").hidden = false;
  $("whoami").replaceChildren("Signed in as ", h("strong", {}, signedInAs()));
  try {
    await Promise.all([loadPanel(), loadThreads(threadFromHash(), openThread)]);
  } catch (error) {
    handleAuthError(error);
    if (error instanceof Unauthorized) return;
  }
  const id = threadFromHash();
  if (id) await openThread(id);
  else newThread();
}

async function init() {
  wirePage();
  wireSignIn(start);
  if (!token.get()) {
    const local = await devToken();
    if (local) token.set(local);
  }
  if (token.get()) await start();
  else showSignIn("", start);
}

init();
