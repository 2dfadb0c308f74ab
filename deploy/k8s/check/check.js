#!/usr/bin/env node
// Validates Kubernetes manifests (a YAML stream on stdin, as `kubectl kustomize` prints it) without a cluster, in two
// passes: the JSON schemas of the Kubernetes API and of KEDA's CRDs (types, required fields, formats), and a
// TypeScript type check of every object literal against the same API's types, which also rejects a field the API
// does not have (a typo such as `resource:` that the schemas, open to extra fields, would let through).
"use strict";
const fs = require("fs");
const path = require("path");
const YAML = require("yaml");
const ts = require("typescript");

// apiVersion -> the models package that holds its kinds
function modelsModule(apiVersion) {
  if (apiVersion.startsWith("keda.sh/")) return "@kubernetes-models/keda/" + apiVersion;
  return "kubernetes-models/" + apiVersion;
}

const docs = YAML.parseAllDocuments(fs.readFileSync(0, "utf8"))
  .filter((d) => d.contents !== null)
  .map((d, i) => {
    if (d.errors.length) throw new Error(`document ${i}: ${d.errors.map((e) => e.message).join("; ")}`);
    return d.toJS();
  });
if (docs.length === 0) {
  console.error("no manifests on stdin");
  process.exit(2);
}

const failures = [];
const name = (o) => `${o.kind}/${o.metadata && o.metadata.name}`;
for (const obj of docs) {
  let Model;
  try {
    Model = require(modelsModule(obj.apiVersion))[obj.kind];
  } catch (e) {
    Model = undefined;
  }
  if (!Model) {
    failures.push(`${name(obj)}: no schema for ${obj.apiVersion} ${obj.kind}`);
    continue;
  }
  try {
    new Model(obj).validate();
  } catch (e) {
    failures.push(`${name(obj)}: ${e.message}`);
  }
}

// The type check: one typed constant per object, in a file beside node_modules so that the packages resolve.
const lines = [];
const owner = [];
docs.forEach((obj, i) => {
  if (!obj.apiVersion || !obj.kind) return;
  const literal = JSON.stringify(obj, null, 1).split("\n");
  lines.push(`import type { I${obj.kind} as T${i} } from "${modelsModule(obj.apiVersion)}";`);
  owner.push(i);
  lines.push(`export const doc${i}: T${i} = ${literal[0]}`);
  owner.push(i);
  for (const l of literal.slice(1)) {
    lines.push(l);
    owner.push(i);
  }
});
const file = path.join(__dirname, `.manifests-${process.pid}.ts`);
fs.writeFileSync(file, lines.join("\n") + "\n");
try {
  const program = ts.createProgram([file], {
    noEmit: true, strict: true, skipLibCheck: true,
    module: ts.ModuleKind.Node16, moduleResolution: ts.ModuleResolutionKind.Node16,
  });
  for (const d of ts.getPreEmitDiagnostics(program)) {
    const text = ts.flattenDiagnosticMessageText(d.messageText, "\n");
    if (d.file && path.resolve(d.file.fileName) === file) {
      const line = d.file.getLineAndCharacterOfPosition(d.start).line;
      failures.push(`${name(docs[owner[line]])}: ${lines[line].trim()} -> ${text}`);
    } else {
      failures.push(text);
    }
  }
} finally {
  fs.unlinkSync(file);
}

if (failures.length) {
  console.error(failures.join("\n"));
  process.exit(1);
}
console.log(`${docs.length} manifests valid: ${docs.map(name).join(", ")}`);
