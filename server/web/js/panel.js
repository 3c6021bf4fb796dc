// The side panel: this month's spending and budgets, coming events, a trip's legs, tasks.
// `ui_actions` from PAM's replies say which part changed; only that part is fetched again.
import { $, announce, h, money, shortDate, shortTime } from "./dom.js";
import { Unauthorized, cachedJson } from "./api.js";

const labels = new Map(); // row id -> words, so approval cards can say what an id is
let tripId = null; // the trip PAM last touched, shown instead of the newest

const sentence = (s) => s.charAt(0).toUpperCase() + s.slice(1);
const empty = (text) => h("li", { class: "empty" }, text);

function budgetRow(line, currency) {
  const id = `budget-${line.category}`;
  const limit = Number(line.limit);
  const spent = Number(line.spent);
  return h("div", { class: `budget ${line.status}` },
    h("label", { for: id }, `${sentence(line.category)}: ${money(spent, currency)} of ${money(limit, currency)}`),
    h("meter", { id, min: 0, max: Math.max(limit, spent), value: spent, optimum: 0,
      low: limit * Number(line.alert_threshold || 0.8), high: limit }));
}

async function loadMoney(getJson) {
  const status = await getJson("/api/v1/wins/budgets/status");
  const list = await getJson(`/api/v1/wins/expenses?start_date=${status.month}-01&limit=8`);
  const month = new Date(`${status.month}-01T00:00:00`).toLocaleDateString("en-AU", { month: "long" });
  $("money-title").textContent = `${month}: ${money(list.total, list.currency)} spent`;
  $("budgets").replaceChildren(...status.budgets.map((line) => budgetRow(line, status.currency)));
  const rows = list.expenses.map((e) => {
    const note = e.description && e.description.toLowerCase() !== e.category ? e.description : "";
    labels.set(e.id, `${money(e.amount, e.currency)} ${e.category}${note ? ` (${note})` : ""}, ${shortDate(e.date)}`);
    return h("li", {}, h("span", {}, `${shortDate(e.date)} · ${e.category}${note ? ` · ${note}` : ""}`),
      h("strong", {}, money(e.amount, e.currency)));
  });
  $("expenses").replaceChildren(...(rows.length ? rows : [empty("No spending logged this month.")]));
}

async function loadEvents(getJson) {
  const { events } = await getJson("/api/v1/you/events");
  const rows = events.map((e) => {
    labels.set(e.id, e.title);
    const when = e.all_day ? shortDate(e.start) : `${shortDate(e.start)}, ${shortTime(e.start)}`;
    return h("li", {}, h("span", {}, e.title, e.location ? ` · ${e.location}` : ""), h("span", { class: "when" }, when));
  });
  $("events").replaceChildren(...(rows.length ? rows : [empty("Nothing in the next 7 days.")]));
}

async function loadTrip(getJson) {
  const { trips } = await getJson("/api/v1/wheels/trips");
  for (const t of trips) labels.set(t.id, `${t.origin} → ${t.destination}`);
  const trip = trips.find((t) => t.id === tripId) || trips[0];
  if (!trip) {
    $("trip-body").replaceChildren(h("p", { class: "empty" }, "No trips planned."));
    return;
  }
  const km = (v) => `${Math.round(Number(v)).toLocaleString("en-AU")} km`;
  $("trip-title").textContent = `Trip: ${trip.origin} → ${trip.destination}`;
  $("trip-body").replaceChildren(
    h("p", {}, `${km(trip.distance_km)} · ${Number(trip.driving_hours).toFixed(1)} h driving · ${money(trip.fuel_cost)} fuel`),
    h("ol", { class: "items legs", "aria-label": "Legs" }, trip.legs.map((leg) =>
      h("li", {}, h("span", {}, `${leg.start} → ${leg.end}`), h("span", { class: "when" }, km(leg.distance_km))))));
}

async function loadTasks(getJson) {
  const { tasks } = await getJson("/api/v1/you/tasks");
  const rows = tasks.map((t) => {
    labels.set(t.id, t.title);
    return h("li", {}, h("span", {}, t.title), h("span", { class: "when" }, t.due_date ? `due ${shortDate(t.due_date)}` : ""));
  });
  $("tasks").replaceChildren(...(rows.length ? rows : [empty("No open tasks.")]));
}

async function loadShopping(getJson) {
  const { items } = await getJson("/api/v1/you/shopping-list");
  const rows = items.filter((i) => !i.checked).map((i) => {
    labels.set(i.id, i.name);
    return h("li", {}, h("span", {}, i.name));
  });
  $("shopping-items").replaceChildren(...(rows.length ? rows : [empty("Nothing to buy.")]));
}

const SECTIONS = {
  money: { load: loadMoney, words: "this month's spending" },
  calendar: { load: loadEvents, words: "coming events" },
  trip: { load: loadTrip, words: "the trip" },
  todo: { load: loadTasks, words: "tasks" },
  shopping: { load: loadShopping, words: "the shopping list" },
};
const FOR_ACTION = {
  reload_expenses: "money", reload_calendar: "calendar", reload_trips: "trip",
  open_map: "trip", reload_tasks: "todo", reload_pantry: "shopping",
};

// "As of 2:41 pm, Sat 5 Dec": when what a section shows was read, with no reception.
export const asOf = (iso) => `As of ${shortTime(iso)}, ${shortDate(iso)} (no connection)`;

async function refresh(name) {
  const section = $(name);
  section.querySelector(".error")?.remove();
  section.querySelector(".as-of")?.remove();
  let oldest = null;
  const getJson = async (path) => {
    const { body, savedAt } = await cachedJson(path);
    if (savedAt && (!oldest || savedAt < oldest)) oldest = savedAt;
    return body;
  };
  try {
    await SECTIONS[name].load(getJson);
    if (oldest) section.querySelector("h2").after(h("p", { class: "as-of" }, asOf(oldest)));
  } catch (error) {
    if (error instanceof Unauthorized) throw error;
    section.querySelector("h2").after(h("p", { class: "error" }, "Couldn't load this just now."));
  }
}

export const loadPanel = () => Promise.all(Object.keys(SECTIONS).map(refresh));

export async function applyUiActions(actions) {
  const names = new Set();
  for (const action of actions || []) {
    if (action.entity_type === "trip" && action.entity_id) tripId = action.entity_id;
    if (FOR_ACTION[action.type]) names.add(FOR_ACTION[action.type]);
  }
  await Promise.all([...names].map(refresh));
  for (const name of names) {
    const section = $(name);
    section.classList.remove("updated");
    void section.offsetWidth; // restart the highlight
    section.classList.add("updated");
  }
  if (names.size) announce("panel-status", `Updated ${[...names].map((n) => SECTIONS[n].words).join(" and ")}.`);
}

export const describe = (value) => (typeof value === "string" ? labels.get(value) || null : null);
