// ministack: the local AWS emulator that has EKS access entries (moto has none).
import { join } from "node:path";
import { freePort, type StartedProcess, startProcess, waitUntil } from "./process.ts";

export interface Ministack {
  readonly endpoint: string;
  readonly process: StartedProcess;
}

export async function startMinistack(options: {
  venv: string;
  stateDir: string;
}): Promise<Ministack> {
  const port = await freePort();
  const endpoint = `http://127.0.0.1:${port}`;
  const started = startProcess({
    name: "ministack",
    command: join(options.venv, "bin", "ministack"),
    args: [],
    log: join(options.stateDir, "ministack.log"),
    cwd: options.stateDir,
    // Its default bind address is 0.0.0.0, and its IoT MQTT listener binds 0.0.0.0:8883:
    // keep the one on loopback and switch the other off.
    env: {
      ...process.env,
      GATEWAY_PORT: String(port),
      BIND_HOST: "127.0.0.1",
      IOT_MTLS_ENABLED: "0",
    },
  });
  await waitUntil(
    "ministack",
    async () => {
      const response = await fetch(`${endpoint}/`);
      return response.status < 500;
    },
    { timeoutMs: 60_000, process: started },
  );
  return { endpoint, process: started };
}
