// Everything one run created, written before each step is taken (the GrantReceipt's
// write-ahead pattern, widened), so that cleanUp(ledger) undoes exactly what this run
// made, also after a crash or a cancel at any step.
import type { GrantReceipt } from "../access/receipt.ts";
import type { EngineName } from "../engine/engine.ts";

export interface RunLedger {
  readonly version: 1;
  /** The run's identity (GitHub run id/attempt/job, or a CLI run id). */
  readonly runId: string;
  readonly region?: string | undefined;
  readonly clusterName?: string | undefined;
  readonly grant?: GrantReceipt | undefined;
  readonly stateMachine?: { readonly arn: string; readonly created: boolean } | undefined;
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
