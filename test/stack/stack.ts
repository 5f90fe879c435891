// Starts and stops the whole test stack: moto, ministack, the Kubernetes control
// plane with kwok, the STS bridge and aws-iam-authenticator, and (where the machine
// allows) a real node. Everything listens on 127.0.0.1 (the real node's kubelet on its
// private bridge), keeps its state in one temporary folder, and is stopped by PID.
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import {
  AUTHENTICATOR_HEALTH_PORT,
  prepareAuthenticator,
  startAuthenticator,
} from "./authenticator.ts";
import { ensureBinaries } from "./build.ts";
import { createCa, issueCertificate } from "./certs.ts";
import { startKube } from "./kube.ts";
import { startMinistack } from "./ministack.ts";
import { startMoto } from "./moto.ts";
import { REGION, STACK_DIR, TEST_CREDENTIALS } from "./paths.ts";
import {
  freePort,
  isAlive,
  type StartedProcess,
  startProcess,
  stopProcesses,
  waitUntil,
} from "./process.ts";
import { ensureVirtualenv } from "./python.ts";
import { type RealNodeState, startRealNode, stopRealNode } from "./real-node.ts";

/** Everything a test needs to reach the stack; plain JSON, written to `<stateDir>/stack.json`. */
export interface StackState {
  readonly stateDir: string;
  readonly stateFile: string;
  /** The Python virtualenv with moto, ministack and awscli (`<venv>/bin/aws`). */
  readonly venv: string;
  readonly region: string;
  readonly credentials: { readonly accessKeyId: string; readonly secretAccessKey: string };
  readonly moto: { readonly endpoint: string; readonly port: number };
  readonly ministack: { readonly endpoint: string };
  readonly kube: {
    readonly server: string;
    readonly caFile: string;
    readonly caKeyFile: string;
    /** base64 of the CA certificate, as EKS's certificateAuthority.data gives it. */
    readonly caData: string;
    readonly adminKubeconfig: string;
    readonly adminCertFile: string;
    readonly adminKeyFile: string;
  };
  readonly authenticator: { readonly clusterId: string; readonly log: string };
  readonly bridge: { readonly port: number; readonly log: string };
  /** The real node (kubelet + containerd), or one line saying why it does not run here. */
  readonly realNode: RealNodeState | { readonly unavailable: string };
  readonly processes: readonly StartedProcess[];
  readonly startupMs: number;
  /** Where the start-up time went: moto and ministack, the control plane, the authenticator chain, the real node. */
  readonly phasesMs: {
    readonly aws: number;
    readonly kube: number;
    readonly authenticator: number;
    readonly realNode: number;
  };
}

/** The running real node, or undefined when this stack has none. */
export function runningRealNode(state: StackState): RealNodeState | undefined {
  // A state file written before the real node existed has no `realNode`.
  const node = state.realNode as StackState["realNode"] | undefined;
  return node === undefined || "unavailable" in node ? undefined : node;
}

function log(message: string): void {
  process.stderr.write(`[stack] ${message}\n`);
}

