// The kube-system/aws-auth ConfigMap as data: parse it, add or remove one role mapping
// without touching any other entry (node group mappings above all), and write it back.
import { isMap, isSeq, LineCounter, type Node, parseDocument, stringify } from "yaml";
import {
  parseKubernetesGroup,
  parseKubernetesUsername,
  parseRoleArn,
  type RoleArn,
} from "./names.ts";
import { UserInputError } from "./user-input-error.ts";

/**
 * One `mapRoles` entry. Entries written by hand or by other tools may lack `username` or
 * `groups` and may carry keys this package does not know; those are kept as they are.
 */
export interface RoleMapping {
  rolearn: string;
  username?: string;
  groups?: string[];
  [key: string]: unknown;
}

/** One `mapUsers` entry; this package never changes them, only carries them through. */
export interface UserMapping {
  userarn: string;
  username?: string;
  groups?: string[];
  [key: string]: unknown;
}

export interface AwsAuth {
  mapRoles: RoleMapping[];
  mapUsers: UserMapping[];
  mapAccounts: string[];
  /**
   * The ConfigMap data this was parsed from. A key whose list did not change is written
   * back exactly as it was (comments and formatting included), and keys other than the
   * three lists are carried through.
   */
  readonly source: Readonly<Record<string, string>>;
}

type MapKey = "mapRoles" | "mapUsers" | "mapAccounts";
const MAP_KEYS: readonly MapKey[] = ["mapRoles", "mapUsers", "mapAccounts"];

export const AWS_AUTH_NAME = "aws-auth";
export const AWS_AUTH_NAMESPACE = "kube-system";

/** Parses `data` of kube-system/aws-auth; `undefined` (no ConfigMap, or no data) is empty. */
export function parseAwsAuth(data: Readonly<Record<string, string>> | undefined): AwsAuth {
  const source = { ...data };
  return {
    mapRoles: parseMapRoles(source.mapRoles),
    mapUsers: parseMapUsers(source.mapUsers),
    mapAccounts: parseMapAccounts(source.mapAccounts),
    source,
  };
}

/** Writes `data` back: YAML lists, deterministic, unchanged keys byte for byte as they were. */
export function renderAwsAuthData(awsAuth: AwsAuth): Record<string, string> {
  const data: Record<string, string> = { ...awsAuth.source };
  for (const key of MAP_KEYS) {
    const list: unknown[] = awsAuth[key];
    const original = awsAuth.source[key];
    if (original !== undefined && sameValue(PARSERS[key](original), list)) {
      data[key] = original;
    } else if (original !== undefined || list.length > 0) {
      data[key] = renderYamlList(list);
    }
  }
  return data;
}

export interface AwsAuthConfigMap {
  apiVersion: "v1";
  kind: "ConfigMap";
  metadata: { name: typeof AWS_AUTH_NAME; namespace: typeof AWS_AUTH_NAMESPACE };
  data: Record<string, string>;
}

/**
 * The whole ConfigMap, for when it must be created (a bare cluster has none until a
 * managed node group or Fargate profile makes one). No labels: EKS edits it too.
 */
export function renderAwsAuthConfigMap(data: Readonly<Record<string, string>>): AwsAuthConfigMap {
  return {
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: { name: AWS_AUTH_NAME, namespace: AWS_AUTH_NAMESPACE },
    data: { ...data },
  };
}

export interface RoleMappingRequest {
  /** The role's ARN, with or without its path; a parsed ARN is not checked again. */
  roleArn: string | RoleArn;
  username: string;
  groups: readonly string[];
}

interface ChangeBase {
  /** The ARN as it was asked for, path included. */
  requestedRoleArn: string;
  /** True when the ARN had a path, which aws-auth cannot match and so was left out. */
  pathStripped: boolean;
}

