// The static treatment explorer's script: it carries the visitor's choices to Python (the
// project's own engine and views, spineedu.static_site.browser on Pyodide) and puts Python's
// answer on the page. It decides nothing itself: which controls a type shows, what a value
// means, the plan, the what-if offers and the comparison all come from Python.
import { bootPython } from "../boot.mjs";

const $ = (id) => document.getElementById(id);
const NAMES = ["type_id", "stage", "subtype", "escc", "sins", "ecog", "neuro_deficit",
  "resectable"];
const FAILED = "The explorer could not start in this browser. Reload the page to try again; " +
  "the lessons still work without it.";
const BROKEN = "Something went wrong while showing this plan. Change a choice or reload the page.";
let explorer = null;   // Python's PageExplorer, once loaded
let audience = null;   // the gate's answer

// the plan in plain words or the clinical version: kept on this device for the next visit
const WORDING_KEY = "spineedu-wording";
const WORDINGS = () => [...document.querySelectorAll('input[name="wording"]')];

function wording() {
  const checked = WORDINGS().find((radio) => radio.checked);
  return checked ? checked.value : "clinical";
}

function rememberWording() {
  try { localStorage.setItem(WORDING_KEY, wording()); } catch (error) { /* storage off */ }
  render();
}

function restoreWording() {
  let kept = null;
  try { kept = localStorage.getItem(WORDING_KEY); } catch (error) { return; }
  for (const radio of WORDINGS()) { if (radio.value === kept) { radio.checked = true; } }
}

function values() {
  const chosen = { wording: wording() };
  for (const name of NAMES) { chosen[name] = $(name).value; }
  return JSON.stringify(chosen);
}

function ask(method, ...args) {
  return JSON.parse(explorer[method](...args));
}

function fill(select, options, value) {
  select.replaceChildren(...options.map(([label, optionValue]) => new Option(label, optionValue)));
  if (value !== null && value !== undefined) { select.value = value; }
}

function showError(message) {
  $("results").innerHTML = "";
  const note = document.createElement("div");
  note.className = "spineedu-not-suitable";
  note.setAttribute("role", "alert");
  note.textContent = message;
  $("results").append(note);
}

function render() {
  if (explorer === null || audience !== "learning") { return; }
  let answer;
  try { answer = ask("answer", values()); } catch (error) { showError(BROKEN); return; }
  $("results").innerHTML = answer.results_html;
  $("status").innerHTML = answer.status_html;
  $("comparison").innerHTML = answer.comparison_html;
  $("what-if-intro").innerHTML = answer.what_if_intro_html;
  $("offers").replaceChildren(...answer.offers.map((offer) => {
    const item = document.createElement("li");
    item.innerHTML = offer.sentence_html;
    const button = document.createElement("button");
    button.type = "button";
    button.textContent = offer.button;
    button.addEventListener("click", () => {
      $(offer.factor).value = offer.value;
      render();
      $(offer.factor).focus();  // the button is gone with the old plan: show what changed
    });
    item.append(button);
    return item;
  }));
  $("pin").hidden = !answer.can_pin;
  $("unpin").hidden = !answer.pinned;
}

function onType() {
  let controls;
  try { controls = ask("controls", values()); } catch (error) { showError(BROKEN); return; }
  fill($("stage"), controls.stages, controls.stage);
  fill($("subtype"), controls.subtypes, "");
  for (const [name, shown] of Object.entries(controls.shown)) {
    $(`${name}-row`).hidden = !shown;
    if (!shown) { $(name).value = ""; }
  }
  render();
}

function onPin(method) {
  const comparison = ask(method);
  $("comparison").innerHTML = comparison.comparison_html;
  $("unpin").hidden = !comparison.pinned;
  if (method === "unpin") { $("pin").focus(); }  // Unpin hides itself
}

// lesson 08's SINS calculator, under the SINS control: its total goes into the plan on request
const SINS_ITEMS = () => [...document.querySelectorAll("#sins-calculator select")];
let sinsTotal = null;

function onSinsItem() {
  const choices = {};
  for (const select of SINS_ITEMS()) { choices[select.name] = select.value; }
  let score;
  try { score = ask("sins", JSON.stringify(choices)); } catch (error) { return; }
  $("sins-result").innerHTML = score.html;
  sinsTotal = score.total;
  $("use-sins").hidden = sinsTotal === null;
  if (sinsTotal !== null) { $("use-sins").textContent = `Use SINS ${sinsTotal} in the plan`; }
}

function useSins() {
  $("sins").value = sinsTotal;
  render();
  $("sins").focus();
}

function onAudience(event) {
  audience = event.target.value;
  $("symptoms").hidden = audience !== "symptoms";
  $("explorer").hidden = audience !== "learning";
  $("answer").hidden = audience !== "learning" || explorer === null;
  render();
}

function progress(step) {
  $("loading-step").textContent = step;
}

// The knowledge base, gzip-compressed (a tenth of its size), unpacked here: a host that
// decompresses .gz itself (Content-Encoding) hands over the JSON as it is.
async function knowledgeBase() {
  const bytes = new Uint8Array(await (await fetch("../content.json.gz")).arrayBuffer());
  if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) { return new TextDecoder().decode(bytes); }
  const unpacked = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
  return new Response(unpacked).text();
}

// performance marks (bench/site.py reads them): where a first visit's time goes
async function start() {
  const documents = knowledgeBase();
  const python = await bootPython(progress);
  performance.mark("spineedu:python-loaded");
  progress("Starting the SpineEdu engine…");
  const browser = python.pyimport("spineedu.static_site.browser");
  performance.mark("spineedu:engine-imported");
  progress("Reading the knowledge base…");
  explorer = browser.PageExplorer(await documents);
  performance.mark("spineedu:content-loaded");
  for (const name of NAMES) {
    $(name).disabled = false;
    $(name).addEventListener("change", name === "type_id" ? onType : render);
  }
  for (const radio of WORDINGS()) {
    radio.disabled = false;
    radio.addEventListener("change", rememberWording);
  }
  restoreWording();
  for (const select of SINS_ITEMS()) {
    select.disabled = false;
    select.addEventListener("change", onSinsItem);
  }
  $("use-sins").addEventListener("click", useSins);
  $("pin").addEventListener("click", () => onPin("pin"));
  $("unpin").addEventListener("click", () => onPin("unpin"));
  progress("Ready: choose a cancer type and a stage.");
  $("loading").classList.add("ready");
  $("answer").hidden = audience !== "learning";
  onType();
  performance.mark("spineedu:ready");
}

for (const radio of document.querySelectorAll('input[name="audience"]')) {
  radio.addEventListener("change", onAudience);
}
start().catch((error) => {
  console.error(error);
  $("loading-step").textContent = FAILED;
  $("loading").setAttribute("role", "alert");
});
