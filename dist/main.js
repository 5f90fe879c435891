import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  CLEANED_UP_STATE,
  RunFlowMissingError,
  SecretMask,
  UserInputError,
  executionConsoleUrl,
  githubActionsIo,
  installCancelHandler,
  loadRunFlow,
  maskedActionIo,
  parseClusterName,
  parseClusterTarget,
  parseNamespace,
  parseRoleArn,
  parseStateMachineName,
  parseTags,
  renderStatusLine,
  renderSummary,
  saveLedger
} from "./chunks/chunk-43DEIDHX.js";
import "./chunks/chunk-JYZI5NFI.js";

// packages/action/src/main.ts
import { writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

// packages/action/src/annotations.ts
var ANNOTATION_LIMIT_CHARS = 4e3;
function renderFailureAnnotation(report) {
  const failedJob = report.jobs.find((job) => job.outcome === "failed");
  if (report.status === "SUCCEEDED" && failedJob === void 0) return void 0;
  const advice = report.advice[0];
  const lines = [];
  const cause = report.cause ?? failedJob?.conditions.find((c) => c.type === "Failed")?.message;
  if (report.error !== void 0) lines.push(`${report.error}${cause ? `: ${cause}` : ""}`);
  else if (cause !== void 0) lines.push(cause);
  const exits = (failedJob?.pods ?? []).flatMap(
    (pod) => pod.containers.filter((container) => container.exitCode !== void 0 && container.exitCode !== 0).map(
      (container) => `${pod.name}/${container.name} exited ${container.exitCode}${container.reason ? ` (${container.reason})` : ""}`
    )
  );
  if (exits.length > 0) lines.push(exits.slice(0, 5).join("; "));
  if (advice !== void 0) lines.push(`Fix: ${advice.fix}`);
  const message = lines.join("\n") || renderStatusLine(report);
  return {
    title: renderStatusLine(report).replace(/^\S+\s/, ""),
    message: message.length > ANNOTATION_LIMIT_CHARS ? `${message.slice(0, ANNOTATION_LIMIT_CHARS - 1)}\u2026` : message
  };
}

// packages/action/src/inputs.ts
import { readFileSync } from "node:fs";
import { isAbsolute, relative, resolve } from "node:path";
var ACCESS_STRATEGIES = ["auto", "access-entry", "aws-auth", "none"];
var DELETE_JOB_POLICIES = ["always", "on-success", "never"];
var ENGINES = ["aws", "local"];
var MAX_JOB_FILE_BYTES = 1024 * 1024;
function readActionInputs(read, options = {}) {
  const get = (name) => {
    const value = read(name).trim();
    return value === "" ? void 0 : value;
  };
  const engine = oneOf(read, "engine", ENGINES, "aws");
  const kubeconfig = get("kubeconfig");
  const createCluster = flag(read, "create-cluster");
  const namespace = parseNamespace("namespace", get("namespace") ?? "default");
  if (kubeconfig !== void 0 && engine !== "local") {
    throw new UserInputError(
      "kubeconfig",
      "is only used with `engine: local`",
      "Set `engine: local` to run the state machine in the runner against this kubeconfig, or leave out `kubeconfig`."
    );
  }
  const cluster = readCluster(get, { createCluster, kubeconfig, engine });
  const stateMachineArn = get("state-machine-arn");
  const roleArnText = get("role-arn");
  const roleArn = roleArnText === void 0 ? void 0 : parseRoleArn("role-arn", roleArnText).arn;
  const accessStrategy = oneOf(read, "access-strategy", ACCESS_STRATEGIES, "auto");
  let stateMachine;
  if (stateMachineArn !== void 0) {
    if (engine === "local") {
      throw new UserInputError(
        "state-machine-arn",
        "cannot be used with `engine: local`: the local engine runs the definition the action generates",
        "Leave out `state-machine-arn`, or use `engine: aws`."
      );
    }
    stateMachine = {
      kind: "existing",
      arn: parseStateMachineArn("state-machine-arn", stateMachineArn),
      input: parseJsonInput("input", get("input") ?? "{}")
    };
  } else {
    if (get("input") !== void 0 && get("input") !== "{}") {
      throw new UserInputError(
        "input",
        "is only used with `state-machine-arn`",
        "The generated state machine takes the Job from `job`; leave out `input`, or give `state-machine-arn`."
      );
    }
    if (roleArn === void 0 && engine === "aws") {
      throw new UserInputError(
        "role-arn",
        "is required but was not given",
        "Set `role-arn` to the IAM role the state machine runs as (arn:aws:iam::<account>:role/<name>), or `state-machine-arn` to run an existing state machine."
      );
    }
    stateMachine = {
      kind: "generate",
      name: parseStateMachineName(
        "state-machine-name",
        get("state-machine-name") ?? "eks-sfn-run-job"
      ),
      roleArn: roleArn ?? ""
    };
  }
  if (accessStrategy !== "none" && roleArn === void 0 && cluster.kind === "existing") {
    throw new UserInputError(
      "role-arn",
      "is required to grant access",
      "Set `role-arn` to the IAM role the state machine runs as, or `access-strategy: none` when it already has access."
    );
  }
  const job = get("job");
  const jobsText = get("jobs");
  if (job !== void 0 && jobsText !== void 0) {
    throw new UserInputError(
      "jobs",
      "cannot be used together with `job`",
      "Give one Job in `job`, or several in `jobs` to run them as a matrix."
    );
  }
  const jobs = job !== void 0 ? [readJob("job", job, options)] : jobsText !== void 0 ? splitJobs(readJob("jobs", jobsText, options)) : [];
  if (jobs.length === 0 && stateMachine.kind === "generate") {
    throw new UserInputError(
      "job",
      "is required but was not given",
      "Set `job` to a batch/v1 Job: a path in the workspace (examples/pi-job.yaml) or inline YAML."
    );
  }
  const pollingText = get("polling") ?? "sync";
  const polling = pollingText === "sync" ? "sync" : {
    seconds: integer("polling", pollingText, {
      min: 1,
      max: 3600,
      fix: 'Use "sync", or a number of seconds between 1 and 3600.'
    })
  };
  return {
    cluster,
    namespace,
    jobs,
    matrix: jobsText !== void 0,
    maxConcurrency: integer("max-concurrency", get("max-concurrency") ?? "0", {
      min: 0,
      max: 1e3,
      fix: "Use 0 for no limit, or up to 1000 (Step Functions' limit for a Map state)."
    }),
    stateMachine,
    roleArn,
    accessStrategy,
    retrieveLogs: flag(read, "retrieve-logs", true),
    logTailLines: integer("log-tail-lines", get("log-tail-lines") ?? "1000", {
      min: 1,
      max: 1e5,
      fix: "Use a number of lines between 1 and 100000."
    }),
    deleteJob: oneOf(read, "delete-job", DELETE_JOB_POLICIES, "always"),
    polling,
    timeoutMinutes: integer("timeout-minutes", get("timeout-minutes") ?? "60", {
      min: 1,
      max: 525600,
      fix: "Use a number of minutes between 1 and 525600 (a year, Step Functions' limit)."
    }),
    engine,
    commentOnPr: flag(read, "comment-on-pr"),
    githubToken: read("github-token").trim(),
    keepResources: flag(read, "keep-resources"),
    tags: parseTags("tags", get("tags") ?? "") ?? {},
    dryRun: flag(read, "dry-run")
  };
}
function readCluster(get, context) {
  const createNames = [
    "cluster-role-arn",
    "node-role-arn",
    "subnet-ids",
    "kubernetes-version"
  ];
  if (!context.createCluster) {
    const stray = createNames.find((name) => get(name) !== void 0);
    if (stray !== void 0) {
      throw new UserInputError(
        stray,
        "is only used with `create-cluster: true`",
        "Set `create-cluster: true` to have the state machine create a temporary cluster, or leave it out."
      );
    }
  }
  const nodeCount = integer("node-count", get("node-count") ?? "1", {
    min: 1,
    max: 100,
    fix: "Use a number of nodes between 1 and 100."
  });
  const ttlMinutes = integer("cluster-ttl-minutes", get("cluster-ttl-minutes") ?? "120", {
    min: 10,
    max: 10080,
    fix: "Use a number of minutes between 10 and 10080 (a week)."
  });
  const nodeInstanceTypes = list(get("node-instance-types") ?? "t3.medium");
  const target = {
    name: get("cluster-name"),
    endpoint: get("cluster-endpoint"),
    certificateAuthorityData: get("cluster-ca"),
    tags: get("cluster-tags")
  };
  const names = { name: "cluster-name", endpoint: "cluster-endpoint", tags: "cluster-tags" };
  if (context.kubeconfig !== void 0) {
    const other = ["cluster-tags", "cluster-endpoint", "cluster-ca"].find(
      (name) => get(name) !== void 0
    );
    if (other !== void 0 || context.createCluster) {
      throw new UserInputError(
        other ?? "create-cluster",
        "cannot be used together with `kubeconfig`",
        "The kubeconfig's current context picks the cluster; leave the other cluster inputs out."
      );
    }
    return { kind: "kubeconfig", path: context.kubeconfig };
  }
  if (context.createCluster) {
    const given = ["cluster-tags", "cluster-endpoint", "cluster-ca"].find(
      (name2) => get(name2) !== void 0
    );
    if (given !== void 0) {
      throw new UserInputError(
        given,
        "cannot be used together with `create-cluster: true`",
        "A temporary cluster is found by its name; leave it out."
      );
    }
    const need = (name2, what) => {
      const value = get(name2);
      if (value === void 0) {
        throw new UserInputError(
          name2,
          "is required with `create-cluster: true`",
          `Set \`${name2}\` to ${what}.`
        );
      }
      return value;
    };
    const name = need("cluster-name", "the temporary cluster's name (such as ci-<run id>)");
    const clusterRoleArn = parseRoleArn(
      "cluster-role-arn",
      need("cluster-role-arn", "the IAM role the cluster runs as")
    ).arn;
    const nodeRoleArn = parseRoleArn(
      "node-role-arn",
      need("node-role-arn", "the IAM role of the cluster's nodes")
    ).arn;
    const subnetIds = list(need("subnet-ids", "at least two subnets in two Availability Zones"));
    const badSubnet = subnetIds.find((id) => !/^subnet-[0-9a-f]{8,17}$/.test(id));
    if (badSubnet !== void 0 || subnetIds.length < 2) {
      throw new UserInputError(
        "subnet-ids",
        badSubnet !== void 0 ? `${JSON.stringify(badSubnet)} is not a subnet ID` : "names fewer than two subnets",
        "Give at least two subnet IDs (subnet-0123abcd) in two Availability Zones, separated by commas; EKS requires them."
      );
    }
    const version = get("kubernetes-version");
    if (version !== void 0 && !/^1\.\d{1,2}$/.test(version)) {
      throw new UserInputError(
        "kubernetes-version",
        `${JSON.stringify(version)} is not a Kubernetes minor version`,
        `Give it as EKS does, such as "1.33", or leave it out for EKS's default.`
      );
    }
    return {
      kind: "create",
      name: parseClusterName("cluster-name", name),
      clusterRoleArn,
      nodeRoleArn,
      subnetIds,
      kubernetesVersion: version,
      nodeInstanceTypes,
      nodeCount,
      ttlMinutes
    };
  }
  if (target.name === void 0 && target.tags === void 0 && target.endpoint === void 0 && target.certificateAuthorityData === void 0) {
    throw new UserInputError(
      "cluster-name",
      "is required but was not given",
      context.engine === "local" ? "Set `cluster-name` to the EKS cluster to run on, or `kubeconfig` to reach any cluster." : "Set `cluster-name` to the EKS cluster to run on (or `cluster-tags`, or `create-cluster: true`)."
    );
  }
  return {
    kind: "existing",
    target: parseClusterTarget(target, { ...names, certificateAuthorityData: "cluster-ca" })
  };
}
function readJob(name, value, options) {
  if (value.includes("\n") || /^(apiVersion|kind|metadata|spec|---|\{)/.test(value)) {
    return { from: "inline", yaml: value };
  }
  const workspace = resolve(options.workspace ?? process.cwd());
  const path = resolve(workspace, value);
  const inside = relative(workspace, path);
  if (inside.startsWith("..") || isAbsolute(inside)) {
    throw new UserInputError(
      name,
      `${JSON.stringify(value)} is outside the workspace`,
      "Give a path inside the repository (after actions/checkout), or the Job's YAML inline."
    );
  }
  let text;
  try {
    text = (options.readFile ?? ((file) => readFileSync(file, "utf8")))(path);
  } catch {
    throw new UserInputError(
      name,
      `${JSON.stringify(value)} is not a file in the workspace`,
      "Check the path (is the repository checked out with actions/checkout?), or give the Job's YAML inline."
    );
  }
  if (Buffer.byteLength(text) > MAX_JOB_FILE_BYTES) {
    throw new UserInputError(
      name,
      `${JSON.stringify(value)} is larger than ${MAX_JOB_FILE_BYTES} bytes`,
      "A Job manifest is a few kilobytes; check that the path names the Job's YAML."
    );
  }
  if (text.trim() === "") {
    throw new UserInputError(
      name,
      `${JSON.stringify(value)} is empty`,
      "Put one batch/v1 Job in it."
    );
  }
  return { from: "file", path: inside, yaml: text };
}
function splitJobs(source) {
  return source.yaml.split(/^---[ \t]*$/m).filter((document) => document.replace(/#.*$/gm, "").trim() !== "").map((yaml) => ({ ...source, yaml }));
}
var STATE_MACHINE_ARN = /^arn:aws(?:-cn|-us-gov)?:states:[a-z0-9-]+:\d{12}:stateMachine:[^\s:]{1,80}$/;
function parseStateMachineArn(input, value) {
  if (!STATE_MACHINE_ARN.test(value)) {
    throw new UserInputError(
      input,
      `${JSON.stringify(value)} is not a state machine ARN`,
      "Give it as Step Functions shows it: arn:aws:states:<region>:<account>:stateMachine:<name>."
    );
  }
  return value;
}
function parseJsonInput(input, value) {
  let parsed;
  try {
    parsed = JSON.parse(value);
  } catch (error) {
    throw new UserInputError(
      input,
      `is not JSON (${error instanceof Error ? error.message : String(error)})`,
      'Give the execution input as a JSON object, such as {"threshold": 3}.'
    );
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new UserInputError(
      input,
      "is not a JSON object",
      'Give a JSON object; the action adds the cluster to it as "cluster".'
    );
  }
  return parsed;
}
function oneOf(read, name, allowed, fallback) {
  const value = read(name).trim();
  if (value === "") return fallback;
  const match = allowed.find((candidate) => candidate === value);
  if (match === void 0) {
    throw new UserInputError(
      name,
      `"${value}" is not one of ${allowed.join(", ")}`,
      `Set it to one of those, or leave it out for "${fallback}".`
    );
  }
  return match;
}
function flag(read, name, fallback = false) {
  const value = read(name).trim().toLowerCase();
  if (value === "") return fallback;
  if (value === "false") return false;
  if (value === "true") return true;
  throw new UserInputError(name, `"${value}" is not a boolean`, 'Use "true" or "false".');
}
function integer(name, value, bounds) {
  const number = /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(number) || number < bounds.min || number > bounds.max) {
    throw new UserInputError(
      name,
      `"${value}" is not a whole number from ${bounds.min} to ${bounds.max}`,
      bounds.fix
    );
  }
  return number;
}
function list(value) {
  return value.split(/[,\n]/).map((item) => item.trim()).filter((item) => item !== "");
}

// packages/action/src/log-stream.ts
var STREAM_CAP_BYTES = 256 * 1024;
function createLogStream(io, capBytes2 = STREAM_CAP_BYTES) {
  const written = /* @__PURE__ */ new Map();
  let open;
  const close = () => {
    if (open !== void 0) io.endGroup();
    open = void 0;
  };
  return {
    close,
    write(chunk) {
      const key = `${chunk.namespace}/${chunk.pod}/${chunk.container}`;
      const before = written.get(key) ?? 0;
      if (before >= capBytes2) return;
      if (open !== key) {
        close();
        io.startGroup(`Logs of ${chunk.pod}/${chunk.container}`);
        open = key;
      }
      const bytes = Buffer.byteLength(chunk.text);
      const room = capBytes2 - before;
      const text = bytes <= room ? chunk.text : Buffer.from(chunk.text).subarray(0, room).toString("utf8").replace(/\uFFFD$/, "");
      for (const line of text.replace(/\n$/, "").split("\n")) io.info(line);
      written.set(key, before + Math.min(bytes, room));
      if (bytes > room) {
        io.info(
          `[log of ${chunk.pod}/${chunk.container} cut at ${capBytes2} bytes here; the report and summary keep its end]`
        );
      }
    }
  };
}

// packages/action/src/outputs.ts
var OUTPUT_CAP_BYTES = 64 * 1024;
function createOutputWriter(io) {
  const values = {};
  const set = (name, value) => {
    if (values[name] === value) return;
    values[name] = value;
    io.setOutput(name, value);
  };
  return {
    set,
    values,
    facts(facts) {
      if (facts.clusterName !== void 0) set("cluster-name", facts.clusterName);
      if (facts.clusterEndpoint !== void 0) set("cluster-endpoint", facts.clusterEndpoint);
      if (facts.stateMachineArn !== void 0) set("state-machine-arn", facts.stateMachineArn);
      if (facts.executionArn !== void 0) {
        set("execution-arn", facts.executionArn);
        const url = executionConsoleUrl(facts.executionArn);
        if (url !== void 0) set("console-url", url);
      }
      if (facts.executionName !== void 0) set("execution-name", facts.executionName);
      if (facts.jobName !== void 0) set("job-name", facts.jobName);
    },
    report(report) {
      this.facts({
        executionArn: report.executionId,
        executionName: report.executionName,
        stateMachineArn: report.stateMachineArn,
        jobName: report.jobs[0]?.name
      });
      set("status", report.status);
      set(
        "job-status",
        JSON.stringify(
          report.jobs.map((job) => ({
            namespace: job.namespace,
            name: job.name,
            outcome: job.outcome,
            conditions: job.conditions,
            pods: job.pods.map((pod) => ({
              name: pod.name,
              phase: pod.phase,
              reason: pod.reason,
              containers: pod.containers.map(({ log: _log, ...container }) => container)
            }))
          }))
        )
      );
      set("logs", capBytes(jobLogs(report), OUTPUT_CAP_BYTES));
      if (report.output !== void 0) {
        set("output", capBytes(JSON.stringify(report.output), OUTPUT_CAP_BYTES));
      }
    }
  };
}
function jobLogs(report) {
  const parts = [];
  for (const job of report.jobs) {
    for (const pod of job.pods) {
      for (const container of pod.containers) {
        if (container.log === void 0) continue;
        parts.push(`==> ${job.namespace}/${pod.name}/${container.name} <==
${container.log}`);
      }
    }
  }
  return parts.join("\n");
}
function capBytes(text, limit) {
  if (Buffer.byteLength(text) <= limit) return text;
  const marker = "\n[cut]";
  const budget = limit - Buffer.byteLength(marker);
  let cut = Buffer.from(text).subarray(0, budget).toString("utf8");
  cut = cut.replace(/\uFFFD$/, "");
  return `${cut}${marker}`;
}

// packages/action/src/pr-comment.ts
import { readFileSync as readFileSync2 } from "node:fs";
var COMMENT_LIMIT_CHARS = 65536;
function commentMarker(identity) {
  const clean = (text) => text.replace(/--+/g, "-").replace(/[<>]/g, "");
  return `<!-- eks-sfn-action: ${clean(identity.workflow)} / ${clean(identity.job)} -->`;
}
function pullRequestFromEvent(env) {
  const path = env.GITHUB_EVENT_PATH;
  const repository = env.GITHUB_REPOSITORY;
  if (!path || !repository?.includes("/")) return void 0;
  let event;
  try {
    event = JSON.parse(readFileSync2(path, "utf8"));
  } catch {
    return void 0;
  }
  const number = event.pull_request?.number ?? (event.issue?.pull_request !== void 0 ? event.issue?.number : void 0);
  if (typeof number !== "number") return void 0;
  const [owner = "", repo = ""] = repository.split("/");
  return { owner, repo, number };
}
function renderCommentBody(marker, markdown) {
  const body = `${marker}
${markdown}`;
  if (body.length <= COMMENT_LIMIT_CHARS) return body;
  const note = "\n\n\u2026(cut to fit a pull request comment; the job summary has everything)\n";
  return body.slice(0, COMMENT_LIMIT_CHARS - note.length) + note;
}
async function upsertPullRequestComment(request) {
  const { github, pullRequest, marker } = request;
  const body = renderCommentBody(marker, request.markdown);
  const params = {
    owner: pullRequest.owner,
    repo: pullRequest.repo,
    issue_number: pullRequest.number,
    per_page: 100
  };
  let existing;
  for await (const page of github.paginate.iterator(github.rest.issues.listComments, params)) {
    existing = page.data.find((comment) => comment.body?.startsWith(marker) === true);
    if (existing !== void 0) break;
  }
  if (existing !== void 0) {
    const { data: data2 } = await github.rest.issues.updateComment({
      owner: pullRequest.owner,
      repo: pullRequest.repo,
      comment_id: existing.id,
      body
    });
    return { action: "updated", id: data2.id, url: data2.html_url };
  }
  const { data } = await github.rest.issues.createComment({
    owner: pullRequest.owner,
    repo: pullRequest.repo,
    issue_number: pullRequest.number,
    body
  });
  return { action: "created", id: data.id, url: data.html_url };
}

// packages/action/src/progress-line.ts
function renderProgressLine(event, startedAt) {
  const at = startedAt === void 0 ? "" : `+${((event.at.getTime() - startedAt.getTime()) / 1e3).toFixed(1).padStart(5)}s `;
  switch (event.type) {
    case "execution-started":
      return `${at}\u25B6 execution started`;
    case "state-entered":
      return `${at}\u2192 ${event.state}`;
    case "state-exited":
      return `${at}\u2713 ${event.state}`;
    case "state-failed":
      return `${at}\u2717 ${event.state}: ${event.error}${event.cause ? ` (${oneLine(event.cause)})` : ""}`;
    case "state-retried":
      return `${at}\u21BB ${event.state} retried after ${event.error}`;
    case "state-caught":
      return `${at}\u21AA ${event.state} caught ${event.error}`;
    case "map-item":
      return `${at}  ${event.state}[${event.index}] ${event.status}`;
    case "job":
      return `${at}\u2638 Job ${event.namespace}/${event.job} ${event.phase}${event.reason ? ` (${event.reason})` : ""}`;
    case "execution-ended":
      return `${at}\u25A0 execution ${event.status}${event.error ? `: ${event.error}` : ""}`;
  }
}
function oneLine(text) {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > 300 ? `${flat.slice(0, 299)}\u2026` : flat;
}

// packages/action/src/main.ts
function runIdentity(env) {
  const id = env.GITHUB_RUN_ID ?? "local";
  return `${id}-${env.GITHUB_RUN_ATTEMPT ?? "1"}-${env.GITHUB_JOB ?? "job"}`;
}
async function runMain(deps) {
  const mask = new SecretMask((secret) => deps.io.setSecret(secret));
  mask.add(deps.io.env.AWS_SECRET_ACCESS_KEY);
  mask.add(deps.io.env.AWS_SESSION_TOKEN);
  mask.add(deps.io.getInput("github-token"));
  const io = maskedActionIo(deps.io, mask);
  let inGroup = false;
  const group = (name) => {
    if (inGroup) io.endGroup();
    io.startGroup(name);
    inGroup = true;
  };
  const endGroup = () => {
    if (inGroup) io.endGroup();
    inGroup = false;
  };
  try {
    const inputs = readActionInputs((name) => io.getInput(name), {
      workspace: io.env.GITHUB_WORKSPACE
    });
    io.info(`eks-sfn-action: ${describePlan(inputs)}`);
    const flow = await (deps.loadFlow ?? loadRunFlow)();
    const outputs = createOutputWriter(io);
    const logs = createLogStream(io);
    const run = new AbortController();
    let ledger;
    const cancel = installCancelHandler({
      io,
      run,
      signals: deps.signals,
      exit: deps.exit ?? ((code2) => process.exit(code2)),
      stopRun: (signal) => ledger === void 0 ? Promise.resolve([]) : flow.stopRun({ ledger, signal })
    });
    let startedAt;
    let result;
    try {
      result = await flow.run({
        inputs,
        mask,
        runId: runIdentity(io.env),
        signal: run.signal,
        observer: {
          phase: (name) => {
            logs.close();
            group(name);
          },
          facts: (facts) => outputs.facts(facts),
          ledger: (next) => {
            ledger = next;
            saveLedger(io, next);
          },
          progress: (event) => {
            if (event.type === "execution-started") startedAt = event.at;
            logs.close();
            endGroup();
            io.info(renderProgressLine(event, startedAt));
          },
          log: (chunk) => {
            endGroup();
            logs.write(chunk);
          },
          note: (line) => io.info(line)
        }
      });
    } finally {
      cancel.dispose();
      logs.close();
      endGroup();
    }
    const { report } = result;
    outputs.report(report);
    outputs.set("report-path", writeReport(io, report));
    const markdown = mask.apply(
      renderSummary({
        report,
        mermaid: result.mermaid,
        access: result.access,
        cleanup: result.cleanup
      })
    );
    await io.appendSummary(markdown);
    const annotation = renderFailureAnnotation(report);
    if (annotation !== void 0) io.error(annotation.message, { title: annotation.title });
    if (inputs.commentOnPr) await commentOnPullRequest(deps, io, inputs, markdown);
    if (result.cleanup !== void 0 && result.cleanup.every((step) => step.outcome !== "failed")) {
      io.saveState(CLEANED_UP_STATE, "true");
    }
    const code = result.exitCode ?? (annotation === void 0 ? 0 : 1);
    io.setExitCode(code);
    return code;
  } catch (error) {
    endGroup();
    io.error(describeFailure(error));
    io.setExitCode(1);
    return 1;
  }
}
function describeFailure(error) {
  if (error instanceof UserInputError) return error.message;
  if (error instanceof RunFlowMissingError) return `eks-sfn-action: ${error.message}.`;
  if (!(error instanceof Error)) return `eks-sfn-action failed: ${String(error)}`;
  const firstLine = error.message.split("\n")[0] ?? "";
  return `eks-sfn-action failed: ${error.name === "Error" ? "" : `${error.name}: `}${firstLine}`;
}
function describePlan(inputs) {
  const cluster = inputs.cluster.kind === "kubeconfig" ? `the kubeconfig ${inputs.cluster.path}` : inputs.cluster.kind === "create" ? `a temporary cluster ${inputs.cluster.name}` : inputs.cluster.target.kind === "tags" ? "the cluster tagged " + Object.entries(inputs.cluster.target.tags).map(([k, v]) => `${k}=${v}`).join(",") : `cluster ${inputs.cluster.target.name}`;
  const jobs = inputs.matrix ? `${inputs.jobs.length} Jobs` : inputs.jobs.length === 1 ? "a Job" : "no Job";
  return `${jobs} on ${cluster}, namespace ${inputs.namespace}, engine ${inputs.engine}, access ${inputs.accessStrategy}${inputs.dryRun ? ", dry run" : ""}.`;
}
function writeReport(io, report) {
  const dir = io.env.RUNNER_TEMP ?? tmpdir();
  const path = join(dir, `eks-sfn-report-${runIdentity(io.env)}.json`);
  writeFileSync(path, `${JSON.stringify(report, null, 2)}
`);
  return path;
}
async function commentOnPullRequest(deps, io, inputs, markdown) {
  const pullRequest = pullRequestFromEvent(io.env);
  if (pullRequest === void 0) {
    io.info("eks-sfn-action: comment-on-pr: this run is not for a pull request; no comment.");
    return;
  }
  if (inputs.githubToken === "") {
    io.warning(
      "github-token is empty, so the pull request comment was not posted. Leave `github-token` at its default (the workflow's token) and grant `pull-requests: write`."
    );
    return;
  }
  try {
    const github = await (deps.loadGitHub ?? loadGitHub)(inputs.githubToken);
    const done = await upsertPullRequestComment({
      github,
      pullRequest,
      marker: commentMarker({
        workflow: io.env.GITHUB_WORKFLOW ?? "workflow",
        job: io.env.GITHUB_JOB ?? "job"
      }),
      markdown
    });
    io.info(`eks-sfn-action: ${done.action} the pull request comment ${done.url}`);
  } catch (error) {
    io.warning(
      `The pull request comment was not posted: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}. Does the workflow grant \`pull-requests: write\`?`
    );
  }
}
async function loadGitHub(token) {
  const { getOctokit } = await import("./chunks/github-ZUDFWM2E.js");
  return getOctokit(token);
}

// packages/action/src/bin/main.ts
await runMain({ io: githubActionsIo() });