export type AwsAuthChange =
  | (ChangeBase & { kind: "added"; entry: RoleMapping })
  | (ChangeBase & { kind: "unchanged"; entry: RoleMapping })
  | (ChangeBase & { kind: "conflict"; existing: RoleMapping; requested: RoleMapping });

/**
 * Maps a role in `mapRoles`. The entry is appended; no other entry moves or changes. When
 * the role is already mapped, nothing is written: "unchanged" if it has the same username
 * and groups, otherwise "conflict" with the entry that is there.
 */
export function addRoleMapping(
  awsAuth: AwsAuth,
  request: RoleMappingRequest,
): { awsAuth: AwsAuth; change: AwsAuthChange } {
  const role =
    typeof request.roleArn === "string"
      ? parseRoleArn("roleArn", request.roleArn)
      : request.roleArn;
  const requested: RoleMapping = {
    rolearn: role.arnWithoutPath,
    username: parseMappedUsername(request.username),
    groups: parseMappedGroups(request.groups),
  };
  const base: ChangeBase = { requestedRoleArn: role.arn, pathStripped: role.path !== "/" };
  const existing = awsAuth.mapRoles.find((entry) => sameRole(entry.rolearn, requested.rolearn));
  if (existing === undefined) {
    return {
      awsAuth: { ...awsAuth, mapRoles: [...awsAuth.mapRoles, requested] },
      change: { ...base, kind: "added", entry: requested },
    };
  }
  if (existing.username === requested.username && sameGroups(existing.groups, requested.groups)) {
    return { awsAuth, change: { ...base, kind: "unchanged", entry: existing } };
  }
  return { awsAuth, change: { ...base, kind: "conflict", existing, requested } };
}

/**
 * Removes the entries equal to `entry`: the same rolearn, username and groups (in any
 * order). Other entries for the same role stay. Node group entries are never removed.
 */
export function removeRoleMapping(
  awsAuth: AwsAuth,
  entry: Pick<RoleMapping, "rolearn" | "username" | "groups">,
): { awsAuth: AwsAuth; removed: boolean } {
  if (isNodeMapping(entry)) {
    throw new Error(`refusing to remove the node group mapping of ${entry.rolearn} from aws-auth`);
  }
  const kept = awsAuth.mapRoles.filter(
    (candidate) =>
      !(
        candidate.rolearn === entry.rolearn &&
        candidate.username === entry.username &&
        sameGroups(candidate.groups, entry.groups)
      ),
  );
  if (kept.length === awsAuth.mapRoles.length) {
    return { awsAuth, removed: false };
  }
  return { awsAuth: { ...awsAuth, mapRoles: kept }, removed: true };
}

/** The mapping aws-auth applies to a role, if any: the first entry for its pathless ARN. */
export function findRoleMapping(
  awsAuth: AwsAuth,
  roleArn: string | RoleArn,
): RoleMapping | undefined {
  const role = typeof roleArn === "string" ? parseRoleArn("roleArn", roleArn) : roleArn;
  return awsAuth.mapRoles.find((entry) => sameRole(entry.rolearn, role.arnWithoutPath));
}

/** True for the entries that let nodes join: removing one takes nodes out of the cluster. */
export function isNodeMapping(entry: Pick<RoleMapping, "username" | "groups">): boolean {
  return (
    (entry.username?.startsWith("system:node:") ?? false) ||
    (entry.groups ?? []).some((group) => NODE_GROUPS.includes(group))
  );
}

const NODE_GROUPS: readonly string[] = [
  "system:bootstrappers",
  "system:nodes",
  "system:node-proxier",
];

/** One human line about what `addRoleMapping` did. */
export function describeAwsAuthChange(change: AwsAuthChange): string {
  const stripped = change.pathStripped
    ? ` (ARN written without its path, as aws-auth requires; asked for ${change.requestedRoleArn})`
    : "";
  switch (change.kind) {
    case "added":
      return `aws-auth: mapped ${change.entry.rolearn} to ${describeGrant(change.entry)}${stripped}.`;
    case "unchanged":
      return `aws-auth: ${change.entry.rolearn} is already mapped to ${describeGrant(change.entry)}; nothing changed${stripped}.`;
    case "conflict":
      return `aws-auth: ${change.existing.rolearn} is already mapped to ${describeGrant(change.existing)}, not ${describeGrant(change.requested)}; left it unchanged${stripped}.`;
  }
}

