// scenewright web page: talks only to the REST API under /api (see /api/openapi.json).
"use strict";

const $ = (id) => document.getElementById(id);
const el = (tag, props = {}, ...children) => {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k === "class") node.className = v;
    else if (k === "dataset") Object.assign(node.dataset, v);
    else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else if (v !== undefined && v !== null) node.setAttribute(k, v);
  }
  for (const c of children) node.append(c);
  return node;
};

const COLORS = {
  red: "#d33b2f", blue: "#2f64d3", green: "#3a9a4b", brown: "#8a5a32", purple: "#7b45b8", cyan: "#2cb6c4",
  yellow: "#e8c21e", gray: "#8c8c8c", grey: "#8c8c8c", black: "#222", white: "#fafafa", orange: "#ee8a24",
  pink: "#e27aa8",
};

const app = {
  state: null,        // the session as the server last described it
  worlds: [],
  view: null,         // null = now; {turn} or {branch, i} while looking at an earlier picture
  busy: false,
  limit: 2000,
};

// -- talking to the server ------------------------------------------------------------------------------
async function api(method, path, body) {
  const opts = { method, headers: {} };
  if (body !== undefined) {
    opts.headers["content-type"] = "application/json";
    opts.body = JSON.stringify(body);
  }
  let res;
  try {
    res = await fetch(path, opts);
  } catch (e) {
    throw new Error("The server cannot be reached; check the connection and try again.");
  }
  if (res.status === 204) return null;
  let data = null;
  try { data = await res.json(); } catch (e) { /* not JSON */ }
  if (!res.ok) {
    const msg = data && data.error ? data.error.message : `The server answered ${res.status}.`;
    const err = new Error(msg);
    err.status = res.status;
    throw err;
  }
  return data;
}

const sid = () => app.state && app.state.id;
const base = () => `/api/sessions/${encodeURIComponent(sid())}`;

function pictureUrl(key, { turn, branch, size = "full" } = {}) {
  const q = new URLSearchParams({ size, v: key });
  if (turn !== undefined && turn !== null) q.set("turn", turn);
  if (branch !== undefined && branch !== null) q.set("branch", branch);
  return `${base()}/image.png?${q}`;
}

function toast(message) {
  const t = $("toast");
  t.textContent = message;
  t.hidden = false;
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => { t.hidden = true; }, 5000);
}

function setReply(text, kind) {
  const r = $("reply");
  r.textContent = text || "";
  r.className = "reply " + (kind || "");
}

async function run(action) {
  if (app.busy) return;
  app.busy = true;
  $("canvas").classList.add("busy");
  updateButtons();
  const slow = setTimeout(() => setReply("Working on it…", ""), 1200);
  try {
    await action();
  } catch (e) {
    setReply(e.message, "error");
    if (e.status === 404 && sid()) {
      toast("This scene no longer exists on the server; starting a new one.");
      await newSession(app.state ? app.state.world : "shapes");
    }
  } finally {
    clearTimeout(slow);
    app.busy = false;
    $("canvas").classList.remove("busy");
    updateButtons();
  }
}

// -- sessions -------------------------------------------------------------------------------------------
async function loadWorlds() {
  const data = await api("GET", "/api/worlds");
  app.worlds = data.worlds;
  app.limit = data.limits.text;
  app.pdf = data.pdf !== false;  // the server can print the report to PDF
  $("text").maxLength = app.limit;
  const sel = $("world");
  sel.replaceChildren();
  for (const w of app.worlds) {
    const opt = el("option", { value: w.id, title: w.available ? w.title : (w.reason || "") },
      w.label + (w.available ? "" : " (not available)"));
    if (!w.available) opt.disabled = true;
    sel.append(opt);
  }
}

// the renderers that can draw `worldId` here (the default first); hidden when there is no choice
function fillRenderers(worldId, current) {
  const w = app.worlds.find((x) => x.id === worldId);
  const list = (w && w.renderers) || [];
  const sel = $("renderer");
  sel.replaceChildren();
  for (const r of list) {
    const opt = el("option", { value: r.id, title: r.available ? r.label : (r.reason || "") },
      r.label + (r.available ? "" : " (not available)"));
    if (!r.available) opt.disabled = true;
    sel.append(opt);
  }
  sel.value = current || (list.length ? list[0].id : "");
  $("renderer-picker").hidden = list.filter((r) => r.available).length < 2;
}

