// Validates the deployment files with npm tools (run by .ci/check-deployment):
// - every Kubernetes manifest under deploy/kubernetes against the JSON schema of its kind
//   (kubernetes-models; kustomization.yaml files are kustomize's own format and skipped);
// - src/main/docker/Dockerfile.jvm with dockerfile-utils' linter.
// Exits 1 on the first kind without a model and after listing every invalid document.
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { execFileSync } from "node:child_process";
import { parseAllDocuments } from "yaml";

// Arguments: the repository root, and the folder whose node_modules contains the npm tools (this file
// is copied there, because Node resolves imports relative to the importing file).
const root = process.argv[2];
const tools = process.argv[3];
const manifests = join(root, "deploy", "kubernetes");
let failures = 0;
let validated = 0;

function yamlFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      return yamlFiles(path);
    }
    return name.endsWith(".yaml") && name !== "kustomization.yaml" ? [path] : [];
  });
}

// kubernetes-models lays out its classes as <group>/<version>/<Kind>; the core group is just <version>.
async function modelOf(apiVersion, kind) {
  const module = await import(`kubernetes-models/${apiVersion}/${kind}`);
  return module[kind];
}

for (const file of yamlFiles(manifests)) {
  for (const document of parseAllDocuments(readFileSync(file, "utf8"))) {
    if (document.errors.length > 0) {
      console.error(`${relative(root, file)}: invalid YAML: ${document.errors[0].message}`);
      failures++;
      continue;
    }
    const object = document.toJS();
    let Model;
    try {
      Model = await modelOf(object.apiVersion, object.kind);
    } catch (error) {
      console.error(`${relative(root, file)}: no schema for ${object.apiVersion} ${object.kind}: ${error.message}`);
      failures++;
      continue;
    }
    try {
      new Model(object).validate();
      validated++;
    } catch (error) {
      console.error(`${relative(root, file)}: ${object.kind} ${object.metadata?.name} is invalid: ${error.message}`);
      failures++;
    }
  }
}

try {
  execFileSync(join(tools, "node_modules", ".bin", "dockerfile-utils"),
    ["lint", join(root, "src", "main", "docker", "Dockerfile.jvm")], { stdio: "inherit" });
} catch {
  console.error("src/main/docker/Dockerfile.jvm: dockerfile-utils lint reported errors");
  failures++;
}

console.log(`Deployment files: ${validated} Kubernetes manifests valid, ${failures} problems`);
process.exit(failures === 0 ? 0 : 1);
