// The conversation: past messages from the transcript, and a reply as it streams in.
import { $, h } from "./dom.js";

const DOMAINS = { wins: "Money", wheels: "Vehicle & travel", you: "Calendar & home", social: "Social" };

export const humanName = (name) => name.replaceAll("_", " ");

function scrollToEnd() {
  const list = $("messages");
  list.scrollTop = list.scrollHeight;
}

export function clearMessages(title) {
  $("messages").replaceChildren();
  $("chat-title").textContent = title;
}

export function addUserMessage(text) {
  const node = h("li", { class: "msg user" },
    h("span", { class: "visually-hidden" }, "You said: "), h("div", { class: "text" }, text));
  $("messages").append(node);
  scrollToEnd();
  return node;
}

function activityLine(result) {
  const ok = result.ok !== false;
  return h("li", { class: ok ? "done" : "failed", "data-call": result.id || "" },
    h("span", { "aria-hidden": "true", class: "mark" }, ok ? "✓" : "✗"),
    h("span", { class: "visually-hidden" }, ok ? "Done: " : "Failed: "),
    h("span", { class: "summary", title: result.summary || "" }, result.summary || humanName(result.name || "action")));
}

// One PAM message: the tools it used (compact lines), then its text.
export class Reply {
  constructor({ streaming = true } = {}) {
    this.activity = h("ul", { class: "activity", "aria-label": "What PAM did" });
    this.text = h("div", { class: "text" });
    this.meta = h("p", { class: "route" });
    this.node = h("li", { class: "msg pam", "aria-busy": streaming ? "true" : "false" },
      h("p", { class: "who" }, "PAM"), this.meta, this.activity, this.text);
    $("messages").append(this.node);
    scrollToEnd();
  }

  route(domains) {
    this.meta.textContent = domains.map((d) => DOMAINS[d] || d).join(" · ");
  }

  token(text) {
    this.text.textContent += text;
    scrollToEnd();
  }

  toolCall(call) {
    this.activity.append(h("li", { class: "running", "data-call": call.id },
      h("span", { "aria-hidden": "true", class: "mark" }, "…"), `${humanName(call.name)}`));
    scrollToEnd();
  }

  toolResult(result) {
    const line = activityLine(result);
    const running = [...this.activity.children].find((li) => li.dataset.call === result.id);
    if (running) running.replaceWith(line);
    else this.activity.append(line);
  }

  // The turn paused for approval: its pending tools wait for the person.
  awaitApproval() {
    for (const line of this.activity.querySelectorAll("li.running")) {
      line.className = "waiting";
      line.querySelector(".mark").textContent = "?";
      line.append(" — waiting for your OK");
    }
    this.finish("");
  }

  finish(text) {
    if (text) this.text.textContent = text; // the whole reply wins over the streamed pieces
    const said = this.text.textContent || this.activity.children.length || this.node.querySelector(".error");
    if (!said) this.node.remove(); // a turn that only paused for approval says nothing
    this.node.setAttribute("aria-busy", "false");
    scrollToEnd();
  }

  fail(message) {
    this.node.append(h("p", { class: "error", role: "alert" }, message));
    this.finish("");
  }
}

function toolOutcome(message) {
  try {
    const outcome = JSON.parse(message.content);
    if (outcome && typeof outcome === "object") return { ...outcome, name: message.data?.name };
  } catch { /* a plain-text tool answer */ }
  // A plain-text answer can be a failure or a declined approval (the transcript says
  // which, and for a declined one gives the person's words rather than the model's).
  const data = message.data ?? {};
  return { ok: data.status !== "error", summary: data.summary ?? message.content, name: data.name };
}

// The transcript (oldest first) as the page shows it live.
export function renderHistory(messages) {
  let reply = null;
  for (const message of messages) {
    if (message.role === "human") {
      reply?.finish("");
      reply = null;
      addUserMessage(message.content);
    } else if (message.role === "tool") {
      reply ??= new Reply({ streaming: false });
      reply.toolResult({ ...toolOutcome(message), id: message.data?.tool_call_id });
    } else if (message.role === "ai" && message.content) {
      reply ??= new Reply({ streaming: false });
      reply.token(message.content);
    }
  }
  reply?.finish("");
}