async function newSession(world, renderer) {
  const body = { world };
  if (renderer) body.renderer = renderer;
  const st = await api("POST", "/api/sessions", body);
  setState(st);
  setReply(`A new empty scene. Try: “${st.example}”.`, "ok");
  $("text").focus();
}

function remember(id) {
  history.replaceState(null, "", `#s=${id}`);
  try { localStorage.setItem("scenewright.session", id); } catch (e) { /* private mode */ }
}

async function start() {
  await loadWorlds();
  const fromHash = new URLSearchParams(location.hash.slice(1)).get("s");
  let stored = null;
  try { stored = localStorage.getItem("scenewright.session"); } catch (e) { /* private mode */ }
  for (const id of [fromHash, stored]) {
    if (!id) continue;
    try {
      const st = await api("GET", `/api/sessions/${encodeURIComponent(id)}`);
      setState(st);
      const last = st.chat.filter((c) => c.kind !== "goto").pop();
      setReply(last ? (last.reply || "Welcome back.") : `Welcome back. Try: “${st.example}”.`, "ok");
      return;
    } catch (e) { /* gone or invalid: try the next, then make a new one */ }
  }
  const first = app.worlds.find((w) => w.available);
  await newSession(first ? first.id : "shapes");
}

// -- drawing the page from the state --------------------------------------------------------------------
function setState(st) {
  app.state = st;
  app.view = null;
  remember(st.id);
  const worldId = st.mode === "codraw" ? "codraw" : st.world;
  $("world").value = worldId;
  fillRenderers(worldId, st.renderer);
  $("text").placeholder = `Tell the scene, e.g. “${st.example}”`;
  const help = $("help-examples");
  help.replaceChildren();
  (st.examples || [st.example]).forEach((e, i) => help.append(i ? ", " : "", el("em", {}, `“${e}”`)));
  document.title = `scenewright — ${st.title}`;
  renderPicture();
  renderObjects(st.objects);
  renderLog();
  renderTimeline();
  renderExports();
  updateButtons();
}

function currentKey() {
  const st = app.state;
  return st.cursor ? st.turns[st.cursor - 1].key : st.start_key;
}

function renderPicture() {
  const st = app.state;
  const img = $("picture");
  const banner = $("banner");
  const canvas = $("canvas");
  let url, alt, objectsCount;
  if (!app.view) {
    url = pictureUrl(currentKey());
    alt = `The scene now, after ${st.cursor} turn${st.cursor === 1 ? "" : "s"}: ` +
      (st.objects.length ? st.objects.map((o) => `${o.label} (${describe(o)})`).join("; ") : "empty");
    objectsCount = st.objects.length;
    banner.hidden = true;
    canvas.classList.remove("previewing");
  } else if (app.view.branch === undefined) {
    const k = app.view.turn;
    const key = k ? st.turns[k - 1].key : st.start_key;
    url = pictureUrl(key, { turn: k });
    alt = k ? `The scene after ${pictureName(st.turns[k - 1])}` : "The empty start";
    objectsCount = null;
    banner.hidden = false;
    $("banner-text").textContent = k === 0
      ? "You are looking at the empty start."
      : `You are looking at the picture after ${pictureName(st.turns[k - 1])}: “${st.turns[k - 1].text}”.`;
    $("go-here").hidden = false;
    canvas.classList.add("previewing");
  } else {
    const { branch, i } = app.view;
    const t = st.branches[branch].turns[i];
    url = pictureUrl(t.key, { branch, turn: i });
    alt = `Earlier branch ${branch + 1}, turn ${i + 1}`;
    banner.hidden = false;
    $("banner-text").textContent = `Earlier branch ${branch + 1}, step ${i + 1}: “${t.text}” (read-only).`;
    $("go-here").hidden = true;
    canvas.classList.add("previewing");
  }
  if (img.getAttribute("src") !== url) img.src = url;
  img.alt = alt;
  $("empty-note").hidden = !(objectsCount === 0 && !app.view);
}

