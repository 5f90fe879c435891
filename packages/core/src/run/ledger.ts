// Everything one run created, written before each step is taken (the GrantReceipt's
// write-ahead pattern, widened), so that cleanUp(ledger) undoes exactly what this run
// made, also after a crash or a cancel at any step.
import { renameSync, writeFileSync } from "node:fs";
import { z } from "zod";
import type { GrantReceipt } from "../access/receipt.ts";
import type { EngineName } from "../engine/engine.ts";

export interface RunLedger {
  readonly version: 1;
  /** The run's identity (GitHub run id/attempt/job, or a CLI run id). */
  readonly runId: string;
  readonly region?: string | undefined;
  readonly clusterName?: string | undefined;
  readonly grant?: GrantReceipt | undefined;
  readonly stateMachine?:
    | {
        readonly arn: string;
        readonly created: boolean;
        /**
         * The version the run published and started on (engine/aws.ts), recorded before
         * StartExecution; cleanUp deletes it (DeleteStateMachineVersion).
         */
        readonly versionArn?: string | undefined;
      }
    | undefined;
  readonly execution?: { readonly id: string; readonly engine: EngineName } | undefined;
  readonly jobs: readonly {
    readonly namespace: string;
    readonly name: string;
    readonly uid?: string | undefined;
  }[];
  readonly temporaryCluster?:
    | { readonly name: string; readonly region: string; readonly nodegroup?: string | undefined }
    | undefined;
}

/** Where a ledger goes each time it changes: a file (CLI), the action's state, memory. */
export type LedgerWriter = (ledger: RunLedger) => void | Promise<void>;

/**
 * Keeps the run's ledger and writes it out before each step, so that whatever a step
 * is about to create is on disk before the request is sent. Every `record*` resolves
 * once the writer has finished; cleanUp tolerates things recorded but never made.
 */
export interface LedgerRecorder {
  recordGrant(grant: GrantReceipt): Promise<void>;
  recordStateMachine(stateMachine: NonNullable<RunLedger["stateMachine"]>): Promise<void>;
  recordExecution(execution: NonNullable<RunLedger["execution"]>): Promise<void>;
  /** Adds a Job, or sets the uid of one already recorded under that namespace and name. */
  recordJob(job: RunLedger["jobs"][number]): Promise<void>;
  recordTemporaryCluster(cluster: NonNullable<RunLedger["temporaryCluster"]>): Promise<void>;
  current(): RunLedger;
}

export function createLedgerRecorder(
  start: Omit<RunLedger, "version" | "jobs">,
  write: LedgerWriter,
): LedgerRecorder {
  let ledger: RunLedger = { version: 1, ...start, jobs: [] };
  // Writes go one after another so the last state written is always the newest.
  let queue: Promise<void> = Promise.resolve();
  const save = (next: RunLedger): Promise<void> => {
    ledger = next;
    const written = queue.then(() => write(next));
    queue = written.catch(() => {});
    return written;
  };
  return {
    recordGrant: (grant) => save({ ...ledger, grant }),
    recordStateMachine: (stateMachine) => save({ ...ledger, stateMachine }),
    recordExecution: (execution) => save({ ...ledger, execution }),
    recordJob(job) {
      const known = ledger.jobs.some((j) => j.namespace === job.namespace && j.name === job.name);
      const jobs = known
        ? ledger.jobs.map((j) =>
            j.namespace === job.namespace && j.name === job.name ? { ...j, ...job } : j,
          )
        : [...ledger.jobs, job];
      return save({ ...ledger, jobs });
    },
    recordTemporaryCluster: (temporaryCluster) => save({ ...ledger, temporaryCluster }),
    current: () => ledger,
  };
}

/**
 * Writes each ledger to `path` whole: to a temporary file beside it, then renamed over
 * it, so a crash mid-write leaves the previous ledger, never half of one.
 */
export function fileLedgerWriter(path: string): LedgerWriter {
  return (ledger) => {
    const temporary = `${path}.${process.pid}.tmp`;
    writeFileSync(temporary, `${JSON.stringify(ledger, null, 2)}\n`);
    renameSync(temporary, path);
  };
}

const ledgerSchema = z.object({
  version: z.literal(1),
  runId: z.string().min(1),
  region: z.string().optional(),
  clusterName: z.string().optional(),
  grant: z.looseObject({ version: z.literal(1), entries: z.array(z.unknown()) }).optional(),
  stateMachine: z
    .object({ arn: z.string(), created: z.boolean(), versionArn: z.string().optional() })
    .optional(),
  execution: z.object({ id: z.string(), engine: z.enum(["aws", "local"]) }).optional(),
  jobs: z.array(z.object({ namespace: z.string(), name: z.string(), uid: z.string().optional() })),
  temporaryCluster: z
    .object({ name: z.string(), region: z.string(), nodegroup: z.string().optional() })
    .optional(),
});

/**
 * Reads a ledger back (a file `eks-sfn cleanup --ledger` was given, the action's state).
 * @throws Error naming the first field that is not as a ledger writes it.
 */
export function parseLedger(text: string): RunLedger {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new Error("not JSON");
  }
  const result = ledgerSchema.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new Error(
      `not an eks-sfn run ledger (version 1): ${issue?.path.join(".") || "the document"}: ${issue?.message ?? "invalid"}`,
    );
  }
  return value as RunLedger;
}
