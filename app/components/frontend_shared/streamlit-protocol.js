// The messages between a component's iframe and Streamlit (custom components API version 1):
// the same protocol as the official streamlit-component-lib, whose npm package would bring
// React 16 and Apache Arrow (about 210 KB minified) into a bundle that needs none of them.
const API_VERSION = 1;

function send(type, data = {}) {
  window.parent.postMessage({ isStreamlitMessage: true, type, ...data }, "*");
}

/** Calls `onRender({args, disabled, theme})` on every render Streamlit sends, then says ready. */
export function connect(onRender) {
  window.addEventListener("message", (event) => {
    if (event.source !== window.parent) return;
    const data = event.data;
    if (data && data.type === "streamlit:render") {
      onRender({ args: data.args || {}, disabled: Boolean(data.disabled), theme: data.theme || null });
    }
  });
  send("streamlit:componentReady", { apiVersion: API_VERSION });
}

/** The component's value, as JSON: Streamlit reruns the script, which reads it. */
export function setComponentValue(value) {
  send("streamlit:setComponentValue", { value, dataType: "json" });
}

let lastHeight = -1;
export function setFrameHeight(height = document.documentElement.scrollHeight) {
  const rounded = Math.ceil(height);
  if (rounded !== lastHeight) {
    lastHeight = rounded;
    send("streamlit:setFrameHeight", { height: rounded });
  }
}

/** Keeps the iframe as tall as its content. */
export function followHeight(element = document.body) {
  new ResizeObserver(() => setFrameHeight(element.scrollHeight)).observe(element);
  setFrameHeight(element.scrollHeight);
}

/** The Streamlit theme as CSS variables on the document (colours and font of the app). */
export function applyTheme(theme) {
  if (!theme) return;
  const root = document.documentElement.style;
  const set = (name, value) => value && root.setProperty(name, value);
  set("--st-primary", theme.primaryColor);
  set("--st-background", theme.backgroundColor);
  set("--st-secondary-background", theme.secondaryBackgroundColor);
  set("--st-text", theme.textColor);
  set("--st-font", theme.font);
  document.documentElement.dataset.theme = theme.base || "light";
}