function pictureName(t) {
  // a picture of the timeline by the statement that drew it, numbered as in the record and the report
  return t.number ? `#${t.number}` : `turn ${t.k}`;
}

function describe(o) {
  const bits = [];
  if (o.pose) bits.push(o.pose);
  if (o.scale && Math.abs(o.scale - 1) > 0.05) bits.push(o.scale > 1 ? "big" : "small");
  if (o.flip) bits.push("facing left");
  for (const w of o.words || []) bits.push(w);  // said of it, in words: "black hoodie", "carries a bag"
  const where = o.x < 0.34 ? "left" : o.x > 0.66 ? "right" : "middle";
  const depth = o.y < 0.45 ? ", far" : o.y > 0.75 ? ", near" : "";
  bits.push(where + depth);
  return bits.join(" · ");
}

function renderObjects(objects, readOnly = false) {
  const list = $("objects");
  list.replaceChildren();
  for (const o of objects) {
    const swatch = el("span", { class: "swatch", title: o.color || "" });
    swatch.style.background = COLORS[o.color] || "transparent";
    if (!o.color) swatch.style.borderStyle = "dashed";
    const what = el("span", { class: "what" }, o.label, el("small", {}, describe(o)));
    const item = el("li", { dataset: { id: o.id } }, swatch, what);
    if (!readOnly) {
      item.append(el("button", {
        type: "button", title: `Delete the ${o.label}`, "aria-label": `Delete the ${o.label}`,
        onclick: () => run(async () => {
          const r = await api("DELETE", `${base()}/objects/${encodeURIComponent(o.id)}`);
          afterTurn(r);
        }),
      }, "Delete"));
    }
    list.append(item);
  }
  $("objects-count").textContent = objects.length ? `(${objects.length})` : "";
  $("objects-empty").hidden = objects.length > 0;
}

function renderLog() {
  const log = $("log");
  log.replaceChildren();
  for (const c of app.state.chat) {
    let answer = c.reply;
    if (!answer) {
      const back = c.to ? `Back to the picture after #${c.to}.` : "Back to the start.";
      answer = { undo: "Undone.", redo: "Redone.", goto: back }[c.kind] || "Done.";
    } else if (["undo", "redo", "goto"].includes(c.kind) && c.to !== undefined) {
      answer += c.to ? ` (now: the picture after #${c.to})` : " (now: the start)";  // by the record's numbers
    }
    let said = c.text;
    const m = /^goto (\d+)$/.exec(said);
    if (c.kind === "goto" && m) said = c.to ? `go back to the picture after #${c.to}` : "go back to the start";
    // every statement has the number the report gives it; a refused one is counted and marked
    const num = el("span", { class: "num" }, `#${c.number}`);
    const tag = c.kind === "refused" ? el("span", { class: "tag" }, "not done")
      : (c.skipped || []).length ? el("span", { class: "tag" }, "done in part") : "";
    log.append(el("li", { class: c.ok ? "ok" : "no" },
      el("div", { class: "said" }, num, said, tag), el("div", { class: "answer" }, answer)));
  }
  log.scrollTop = log.scrollHeight;
}

function turnButton({ label, num, key, classes, onclick, img }) {
  const [w, h] = app.state.canvas || [1, 1];
  const aspect = String(w / h);
  const b = el("button", { type: "button", class: "turn " + classes, onclick, title: label },
    el("img", { src: img, alt: "", loading: "lazy", decoding: "async" }),
    el("span", { class: "cap" }, el("span", { class: "num" }, num), label));
  b.style.setProperty("--aspect", aspect);
  b.dataset.key = key;
  return b;
}