function describeGrant(entry: RoleMapping): string {
  const user = entry.username === undefined ? "no username" : `username "${entry.username}"`;
  const groups = entry.groups ?? [];
  return `${user} with ${groups.length === 0 ? "no groups" : `groups [${groups.join(", ")}]`}`;
}

function parseMappedUsername(value: string): string {
  const username = parseKubernetesUsername("username", value);
  if (username.startsWith("system:node:")) {
    throw new UserInputError(
      "username",
      `${JSON.stringify(username)} is the identity of a node, not of a workflow`,
      'Use a username like "eks-sfn".',
    );
  }
  return username;
}

function parseMappedGroups(values: readonly string[]): string[] {
  const groups: string[] = [];
  values.forEach((value, index) => {
    const group = parseKubernetesGroup(`groups[${index}]`, value);
    if (NODE_GROUPS.includes(group)) {
      throw new UserInputError(
        `groups[${index}]`,
        `"${group}" is a node group; a workflow's role must not join it`,
        'Use a group bound to the job-runner Role, such as "eks-sfn-job-runners", or none.',
      );
    }
    if (!groups.includes(group)) {
      groups.push(group);
    }
  });
  return groups;
}

// aws-iam-authenticator looks role ARNs up without regard to case.
function sameRole(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

// No groups key and an empty list mean the same: no groups.
function sameGroups(a: readonly string[] | undefined, b: readonly string[] | undefined): boolean {
  const left = new Set(a);
  const right = new Set(b);
  return left.size === right.size && [...left].every((group) => right.has(group));
}

// --- Reading the YAML lists ---------------------------------------------------------------

const PARSERS: Record<MapKey, (text: string | undefined) => unknown[]> = {
  mapRoles: (text) => parseMapRoles(text),
  mapUsers: (text) => parseMapUsers(text),
  mapAccounts: (text) => parseMapAccounts(text),
};

function parseMapRoles(text: string | undefined): RoleMapping[] {
  return parseYamlList("mapRoles", text, "core").map(
    (item) => toMapping(item, "rolearn") as RoleMapping,
  );
}

function parseMapUsers(text: string | undefined): UserMapping[] {
  return parseYamlList("mapUsers", text, "core").map(
    (item) => toMapping(item, "userarn") as UserMapping,
  );
}

// Account ids are read as strings whatever they look like: as YAML integers, ids with a
// leading zero would lose it.
function parseMapAccounts(text: string | undefined): string[] {
  return parseYamlList("mapAccounts", text, "failsafe").map((item) => {
    if (typeof item.value !== "string") {
      throw malformed(
        item.key,
        item.line,
        `item ${item.index + 1} must be an account id, not ${describeValue(item.value)}`,
      );
    }
    return item.value;
  });
}

interface ListItem {
  key: MapKey;
  index: number;
  value: unknown;
  node: unknown;
  line: number;
  lineOf: (node: unknown) => number;
}

function parseYamlList(
  key: MapKey,
  text: string | undefined,
  schema: "core" | "failsafe",
): ListItem[] {
  if (text === undefined) {
    return [];
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, schema, uniqueKeys: true });
  const lineOf = (node: unknown): number => {
    const range = (node as Partial<Node> | null | undefined)?.range;
    return range ? lineCounter.linePos(range[0]).line : 1;
  };
  const error = doc.errors[0];
  if (error !== undefined) {
    throw malformed(key, lineCounter.linePos(error.pos[0]).line, firstLine(error.message));
  }
  if (doc.contents === null) {
    return [];
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    // Only an alias expanding past maxAliasCount gets here.
    throw malformed(key, lineOf(doc.contents), firstLine(String((error as Error).message)));
  }
  if (value === null) {
    return [];
  }
  if (!isSeq(doc.contents) || !Array.isArray(value)) {
    throw malformed(key, lineOf(doc.contents), `must be a YAML list, not ${describeValue(value)}`);
  }
  const nodes = doc.contents.items;
  return value.map((item: unknown, index) => ({
    key,
    index,
    value: item,
    node: nodes[index],
    line: lineOf(nodes[index]),
    lineOf,
  }));
}

