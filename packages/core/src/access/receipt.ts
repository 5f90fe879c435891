// The record of every change a grant makes, written before each change is made
// (write-ahead) and marked done after, so that revoke removes exactly what this run
// added, and nothing else, even when the run died between two steps.
import type { EmptyListBefore, RoleMapping } from "@eks-sfn/rbac";

export type GrantStrategy = "access-entry" | "aws-auth" | "none";

export interface KubeObjectRef {
  readonly apiVersion: string;
  readonly kind: "Role" | "RoleBinding";
  readonly namespace: string;
  readonly name: string;
}

/** One change, as data. `previous` is what a replaced object looked like, to put back. */
export type GrantChange =
  | { readonly kind: "aws-auth-configmap-created" }
  | {
      readonly kind: "aws-auth-mapping-added";
      readonly entry: RoleMapping;
      /** Set when mapRoles held no entry before: what revoke writes back once it is empty again. */
      readonly emptyBefore?: EmptyListBefore | undefined;
    }
  | {
      readonly kind: "access-entry-created";
      readonly clusterName: string;
      readonly principalArn: string;
    }
  | {
      readonly kind: "access-policy-associated";
      readonly clusterName: string;
      readonly principalArn: string;
      readonly policyArn: string;
    }
  | { readonly kind: "kube-object-created"; readonly object: KubeObjectRef }
  | {
      readonly kind: "kube-object-replaced";
      readonly object: KubeObjectRef;
      readonly previous: Readonly<Record<string, unknown>>;
    };

export interface ReceiptEntry {
  readonly id: number;
  /** "intended" until the change is known to be made; revoke undoes both, tolerating absence. */
  readonly state: "intended" | "done";
  readonly change: GrantChange;
}

export interface GrantReceipt {
  readonly version: 1;
  readonly clusterName: string;
  readonly roleArn: string;
  readonly namespace: string;
  readonly strategy: GrantStrategy;
  readonly startedAt: string;
  readonly entries: readonly ReceiptEntry[];
}

/** Where a receipt goes each time it changes: a file, the action's state, memory. */
export type ReceiptWriter = (receipt: GrantReceipt) => void | Promise<void>;

export interface ReceiptRecorder {
  /** Records a change about to be made; returns its id for `done`. */
  intend(change: GrantChange): Promise<number>;
  done(id: number): Promise<void>;
  /** Drops a change that is known not to have been made (the server refused it). */
  abandon(id: number): Promise<void>;
  current(): GrantReceipt;
}

export function createReceiptRecorder(
  start: Omit<GrantReceipt, "version" | "entries">,
  write: ReceiptWriter,
): ReceiptRecorder {
  let receipt: GrantReceipt = { version: 1, ...start, entries: [] };
  const save = async (next: GrantReceipt): Promise<void> => {
    receipt = next;
    await write(receipt);
  };
  return {
    async intend(change) {
      const id = (receipt.entries.at(-1)?.id ?? 0) + 1;
      await save({ ...receipt, entries: [...receipt.entries, { id, state: "intended", change }] });
      return id;
    },
    async done(id) {
      await save({
        ...receipt,
        entries: receipt.entries.map((e) => (e.id === id ? { ...e, state: "done" } : e)),
      });
    },
    async abandon(id) {
      await save({ ...receipt, entries: receipt.entries.filter((e) => e.id !== id) });
    },
    current: () => receipt,
  };
}

/** Parses a receipt read back from storage; a wrong shape is an error, never a guess. */
export function parseReceipt(text: string): GrantReceipt {
  const value = JSON.parse(text) as Partial<GrantReceipt>;
  if (
    value.version !== 1 ||
    typeof value.clusterName !== "string" ||
    typeof value.roleArn !== "string" ||
    typeof value.namespace !== "string" ||
    !Array.isArray(value.entries)
  ) {
    throw new Error("not an eks-sfn grant receipt (version 1)");
  }
  return value as GrantReceipt;
}