function renderTimeline() {
  const st = app.state;
  const list = $("turns");
  list.replaceChildren();
  const viewing = app.view && app.view.branch === undefined ? app.view.turn : null;
  const frames = [{ k: 0, text: "start (empty)", key: st.start_key }].concat(st.turns);
  for (const t of frames) {
    const classes = [t.k === st.cursor ? "current" : "", t.k > st.cursor ? "future" : "",
      viewing === t.k ? "viewing" : ""].join(" ");
    const li = el("li", {}, turnButton({
      label: t.text, num: t.k ? (t.number ? `#${t.number}` : `${t.k}.`) : "", key: t.key, classes,
      img: pictureUrl(t.key, { turn: t.k, size: "thumb" }),
      onclick: () => look(t.k),
    }));
    li.dataset.k = t.k;
    list.append(li);
  }
  const cur = list.querySelector(".viewing") || list.querySelector(".current");
  if (cur) {  // scroll the strip sideways only: the page itself must not jump away from the picture
    const r = cur.getBoundingClientRect(), box = list.getBoundingClientRect();
    if (r.left < box.left || r.right > box.right) list.scrollLeft += r.left - box.left - (box.width - r.width) / 2;
  }

  const box = $("branch-list");
  box.replaceChildren();
  $("branches").hidden = st.branches.length === 0;
  st.branches.forEach((br, b) => {
    const row = el("ol", { class: "branch-row" });
    br.turns.forEach((t) => {
      const on = app.view && app.view.branch === b && app.view.i === t.i;
      row.append(el("li", {}, turnButton({
        label: t.text, num: "", key: t.key, classes: on ? "viewing" : "",
        img: pictureUrl(t.key, { branch: b, turn: t.i, size: "thumb" }),
        onclick: () => lookBranch(b, t.i),
      })));
    });
    box.append(el("div", { class: "branch-block" },
      el("div", { class: "label" }, `Branch ${b + 1} — ${br.turns.length} turn${br.turns.length === 1 ? "" : "s"}`),
      row));
  });
}

function renderExports() {
  for (const a of document.querySelectorAll("#export a[data-kind]")) {
    a.href = `${base()}/export/${a.dataset.kind}`;
    if (a.dataset.kind === "pdf") a.hidden = !app.pdf;  // then the printable report is the way to a PDF
    if (a.dataset.kind === "svg") a.hidden = app.state.svg === false;  // a neural renderer paints pixels
  }
}

function updateButtons() {
  const st = app.state;
  $("undo").disabled = app.busy || !st || !st.can_undo;
  $("redo").disabled = app.busy || !st || !st.can_redo;
  $("send").disabled = app.busy;
}

// -- looking at earlier turns ---------------------------------------------------------------------------
async function look(k) {
  const st = app.state;
  if (k === st.cursor) { backToNow(); return; }
  app.view = { turn: k };
  renderPicture();
  renderTimeline();
  const data = await api("GET", `${base()}/scene?turn=${k}`).catch(() => null);
  if (data && app.view && app.view.turn === k) renderObjects(data.objects, true);
}

async function lookBranch(b, i) {
  app.view = { branch: b, i };
  renderPicture();
  renderTimeline();
  const data = await api("GET", `${base()}/scene?branch=${b}&turn=${i}`).catch(() => null);
  if (data && app.view && app.view.branch === b) renderObjects(data.objects, true);
}

function backToNow() {
  app.view = null;
  renderPicture();
  renderObjects(app.state.objects);
  renderTimeline();
}

function step(delta) {
  const st = app.state;
  if (!st) return;
  const at = app.view && app.view.branch === undefined ? app.view.turn : st.cursor;
  const k = Math.max(0, Math.min(st.turns.length, at + delta));
  if (k !== at) look(k);
}

// -- actions --------------------------------------------------------------------------------------------
function showPicture() {
  // after sending, the new picture is in view (on a phone the text box is below it, the keyboard over it)
  const r = $("canvas").getBoundingClientRect();
  if (r.top < 0 || r.top > window.innerHeight * 0.5) $("canvas").scrollIntoView({ block: "start" });
}

function afterTurn(r) {
  setState(r.state);
  const t = r.turn;
  setReply(t.reply || (t.ok ? "Done." : "I couldn't do that."), t.ok ? "ok" : "no");
}

async function tell(text) {
  text = text.trim();
  if (!text) { setReply(`Type what to draw, e.g. “${app.state.example}”.`, "no"); return; }
  if (text.length > app.limit) { setReply(`That is too long; at most ${app.limit} characters a turn.`, "error"); return; }
  await run(async () => {
    const r = await api("POST", `${base()}/tell`, { text });
    $("text").value = "";
    afterTurn(r);
    showPicture();
  });
}

