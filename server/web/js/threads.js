// The list of the person's chats, most recent first; the open one is marked current.
import { $, h, shortDate } from "./dom.js";
import { cachedJson } from "./api.js";

export async function loadThreads(currentId, onOpen) {
  const { items } = (await cachedJson("/api/v1/pam/threads?limit=30")).body;
  const list = $("thread-list");
  if (!items.length) {
    list.replaceChildren(h("li", { class: "empty" }, "No chats yet."));
    return items;
  }
  list.replaceChildren(...items.map((thread) => h("li", {},
    h("button", {
      type: "button",
      class: "thread",
      "data-id": thread.thread_id,
      "aria-current": thread.thread_id === currentId ? "page" : false,
      onclick: () => onOpen(thread.thread_id),
    },
    h("span", { class: "thread-title" }, thread.title || "Untitled chat"),
    h("span", { class: "thread-date" }, shortDate(thread.updated_at))))));
  return items;
}

export function markCurrent(threadId) {
  for (const button of $("thread-list").querySelectorAll("button.thread")) {
    if (button.dataset.id === threadId) button.setAttribute("aria-current", "page");
    else button.removeAttribute("aria-current");
  }
}
