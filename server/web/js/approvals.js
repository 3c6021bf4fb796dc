// Approval cards: PAM asks before risky actions (deletes, changes); the person approves,
// edits the arguments, or rejects with a reason. One decision per action request.
import { $, h } from "./dom.js";
import { humanName } from "./chat.js";

const VERBS = { approve: "Approved", edit: "Approved with changes", reject: "Rejected" };

function argumentList(args, describe) {
  return h("dl", { class: "args" }, Object.entries(args).flatMap(([key, value]) => {
    const words = describe(value); // an id the panel knows, e.g. "$85.40 fuel (Diesel), Thu 26 Nov"
    return [
      h("dt", {}, humanName(words ? key.replace(/_id$/, "") : key)),
      h("dd", {}, words || (typeof value === "string" ? value : JSON.stringify(value))),
    ];
  }));
}

function requestCard(request, allowed, index, decide, describe) {
  const id = `approval-${Date.now()}-${index}`;
  const status = h("p", { class: "decided", role: "status" });
  const editBox = h("textarea", { id: `${id}-args`, rows: 4, spellcheck: "false" });
  editBox.value = JSON.stringify(request.args, null, 2);
  const editError = h("p", { class: "error", role: "alert" });
  const reason = h("input", { id: `${id}-why`, type: "text", maxlength: "2000" });
  const editForm = h("div", { class: "more", hidden: true },
    h("label", { for: editBox.id }, "Arguments (JSON)"), editBox, editError,
    h("button", { type: "button", onclick: () => {
      let args;
      try { args = JSON.parse(editBox.value); } catch { args = null; }
      if (!args || typeof args !== "object" || Array.isArray(args)) {
        editError.textContent = "That is not a JSON object, e.g. {\"amount\": 80}.";
        return;
      }
      settle({ type: "edit", edited_action: { name: request.name, args } });
    } }, "Run with these arguments"));
  const rejectForm = h("div", { class: "more", hidden: true },
    h("label", { for: reason.id }, "Tell PAM why (optional)"), reason,
    h("button", { type: "button", class: "danger", onclick: () => {
      const message = reason.value.trim();
      settle(message ? { type: "reject", message } : { type: "reject" });
    } }, "Reject"));
  const buttons = [];
  const choice = (type, label, onclick) => {
    if (!allowed.includes(type)) return null;
    const button = h("button", { type: "button", class: type === "approve" ? "primary" : "ghost", onclick }, label);
    buttons.push(button);
    return button;
  };
  const reveal = (shown, hidden, focus) => () => {
    shown.hidden = false; hidden.hidden = true; focus.focus();
  };
  const card = h("section", { class: "request", "aria-labelledby": `${id}-title` },
    h("h3", { id: `${id}-title` }, `${humanName(request.name)}?`),
    // The question from the row ("Delete the $38.00 camping expense of 5 Dec?").
    request.description ? h("p", { class: "question" }, request.description) : null,
    argumentList(request.args || {}, describe),
    h("div", { class: "row" },
      choice("approve", "Approve", () => settle({ type: "approve" })),
      choice("edit", "Edit…", reveal(editForm, rejectForm, editBox)),
      choice("reject", "Reject…", reveal(rejectForm, editForm, reason))),
    editForm, rejectForm, status);

  function settle(decision) {
    card.classList.add("settled");
    for (const control of card.querySelectorAll("button, textarea, input")) control.disabled = true;
    editForm.hidden = rejectForm.hidden = true;
    status.textContent = VERBS[decision.type];
    decide(index, decision);
  }
  return { card, first: buttons[0] };
}

// The server did not apply a card's decision (409: the question was set aside, already
// answered, or another one waits now): the card says so instead of "Approved".
export function markNotApplied(interruptId) {
  if (!interruptId) return;
  for (const card of document.querySelectorAll(".msg.approval[data-interrupt] .request.settled")) {
    if (card.closest(".msg.approval").dataset.interrupt !== interruptId) continue;
    card.querySelector(".decided").textContent = "Not done: see below";
  }
}

// The person wrote in the chat instead of deciding: the server reads a plain "yes" or
// "no" as the decision and sets anything else aside (PAM's reply says which), so an open
// card can no longer be answered.
export function closeOpenCards() {
  for (const card of document.querySelectorAll(".msg.approval .request:not(.settled)")) {
    card.classList.add("settled");
    for (const control of card.querySelectorAll("button, textarea, input")) control.disabled = true;
    for (const more of card.querySelectorAll(".more")) more.hidden = true;
    card.querySelector(".decided").textContent = "Answered in the chat (see below)";
  }
}

// Show the interrupt's requests; `onDecided(decisions)` once every one has an answer.
export function showApproval(interrupt, onDecided, describe = () => null) {
  const requests = interrupt.action_requests || [];
  const configs = interrupt.review_configs || [];
  const decisions = new Array(requests.length);
  let left = requests.length;
  const decide = (index, decision) => {
    decisions[index] = decision;
    left -= 1;
    if (left === 0) onDecided(decisions);
  };
  const cards = requests.map((request, i) => {
    const config = configs.find((c) => c.action_name === request.name);
    const allowed = config?.allowed_decisions || ["approve", "edit", "reject"];
    return requestCard(request, allowed, i, decide, describe);
  });
  const item = h("li", { class: "msg approval", "data-interrupt": interrupt.interrupt_id || "" },
    h("p", { class: "who" }, "PAM needs your OK"), cards.map((c) => c.card));
  $("messages").append(item);
  item.scrollIntoView({ block: "nearest" });
  cards[0]?.first?.focus({ preventScroll: true });
}
