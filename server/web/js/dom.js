// Building DOM nodes. Text always goes in as text nodes, never as HTML, so nothing a
// user, the model or the server says can inject markup.

export function h(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else if (key === "class") node.className = value;
    else if (key in node && typeof value !== "string") node[key] = value;
    else node.setAttribute(key, value === true ? "" : value);
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

export const $ = (id) => document.getElementById(id);

export function money(amount, currency = "AUD") {
  const value = Number(amount);
  const format = new Intl.NumberFormat("en-AU", { style: "currency", currency });
  return format.format(Number.isFinite(value) ? value : 0);
}

export function shortDate(iso) {
  const date = new Date(iso.length === 10 ? `${iso}T00:00:00` : iso);
  return date.toLocaleDateString("en-AU", { weekday: "short", day: "numeric", month: "short" });
}

export function shortTime(iso) {
  return new Date(iso).toLocaleTimeString("en-AU", { hour: "numeric", minute: "2-digit" });
}

export function announce(id, text) {
  // Cleared first so the same words are announced again.
  const region = $(id);
  region.textContent = "";
  window.setTimeout(() => { region.textContent = text; }, 50);
}