export async function startStack(): Promise<StackState> {
  const venv = ensureVirtualenv();
  const binaries = ensureBinaries();
  const started = Date.now();
  const stateDir = mkdtempSync(join(tmpdir(), "eks-sfn-stack-"));
  const processes: StartedProcess[] = [];
  let realNode: StackState["realNode"] = { unavailable: "not started" };
  try {
    const [moto, ministack] = await Promise.all([
      startMoto({ venv, stateDir }),
      startMinistack({ venv, stateDir }),
    ]);
    processes.push(moto.process, ministack.process);
    const awsReady = Date.now();

    const ca = createCa(stateDir);
    const clusterId = "eks-sfn-test";
    const prepared = await prepareAuthenticator({ binaries, stateDir, clusterId });
    const kube = await startKube({
      binaries,
      stateDir,
      ca,
      tokenWebhookConfig: prepared.webhookKubeconfig,
    });
    processes.push(...kube.processes);
    const kubeReady = Date.now();

    const stsCert = issueCertificate({
      dir: stateDir,
      name: "sts",
      ca,
      commonName: `sts.${REGION}.amazonaws.com`,
      hosts: [`sts.${REGION}.amazonaws.com`, "sts.amazonaws.com"],
    });
    const bridgePort = await freePort();
    const bridge = startProcess({
      name: "sts-bridge",
      command: process.execPath,
      args: [
        join(STACK_DIR, "sts-bridge.ts"),
        String(bridgePort),
        moto.endpoint,
        stsCert.cert,
        stsCert.key,
        String(AUTHENTICATOR_HEALTH_PORT),
      ],
      log: join(stateDir, "sts-bridge.log"),
    });
    processes.push(bridge);
    await waitUntil(
      "sts bridge",
      async () => readFileSync(bridge.log, "utf8").includes("sts bridge on"),
      { timeoutMs: 10_000, process: bridge },
    );
    processes.push(
      await startAuthenticator({
        binaries,
        prepared,
        stateDir,
        adminKubeconfig: kube.adminKubeconfig,
        motoEndpoint: moto.endpoint,
        bridgePort,
        caFile: ca.cert,
        region: REGION,
      }),
    );

    const authenticatorReady = Date.now();

    if ("unavailable" in binaries.realNode) {
      realNode = binaries.realNode;
      log(`real node: off: ${realNode.unavailable}; every pod runs on kwok's fake node`);
    } else {
      realNode = await startRealNode({
        parts: binaries.realNode,
        stateDir,
        admin: kube.admin,
        ca,
      });
    }

    const stateFile = join(stateDir, "stack.json");
    const state: StackState = {
      stateDir,
      stateFile,
      venv,
      region: REGION,
      credentials: TEST_CREDENTIALS,
      moto: { endpoint: moto.endpoint, port: moto.port },
      ministack: { endpoint: ministack.endpoint },
      kube: {
        server: kube.server,
        caFile: kube.caFile,
        caKeyFile: kube.caKeyFile,
        caData: readFileSync(kube.caFile).toString("base64"),
        adminKubeconfig: kube.adminKubeconfig,
        adminCertFile: kube.admin.cert,
        adminKeyFile: kube.admin.key,
      },
      authenticator: { clusterId, log: join(stateDir, "aws-iam-authenticator.log") },
      bridge: { port: bridgePort, log: bridge.log },
      realNode,
      processes: [...processes, ...("processes" in realNode ? realNode.processes : [])],
      startupMs: Date.now() - started,
      phasesMs: {
        aws: awsReady - started,
        kube: kubeReady - awsReady,
        authenticator: authenticatorReady - kubeReady,
        realNode: Date.now() - authenticatorReady,
      },
    };
    writeFileSync(stateFile, `${JSON.stringify(state, null, 2)}\n`);
    const seconds = (ms: number): string => (ms / 1000).toFixed(1);
    log(
      `ready in ${seconds(state.startupMs)} s: moto and ministack ${seconds(state.phasesMs.aws)} s, control plane and kwok ${seconds(state.phasesMs.kube)} s, STS bridge and aws-iam-authenticator ${seconds(state.phasesMs.authenticator)} s, real node ${"unavailable" in realNode ? "off" : `${seconds(state.phasesMs.realNode)} s`} (state in ${stateDir})`,
    );
    return state;
  } catch (error) {
    await stopProcesses(processes);
    if ("processes" in realNode) await stopRealNode(realNode);
    log(`start failed; logs kept in ${stateDir}`);
    throw error;
  }
}

/**
 * Stops every process and removes the state folder. With `keepLogsIn`, the servers'
 * logs are copied there first (a failed run keeps them for the person who reads it).
 */
export async function stopStack(
  state: StackState,
  options: { keepLogsIn?: string } = {},
): Promise<void> {
  await stopProcesses(state.processes);
  const realNode = runningRealNode(state);
  if (realNode) await stopRealNode(realNode);
  if (options.keepLogsIn) {
    mkdirSync(options.keepLogsIn, { recursive: true });
    for (const p of state.processes) {
      try {
        copyFileSync(p.log, join(options.keepLogsIn, basename(p.log)));
      } catch {
        // a process that never wrote a log
      }
    }
    log(`server logs kept in ${options.keepLogsIn}`);
  }
  rmSync(state.stateDir, { recursive: true, force: true });
}

/**
 * The stack recorded in `file` when all its processes run; with `evenIfPartlyDead`,
 * also one where some died (so `stack:down` stops the rest and undoes the real node).
 */
export function readStackState(
  file: string,
  options: { evenIfPartlyDead?: boolean } = {},
): StackState | undefined {
  try {
    const state = JSON.parse(readFileSync(file, "utf8")) as StackState;
    if (options.evenIfPartlyDead) return state;
    return state.processes.every((p) => isAlive(p.pid)) ? state : undefined;
  } catch {
    return undefined;
  }
}

/** Resident memory of every stack process, in bytes (from /proc). */
export function stackMemory(state: StackState): {
  total: number;
  byProcess: Record<string, number>;
} {
  const byProcess: Record<string, number> = {};
  let total = 0;
  for (const p of state.processes) {
    try {
      const status = readFileSync(`/proc/${p.pid}/status`, "utf8");
      const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
      byProcess[p.name] = kb * 1024;
      total += kb * 1024;
    } catch {
      byProcess[p.name] = 0;
    }
  }
  return { total, byProcess };
}
