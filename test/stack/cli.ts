// `npm run stack:build|stack:up|stack:down`, and `node test/stack/cli.ts run -- <cmd>`,
// which runs a command with a stack (reusing one that stack:up started) and stops
// what it started afterwards.
import { spawnSync } from "node:child_process";
import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ensureAwsAuthReader, ensureBinaries } from "./build.ts";
import { CACHE_DIR, CURRENT_STACK_FILE } from "./paths.ts";
import { ensureVirtualenv } from "./python.ts";
import { cleanUpStaleRealNodes } from "./real-node.ts";
import { realNodeUnavailable } from "./real-node-support.ts";
import { readStackState, type StackState, stackMemory, startStack, stopStack } from "./stack.ts";

function exports(state: StackState): string {
  return [
    `export STACK_STATE=${state.stateFile}`,
    `export KUBECONFIG=${state.kube.adminKubeconfig}`,
    `export AWS_ENDPOINT_URL=${state.moto.endpoint}`,
    `export AWS_REGION=${state.region}`,
    `export AWS_ACCESS_KEY_ID=${state.credentials.accessKeyId}`,
    `export AWS_SECRET_ACCESS_KEY=${state.credentials.secretAccessKey}`,
    `export MOTO_PORT=${state.moto.port}`,
  ].join("\n");
}

function memoryLine(state: StackState): string {
  const memory = stackMemory(state);
  const parts = Object.entries(memory.byProcess).map(
    ([name, bytes]) => `${name} ${(bytes / 2 ** 20).toFixed(0)}`,
  );
  return `resident memory ${(memory.total / 2 ** 20).toFixed(0)} MiB (${parts.join(", ")})`;
}

const [command, ...rest] = process.argv.slice(2);
switch (command) {
  case "build": {
    ensureVirtualenv();
    const binaries = ensureBinaries();
    // The differential aws-auth test's reader (aws-iam-authenticator's own parser).
    ensureAwsAuthReader();
    console.error(
      "unavailable" in binaries.realNode
        ? `[stack] binaries and virtualenv are ready; real node: off: ${binaries.realNode.unavailable}`
        : "[stack] binaries, virtualenv and the real node's images are ready",
    );
    break;
  }
  case "up": {
    const state = readStackState(CURRENT_STACK_FILE) ?? (await startStack());
    writeFileSync(CURRENT_STACK_FILE, `${JSON.stringify(state, null, 2)}\n`);
    console.error(`[stack] up in ${(state.startupMs / 1000).toFixed(1)} s; ${memoryLine(state)}`);
    console.log(exports(state));
    break;
  }
  case "down": {
    const state = readStackState(CURRENT_STACK_FILE, { evenIfPartlyDead: true });
    if (state) await stopStack(state);
    // A real node left by a crashed run (its stack file gone or its processes dead).
    if (!realNodeUnavailable()) cleanUpStaleRealNodes();
    rmSync(CURRENT_STACK_FILE, { force: true });
    console.error(state ? "[stack] stopped" : "[stack] no stack was running");
    break;
  }
  case "run": {
    const args = rest[0] === "--" ? rest.slice(1) : rest;
    const [program, ...programArgs] = args;
    if (!program) {
      console.error("usage: cli.ts run -- <command> [args...]");
      process.exit(2);
    }
    const existing = readStackState(CURRENT_STACK_FILE);
    const state = existing ?? (await startStack());
    if (!existing) console.error(`[stack] ${memoryLine(state)}`);
    let status = 1;
    try {
      const result = spawnSync(program, programArgs, {
        stdio: "inherit",
        env: { ...process.env, STACK_STATE: state.stateFile },
      });
      status = result.status ?? 1;
    } finally {
      if (!existing) {
        const keepLogsIn =
          status === 0
            ? undefined
            : join(CACHE_DIR, "stack-logs", new Date().toISOString().replace(/[:.]/g, "-"));
        await stopStack(state, keepLogsIn ? { keepLogsIn } : {});
      }
    }
    process.exit(status);
    break;
  }
  default:
    console.error("usage: cli.ts build | up | down | run -- <command>");
    process.exit(2);
}
