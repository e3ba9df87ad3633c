// The SPARQL editor of the coopkg explorer (a Streamlit component, API version 1).
//
// Python sends (args): document {text, revision}; strings (the interface, in the page's language);
// prefixes, terms (classes and properties) and keywords to complete; error {line, column, message,
// run}; entities {id, items} (the answer to the last entity completion asked); history_key.
// The component sends (value): {text, runs, complete: {id, word} | null}. `runs` counts the runs
// asked (Ctrl+Enter, Cmd+Enter or the Run button); `complete` asks Python for the entities whose
// labels match the word being typed, and the answer comes back in the next render's args.
// Every text from Python or the data is set as text (textContent, CodeMirror's own DOM), never HTML.
import { EditorState, Prec } from "@codemirror/state";
import {
  EditorView, keymap, lineNumbers, highlightActiveLine, highlightActiveLineGutter, drawSelection,
} from "@codemirror/view";
import { defaultKeymap, history, historyKeymap } from "@codemirror/commands";
import { StreamLanguage, syntaxHighlighting, HighlightStyle, bracketMatching, indentOnInput } from "@codemirror/language";
import { sparql } from "@codemirror/legacy-modes/mode/sparql";
import { autocompletion, completionKeymap, closeBrackets, closeBracketsKeymap } from "@codemirror/autocomplete";
import { setDiagnostics, lintGutter } from "@codemirror/lint";
import { tags } from "@lezer/highlight";
import { applyTheme, connect, followHeight, setComponentValue } from "../../../frontend_shared/streamlit-protocol.js";

const ENTITY_TIMEOUT_MS = 8000;
const HISTORY_LIMIT = 50;

const state = {
  strings: {}, prefixes: [], terms: [], keywords: [], historyKey: "coopkg.sparql.history",
  revision: null, runs: 0, errorStamp: null, completionId: 0, pending: new Map(), entityMinChars: 3,
};

// --- the page ----------------------------------------------------------------------------------
const root = document.getElementById("root");
const toolbar = el("div", "toolbar");
const runButton = el("button", "run");
runButton.type = "button";
const hint = el("span", "hint");
const historyLabel = el("label", "history-label");
const historySelect = el("select", "history");
historySelect.id = "history";
historyLabel.htmlFor = "history";
const clearButton = el("button", "clear-history");
clearButton.type = "button";
toolbar.append(runButton, hint, el("span", "spacer"), historyLabel, historySelect, clearButton);
const editorHost = el("div", "editor");
const message = el("div", "error-message");
message.setAttribute("role", "alert");
message.hidden = true;
root.append(editorHost, toolbar, message);

function el(tag, className) {
  const node = document.createElement(tag);
  node.className = className;
  return node;
}

function text(key, values = {}) {
  const template = state.strings[key] ?? key;
  return template.replace(/\{(\w+)\}/g, (_, name) => (name in values ? String(values[name]) : `{${name}}`));
}

// --- highlighting, close to Streamlit's light code blocks -----------------------------------------
const sparqlHighlight = HighlightStyle.define([
  { tag: tags.keyword, color: "#0550ae", fontWeight: "600" },
  { tag: tags.standard(tags.variableName), color: "#8250df" }, // built-in functions, `a`
  { tag: tags.local(tags.variableName), color: "#953800" }, // ?variables
  { tag: tags.atom, color: "#116329" }, // prefixed names and <IRIs>
  { tag: tags.string, color: "#0a3069" },
  { tag: tags.meta, color: "#6639ba" }, // @language tags
  { tag: tags.comment, color: "#6e7781", fontStyle: "italic" },
  { tag: tags.number, color: "#0550ae" },
  { tag: tags.operator, color: "#cf222e" },
]);

const editorTheme = EditorView.theme({
  "&": { fontSize: "14px", border: "1px solid rgba(49, 51, 63, 0.2)", borderRadius: "0.5rem",
    backgroundColor: "var(--st-background, #fff)", color: "var(--st-text, #31333f)" },
  "&.cm-focused": { outline: "2px solid var(--st-primary, #1f77b4)", outlineOffset: "-1px" },
  ".cm-scroller": { fontFamily: "\"Source Code Pro\", ui-monospace, SFMono-Regular, Menlo, Consolas, monospace",
    overflow: "auto" },
  ".cm-gutters": { backgroundColor: "var(--st-secondary-background, #f0f2f6)", color: "#6e7781", border: "none",
    borderTopLeftRadius: "0.5rem", borderBottomLeftRadius: "0.5rem" },
  ".cm-activeLine": { backgroundColor: "rgba(31, 119, 180, 0.05)" },
  ".cm-activeLineGutter": { backgroundColor: "rgba(31, 119, 180, 0.12)" },
  ".cm-tooltip-autocomplete ul li[aria-selected]": { backgroundColor: "var(--st-primary, #1f77b4)", color: "#fff" },
  ".cm-completionDetail": { marginLeft: "0.8em", fontStyle: "normal", opacity: "0.75" },
});

