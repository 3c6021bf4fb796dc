// The page's wiring: sign-in, the chat list, opening and starting chats, sending.
import { $, h } from "./dom.js";
import { Unauthorized, devToken, token, tokenSubject, unreachable } from "./api.js";
import { clearMessages } from "./chat.js";
import { closeOpenCards } from "./approvals.js";
import { loadPanel } from "./panel.js";
import { flush, hooks as outboxHooks, queue, queueDecision, showWaiting } from "./outbox.js";
import { outbox } from "./store.js";
import { loadThreads, markCurrent } from "./threads.js";
import { showSignIn, signedInAs, wireSignIn } from "./signin.js";
import { recover, session, showThread, status } from "./turns.js";

const threadFromHash = () => /^#\/chat\/([0-9a-f-]{36})$/.exec(window.location.hash)?.[1] || null;
const refreshThreads = () => loadThreads(session.threadId, openThread).catch(handleAuthError);

async function handleAuthError(error) {
  if (!(error instanceof Unauthorized)) return;
  const waiting = (await outbox.list(tokenSubject()).catch(() => [])).length;
  token.clear();
  const kept = !waiting ? ""
    : ` ${waiting === 1 ? "1 message is" : `${waiting} messages are`} kept on this device and will be sent once you do.`;
  showSignIn(`Your session ended. Please sign in again.${kept}`, start);
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
    if (unreachable(error)) {
      // Not kept here (a chat started with no signal, say): what waits to be sent is.
      clearMessages("Chat");
      await showWaiting(id);
      const waiting = $("messages").children.length;
      status(waiting ? "No connection: these messages wait to be sent."
        : "No connection, and this chat is not kept on this device yet.");
    } else if (!(error instanceof Unauthorized)) status(error.message);
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

// Every message goes through the outbox: kept on the device first, then sent (now, or
// when the signal returns), exactly once.
async function send(text) {
  closeOpenCards(); // a typed message answers (or sets aside) what was waiting
  if (!session.threadId) $("chat-title").textContent = text.slice(0, 80);
  await queue(text);
}

function wirePage() {
  const input = $("composer-input");
  $("composer").addEventListener("submit", (event) => {
    event.preventDefault();
    const text = input.value.trim();
    if (!text) return;
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
  session.afterHistory = showWaiting;
  session.decide = queueDecision;
  outboxHooks.onSent = refreshThreads;
  outboxHooks.onSignInNeeded = handleAuthError;
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
  await flush(); // what was typed before the page was closed, or before signing in
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

// The service worker keeps the page on the device, so it opens with no reception.
navigator.serviceWorker?.register("/sw.js").catch(() => {});
init();
