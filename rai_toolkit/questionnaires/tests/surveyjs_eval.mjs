// Evaluates expressions with SurveyJS's own survey-core, for the differential test.
// Usage: node surveyjs_eval.mjs cases.json  (cases: [{"expression": "...", "values": {...}}])
// Prints [{"value": ..., "condition": bool} | {"error": "..."} | {"thrown": "..."}] on stdout:
// "error" when survey-core cannot parse the expression, "thrown" when running it throws.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

async function loadSurveyCore() {
  try {
    return await import("survey-core");
  } catch {
    // Bare imports resolve from this file's folder; fall back to the repository root.
    const root = resolve(dirname(fileURLToPath(import.meta.url)), "../../../");
    const require = createRequire(resolve(root, "package.json"));
    const main = require.resolve("survey-core/fesm/survey-core.mjs");
    return await import(pathToFileURL(main).href);
  }
}

const { ExpressionRunner, ConditionRunner } = await loadSurveyCore();

// JSON cannot carry undefined or NaN/Infinity; null stands for all of them.
function plain(value) {
  if (value === undefined) return null;
  if (typeof value === "number" && !Number.isFinite(value)) return null;
  if (Array.isArray(value)) return value.map(plain);
  if (value !== null && typeof value === "object") {
    const out = {};
    for (const [k, v] of Object.entries(value)) out[k] = plain(v);
    return out;
  }
  return value;
}

function message(err) {
  return err && err.message ? err.message : String(err);
}

function run(expression, values) {
  let expressionRunner;
  let conditionRunner;
  try {
    // Some parsed trees (e.g. "!null") make survey-core throw while it inspects them.
    expressionRunner = new ExpressionRunner(expression);
    conditionRunner = new ConditionRunner(expression);
  } catch (err) {
    return { error: `survey-core threw while parsing: ${message(err)}` };
  }
  if (!expressionRunner.canRun()) return { error: "survey-core could not parse the expression" };
  try {
    const value = expressionRunner.runValues(structuredClone(values));
    const condition = conditionRunner.runValues(structuredClone(values));
    return { value: plain(value), condition: condition === true };
  } catch (err) {
    // Parsed, but running it throws (e.g. "res.toFixed is not a function").
    return { thrown: message(err) };
  }
}

const cases = JSON.parse(readFileSync(process.argv[2], "utf8"));
process.stdout.write(JSON.stringify(cases.map((c) => run(c.expression, c.values ?? {}))));