// --- completion --------------------------------------------------------------------------------
const NAME_BEFORE = /[\w.-]*:?[\w.-]*$/;

function staticCompletions(context) {
  const before = context.state.sliceDoc(Math.max(0, context.pos - 200), context.pos);
  if (/[?$][\w]*$/.test(before)) return variableCompletions(context, before);
  const word = context.matchBefore(NAME_BEFORE);
  if (!word || (word.from === word.to && !context.explicit)) return null;
  const options = [
    ...state.prefixes.map((o) => ({ ...o, type: "namespace", boost: 2 })),
    ...state.terms.map((o) => ({ ...o, type: o.type || "property" })),
    ...state.keywords.map((k) => ({ label: k, type: "keyword", boost: -1 })),
  ];
  return { from: word.from, options, validFor: /^[\w.-]*:?[\w.-]*$/ };
}

function variableCompletions(context, before) {
  const word = context.matchBefore(/[?$][\w]*$/);
  const names = new Set(context.state.doc.toString().match(/[?$][A-Za-z_][\w]*/g) || []);
  names.delete(word.text);
  return { from: word.from, options: [...names].map((n) => ({ label: n, type: "variable" })), validFor: /^[?$][\w]*$/ };
}

// A word in any script (Latin, Cyrillic, ...), not a variable, a prefixed name, an IRI or a tag.
const ENTITY_WORD = /(?<![?$:<@\p{L}\p{N}_-])[\p{L}\p{N}][\p{L}\p{N}'’_-]*$/u;
const KEYWORD_START = /^[A-Z]+$/;

function entityCompletions(context) {
  const word = context.matchBefore(ENTITY_WORD);
  if (!word || word.to - word.from < state.entityMinChars) return null;
  const line = context.state.doc.lineAt(context.pos);
  if (line.text.slice(0, context.pos - line.from).includes("#")) return null; // in a comment
  if (KEYWORD_START.test(word.text) && state.keywords.some((k) => k.startsWith(word.text))) return null;
  const id = ++state.completionId;
  const started = performance.now();
  return new Promise((resolve) => {
    const finish = (items) => {
      state.pending.delete(id);
      clearTimeout(timer);
      if (items) document.body.dataset.lastEntityCompletionMs = String(Math.round(performance.now() - started));
      resolve(items && items.length
        ? { from: word.from, filter: false, options: items.map((o) => ({ ...o, type: "entity" })) }
        : null);
    };
    const timer = setTimeout(() => finish(null), ENTITY_TIMEOUT_MS);
    state.pending.set(id, finish);
    context.addEventListener("abort", () => finish(null));
    send({ complete: { id, word: word.text } });
  });
}

function answerEntities(entities) {
  if (!entities) return;
  const finish = state.pending.get(entities.id);
  if (finish) finish(entities.items || []);
}

// --- history (this browser's localStorage, across sessions) ---------------------------------------
function readHistory() {
  try {
    const items = JSON.parse(localStorage.getItem(state.historyKey) || "[]");
    return Array.isArray(items) ? items.filter((i) => i && typeof i.query === "string") : [];
  } catch {
    return [];
  }
}

function remember(query) {
  const items = readHistory().filter((i) => i.query !== query);
  items.unshift({ query, at: new Date().toISOString() });
  try {
    localStorage.setItem(state.historyKey, JSON.stringify(items.slice(0, HISTORY_LIMIT)));
  } catch { /* storage full or refused: the run still goes on */ }
  renderHistory();
}

function renderHistory() {
  const items = readHistory();
  historySelect.replaceChildren();
  const first = new Option(items.length ? text("history_pick", { n: items.length }) : text("history_empty"), "");
  historySelect.add(first);
  items.forEach((item, index) => {
    const firstLine = item.query.split("\n").find((l) => l.trim() && !l.trim().startsWith("#")) || item.query;
    const when = new Date(item.at);
    const stamp = isNaN(when) ? "" : when.toLocaleString(state.strings.locale || undefined,
      { dateStyle: "short", timeStyle: "short" });
    historySelect.add(new Option(`${stamp} · ${firstLine.trim().slice(0, 80)}`, String(index)));
  });
  historySelect.disabled = items.length === 0;
  clearButton.disabled = items.length === 0;
}

historySelect.addEventListener("change", () => {
  const item = readHistory()[Number(historySelect.value)];
  historySelect.value = "";
  if (!item) return;
  view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: item.query } });
  view.focus();
  send();
});

clearButton.addEventListener("click", () => {
  localStorage.removeItem(state.historyKey);
  renderHistory();
});

// --- running -----------------------------------------------------------------------------------
function send(extra = {}) {
  setComponentValue({ text: view.state.doc.toString(), runs: state.runs, complete: null, ...extra });
}

