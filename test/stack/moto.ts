// moto in server mode, on loopback, with Step Functions executions switched on
// before anything is created (switching later drops the machines made earlier).
import { join } from "node:path";
import { freePort, type StartedProcess, startProcess, waitUntil } from "./process.ts";

export interface MotoServer {
  readonly endpoint: string;
  readonly port: number;
  readonly process: StartedProcess;
}

export async function startMoto(options: { venv: string; stateDir: string }): Promise<MotoServer> {
  const port = await freePort();
  const endpoint = `http://127.0.0.1:${port}`;
  const started = startProcess({
    name: "moto",
    command: join(options.venv, "bin", "moto_server"),
    args: ["-H", "127.0.0.1", "-p", String(port)],
    log: join(options.stateDir, "moto.log"),
    // moto's Step Functions tasks call back into moto through localhost:$MOTO_PORT.
    env: { ...process.env, MOTO_PORT: String(port) },
  });
  await waitUntil("moto", async () => (await fetch(`${endpoint}/moto-api/`)).ok, {
    timeoutMs: 60_000,
    process: started,
  });
  const config = await fetch(`${endpoint}/moto-api/config`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ stepfunctions: { execute_state_machine: true } }),
  });
  if (!config.ok) throw new Error(`moto config: ${config.status} ${await config.text()}`);
  return { endpoint, port, process: started };
}

/** Clears moto's data (not its config): each test file starts from an empty account. */
export async function resetMoto(endpoint: string): Promise<void> {
  const response = await fetch(`${endpoint}/moto-api/reset`, { method: "POST" });
  if (!response.ok) throw new Error(`moto reset: ${response.status}`);
}