function toMapping(item: ListItem, arnKey: "rolearn" | "userarn"): Record<string, unknown> {
  const { key, index, value, node } = item;
  if (!isPlainObject(value)) {
    throw malformed(
      key,
      item.line,
      `item ${index + 1} must be a mapping with ${arnKey}, username and groups, not ${describeValue(value)}`,
    );
  }
  const fieldLine = (field: string) =>
    isMap(node) ? item.lineOf(node.get(field, true)) : item.line;
  const entry: Record<string, unknown> = { ...value };
  if (typeof entry[arnKey] !== "string") {
    const problem =
      entry[arnKey] === undefined
        ? `has no ${arnKey}`
        : `${arnKey} must be a string, not ${describeValue(entry[arnKey])}`;
    throw malformed(
      key,
      entry[arnKey] === undefined ? item.line : fieldLine(arnKey),
      `item ${index + 1} ${problem}`,
    );
  }
  // An empty `username:` or `groups:` means the same to aws-iam-authenticator as none.
  if (entry.username === null) {
    delete entry.username;
  }
  if (entry.username !== undefined && typeof entry.username !== "string") {
    throw malformed(
      key,
      fieldLine("username"),
      `item ${index + 1}: username must be a string, not ${describeValue(entry.username)}`,
    );
  }
  if (entry.groups === null) {
    delete entry.groups;
  }
  if (
    entry.groups !== undefined &&
    !(Array.isArray(entry.groups) && entry.groups.every((group) => typeof group === "string"))
  ) {
    throw malformed(
      key,
      fieldLine("groups"),
      `item ${index + 1}: groups must be a list of strings, not ${describeValue(entry.groups)}`,
    );
  }
  return entry;
}

function malformed(key: MapKey, line: number, problem: string): UserInputError {
  return new UserInputError(
    `aws-auth data.${key}`,
    `line ${line}: ${problem.replace(/\.$/, "")}`,
    `kube-system/aws-auth was not changed. Repair data.${key} by hand (kubectl edit configmap aws-auth -n kube-system), then run again.`,
  );
}

function firstLine(message: string): string {
  return message.split("\n", 1)[0] ?? message;
}

function describeValue(value: unknown): string {
  if (value === null) {
    return "null";
  }
  if (Array.isArray(value)) {
    return "a list";
  }
  if (typeof value === "object") {
    return "a mapping";
  }
  return `the ${typeof value} ${JSON.stringify(value)}`;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

// --- Writing them back --------------------------------------------------------------------

function renderYamlList(list: readonly unknown[]): string {
  return stringify(list, { lineWidth: 0, aliasDuplicateObjects: false });
}

/** Deep equality of the plain values YAML parses into; key order does not matter. */
function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) {
    return true;
  }
  if (Array.isArray(a) || Array.isArray(b)) {
    return (
      Array.isArray(a) &&
      Array.isArray(b) &&
      a.length === b.length &&
      a.every((item, index) => sameValue(item, b[index]))
    );
  }
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = Object.keys(a).filter((k) => a[k] !== undefined);
    const otherKeys = Object.keys(b).filter((k) => b[k] !== undefined);
    return (
      keys.length === otherKeys.length &&
      keys.every((k) => Object.hasOwn(b, k) && sameValue(a[k], b[k]))
    );
  }
  return false;
}