function run() {
  const query = view.state.doc.toString();
  if (!query.trim()) return true;
  state.runs += 1;
  remember(query);
  send();
  return true;
}

runButton.addEventListener("click", run);

// --- the error mark ------------------------------------------------------------------------------
function showError(error) {
  const stamp = error ? JSON.stringify(error) : null;
  if (stamp === state.errorStamp) return;
  state.errorStamp = stamp;
  message.classList.remove("stale");
  if (!error) {
    view.dispatch(setDiagnostics(view.state, []));
    message.hidden = true;
    message.textContent = "";
    return;
  }
  const doc = view.state.doc;
  const diagnostics = [];
  if (error.line) {
    const line = doc.line(Math.min(Math.max(1, error.line), doc.lines));
    const at = Math.min(line.from + Math.max(0, (error.column || 1) - 1), line.to);
    const { from, to } = markedRange(doc.sliceString(line.from, line.to), at - line.from, line.from);
    diagnostics.push({ from, to, severity: "error", message: error.message });
    view.dispatch({ effects: EditorView.scrollIntoView(from, { y: "center" }) });
  }
  view.dispatch(setDiagnostics(view.state, diagnostics));
  message.textContent = error.message; // Python's message already names the line and column
  message.hidden = false;
}

// The parser names the place where it gave up: the token there, or (when that is a space or the
// end of the line, as after an unknown prefixed name) the token just before it.
function markedRange(lineText, offset, lineStart) {
  const token = /[^\s]+/g;
  let match, before = null;
  while ((match = token.exec(lineText)) !== null) {
    const start = match.index, end = start + match[0].length;
    if (start <= offset && offset < end) return { from: lineStart + start, to: lineStart + end };
    if (end <= offset) before = { from: lineStart + start, to: lineStart + end };
  }
  return before || { from: lineStart + offset, to: lineStart + offset };
}

// --- the editor ----------------------------------------------------------------------------------
let idleTimer = null;
const view = new EditorView({
  parent: editorHost,
  state: EditorState.create({
    doc: "",
    extensions: [
      lineNumbers(), highlightActiveLineGutter(), highlightActiveLine(), drawSelection(), history(),
      indentOnInput(), bracketMatching(), closeBrackets(), lintGutter(),
      StreamLanguage.define(sparql), syntaxHighlighting(sparqlHighlight), editorTheme,
      autocompletion({ override: [staticCompletions, entityCompletions], activateOnTypingDelay: 150,
        icons: true }),
      Prec.highest(keymap.of([
        { key: "Ctrl-Enter", run }, { key: "Mod-Enter", run }, { key: "Meta-Enter", run },
      ])),
      // No Tab binding: Tab leaves the editor, as it does a text area (Enter keeps the indentation).
      keymap.of([...closeBracketsKeymap, ...defaultKeymap, ...historyKeymap, ...completionKeymap]),
      EditorView.updateListener.of((update) => {
        if (!update.docChanged) return;
        if (!message.hidden && update.transactions.some((t) => t.isUserEvent("input") || t.isUserEvent("delete"))) {
          message.classList.add("stale");
        }
        clearTimeout(idleTimer);
        idleTimer = setTimeout(() => send(), 1500); // the page keeps the latest text (permalinks)
      }),
      EditorView.domEventHandlers({ blur: () => { clearTimeout(idleTimer); send(); } }),
      EditorView.contentAttributes.of({ "aria-multiline": "true" }),
    ],
  }),
});

function setLabels() {
  view.contentDOM.setAttribute("aria-label", text("editor_label"));
  runButton.textContent = text("run");
  runButton.title = text("run_shortcut");
  hint.textContent = text("run_shortcut");
  historyLabel.textContent = text("history");
  clearButton.textContent = text("history_clear");
}

// --- renders from Python ---------------------------------------------------------------------------
connect(({ args, disabled, theme }) => {
  applyTheme(theme);
  state.strings = args.strings || {};
  state.prefixes = args.prefixes || [];
  state.terms = args.terms || [];
  state.keywords = args.keywords || [];
  state.entityMinChars = args.entity_min_chars || 3;
  if (args.history_key && args.history_key !== state.historyKey) state.historyKey = args.history_key;
  if (typeof args.runs === "number" && args.runs > state.runs) state.runs = args.runs; // a reloaded page
  setLabels();
  renderHistory();
  const documentArg = args.document || { text: "", revision: 0 };
  if (documentArg.revision !== state.revision) {
    state.revision = documentArg.revision;
    view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: documentArg.text || "" } });
  }
  if (args.height) view.dom.style.height = `${args.height}px`;
  runButton.disabled = disabled;
  view.contentDOM.setAttribute("aria-disabled", String(disabled));
  showError(args.error || null);
  answerEntities(args.entities);
  document.body.dataset.ready = "true";
});
followHeight(root);