const undo = () => run(async () => afterTurn(await api("POST", `${base()}/undo`)));
const redo = () => run(async () => afterTurn(await api("POST", `${base()}/redo`)));
const goHere = () => {
  if (!app.view || app.view.branch !== undefined) return;
  const k = app.view.turn;
  return run(async () => afterTurn(await api("POST", `${base()}/goto`, { turn: k })));
};

// -- wiring ---------------------------------------------------------------------------------------------
function typing(e) {
  const t = e.target;
  return t && (t.tagName === "TEXTAREA" || t.tagName === "INPUT" || t.tagName === "SELECT");
}

function wire() {
  $("chat").addEventListener("submit", (e) => { e.preventDefault(); tell($("text").value); });
  $("text").addEventListener("keydown", (e) => {
    if (e.key === "Enter" && !e.shiftKey && !e.isComposing) { e.preventDefault(); tell($("text").value); }
  });
  $("undo").addEventListener("click", undo);
  $("redo").addEventListener("click", redo);
  $("go-here").addEventListener("click", goHere);
  $("back-now").addEventListener("click", backToNow);
  $("help").addEventListener("click", () => $("help-dialog").showModal());
  $("compare").addEventListener("click", (e) => {
    e.preventDefault();
    const other = prompt("Compare this scene with another witness's scene: paste its link (or its id).");
    const m = other && /(?:#s=)?([A-Za-z0-9_-]{16,64})\s*$/.exec(other.trim());
    if (!other) return;
    if (!m) { setReply("That is not a scene link: copy it from the other scene's address bar.", "error"); return; }
    const q = new URLSearchParams({ a: sid(), b: m[1], format: "html" });
    window.open(`/api/compare?${q}`, "_blank", "noopener");
  });
  $("new").addEventListener("click", () => run(() => newSession($("world").value, $("renderer").value)));
  $("world").addEventListener("change", () => {
    const st = app.state;
    const w = $("world").value;
    if (st && st.turns.length && !confirm("Start a new scene in this world? The current one stays saved " +
        "(its link is in your browser history).")) {
      $("world").value = st.mode === "codraw" ? "codraw" : st.world;
      return;
    }
    run(() => newSession(w));
  });
  $("renderer").addEventListener("change", () => {
    const st = app.state;
    const r = $("renderer").value;
    if (st && st.turns.length && !confirm("Start a new scene drawn by this renderer? The current one stays " +
        "saved (its link is in your browser history).")) {
      $("renderer").value = st.renderer;
      return;
    }
    run(() => newSession(st ? (st.mode === "codraw" ? "codraw" : st.world) : $("world").value, r));
  });
  document.addEventListener("click", (e) => {
    const menu = $("export");
    if (menu.open && !menu.contains(e.target)) menu.open = false;
    if (e.target.closest && e.target.closest("#export a")) menu.open = false;
  });
  $("picture").addEventListener("error", () => {
    if (app.state) setReply("The picture could not be loaded; try again.", "error");
  });
  document.addEventListener("keydown", (e) => {
    const mod = e.ctrlKey || e.metaKey;
    if (mod && (e.key === "z" || e.key === "Z")) {
      if (typing(e) && $("text").value) return; // let the text box undo its own typing
      e.preventDefault();
      if (e.shiftKey) redo(); else undo();
      return;
    }
    if (mod && (e.key === "y" || e.key === "Y")) {
      if (typing(e) && $("text").value) return;
      e.preventDefault();
      redo();
      return;
    }
    if (typing(e) || mod || e.altKey) return;
    if (e.key === "/") { e.preventDefault(); $("text").focus(); }
    else if (e.key === "?") { e.preventDefault(); $("help-dialog").showModal(); }
    else if (e.key === "ArrowLeft") { e.preventDefault(); step(-1); }
    else if (e.key === "ArrowRight") { e.preventDefault(); step(1); }
    else if (e.key === "Escape" && app.view) { backToNow(); }
    else if (e.key === "Enter" && app.view && app.view.branch === undefined
             && !(e.target && e.target.tagName === "BUTTON")) { e.preventDefault(); goHere(); }
  });
}

document.addEventListener("DOMContentLoaded", () => {
  wire();
  start().catch((e) => setReply(e.message, "error"));
});
