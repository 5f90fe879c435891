// The kube-system/aws-auth ConfigMap as EKS reads it, and edits that touch only what
// they must. The reading imitates aws-iam-authenticator's EKSConfigMap mapper
// (pkg/mapper/configmap ParseMap and MapStore, pkg/config RoleMapping/UserMapping at
// v0.7.13): YAML 1.1, keys matched case-insensitively as encoding/json does, `''`, `""`
// and two backticks read as no data, ARNs compared without regard to case, and the last
// entry for a role is the one in effect. Edits splice text into the list as it is
// written, so every entry this package did not add keeps its exact bytes, and a grant
// followed by a revoke gives back the original data.
import { type Document, isAlias, isScalar, isSeq, parseAllDocuments } from "yaml";
import { AWS_AUTH_YAML_OPTIONS, awsAuthYamlToJson, type GoJson } from "./aws-auth-yaml.ts";
import {
  parseKubernetesGroup,
  parseKubernetesUsername,
  parseRoleArn,
  type RoleArn,
  refuseIdentityTemplate,
} from "./names.ts";
import { UserInputError } from "./user-input-error.ts";

/** aws-iam-authenticator's match for AWS SSO roles, instead of a rolearn. */
export interface SsoMatcher {
  permissionSetName: string;
  accountID: string;
  partition?: string;
}

/**
 * One `mapRoles` entry as the authenticator decodes it. `rolearn` is "" for an SSO entry.
 * A missing username or groups reads as "" and [] there, and as absent here.
 */
export interface RoleMapping {
  rolearn: string;
  username?: string;
  groups?: string[];
  sso?: SsoMatcher;
}

/** One `mapUsers` entry; this package never changes them, only carries them through. */
export interface UserMapping {
  userarn: string;
  username?: string;
  groups?: string[];
}

export type MapKey = "mapRoles" | "mapUsers" | "mapAccounts";

/** A problem the authenticator logs while reading; the entry or list it names is not used. */
export interface AwsAuthProblem {
  readonly key: MapKey;
  readonly message: string;
}

export interface AwsAuth {
  /** Every usable entry, in order. Several may name one role: the last is in effect. */
  readonly mapRoles: readonly RoleMapping[];
  readonly mapUsers: readonly UserMapping[];
  readonly mapAccounts: readonly string[];
  readonly problems: readonly AwsAuthProblem[];
  /** The ConfigMap data this was read from; edits change only the text they must. */
  readonly source: Readonly<Record<string, string>>;
}

export const AWS_AUTH_NAME = "aws-auth";
export const AWS_AUTH_NAMESPACE = "kube-system";

/**
 * Reads `data` of kube-system/aws-auth as aws-iam-authenticator's `ParseMap` does;
 * `undefined` (no ConfigMap, or no data) is empty. Never throws: what the authenticator
 * would log is in `problems`, and what it would drop is left out of the lists.
 */
export function parseAwsAuth(data: Readonly<Record<string, string>> | undefined): AwsAuth {
  const source = { ...data };
  const problems: AwsAuthProblem[] = [];
  const roles = readMappings("mapRoles", source.mapRoles, problems).flatMap((item) =>
    item.mapping ? [item.mapping as RoleMapping] : [],
  );
  const users = readMappings("mapUsers", source.mapUsers, problems).flatMap((item) =>
    item.mapping ? [item.mapping as UserMapping] : [],
  );
  return {
    mapRoles: roles,
    mapUsers: users,
    mapAccounts: readAccounts(source.mapAccounts, problems),
    problems,
    source,
  };
}

/** The data to write back: edits have already been spliced into the text. */
export function renderAwsAuthData(awsAuth: AwsAuth): Record<string, string> {
  return { ...awsAuth.source };
}

/** One identity as the authenticator's MapStore holds it, under its map key. */
export interface MappedIdentity {
  readonly key: string;
  readonly arn: string;
  readonly username: string;
  readonly groups: readonly string[];
}

export interface AwsAuthIdentities {
  /** Keyed by the lower-cased role ARN (or the SSO pattern); a later entry replaces an earlier. */
  readonly roles: ReadonlyMap<string, MappedIdentity>;
  /** Keyed by the user ARN as written (the authenticator does not lower-case it). */
  readonly users: ReadonlyMap<string, MappedIdentity>;
  readonly accounts: ReadonlySet<string>;
  /** True when the authenticator would log parse errors for this data. */
  readonly failed: boolean;
}

/** What EKS maps, entry by entry folded into its MapStore (`saveMap`): last entry wins. */
export function awsAuthIdentities(awsAuth: AwsAuth): AwsAuthIdentities {
  const roles = new Map<string, MappedIdentity>();
  for (const role of awsAuth.mapRoles) {
    const key = roleKey(role);
    roles.set(key, {
      key,
      arn: role.rolearn,
      username: role.username ?? "",
      groups: role.groups ?? [],
    });
  }
  const users = new Map<string, MappedIdentity>();
  for (const user of awsAuth.mapUsers) {
    users.set(user.userarn, {
      key: user.userarn,
      arn: user.userarn,
      username: user.username ?? "",
      groups: user.groups ?? [],
    });
  }
  return {
    roles,
    users,
    accounts: new Set(awsAuth.mapAccounts),
    failed: awsAuth.problems.length > 0,
  };
}

// RoleMapping.Key(): the lower-cased ARN, or for SSO the lower-cased pattern (with the
// authenticator's quirk: a partition that is given is left out of the pattern).
function roleKey(role: RoleMapping): string {
  if (role.rolearn !== "" || role.sso === undefined) return role.rolearn.toLowerCase();
  const partition = role.sso.partition ? "" : "aws";
  return `arn:${partition}:iam::${role.sso.accountID}:role/AWSReservedSSO_${role.sso.permissionSetName}_*`.toLowerCase();
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

/**
 * What mapRoles held before an entry was added to a list with no entries, so that
 * removing that entry again writes back exactly this: `text` undefined means the key
 * was absent.
 */
export interface EmptyListBefore {
  text?: string | undefined;
}

export type AwsAuthChange =
  | (ChangeBase & { kind: "added"; entry: RoleMapping; emptyBefore?: EmptyListBefore | undefined })
  | (ChangeBase & { kind: "unchanged"; entry: RoleMapping })
  | (ChangeBase & { kind: "conflict"; existing: RoleMapping; requested: RoleMapping });

/**
 * Maps a role in `mapRoles` by appending one entry to the list as it is written; no
 * other byte of the data changes. When the role is already mapped (by the last entry
 * for it, the one EKS uses), nothing is written: "unchanged" if that entry has the same
 * username and groups, otherwise "conflict" with that entry.
 *
 * @throws UserInputError when the request is not a role ARN, a usable username or groups,
 *   or when mapRoles is written so that an entry cannot be added safely (not a YAML list).
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
  const existing = findRoleMapping(awsAuth, role);
  if (existing !== undefined) {
    if (sameMapping(existing, requested)) {
      return { awsAuth, change: { ...base, kind: "unchanged", entry: existing } };
    }
    return { awsAuth, change: { ...base, kind: "conflict", existing, requested } };
  }
  const before = awsAuth.source.mapRoles;
  const list = layoutOf(before);
  const text = appendEntry(list, requested);
  const next = withMapRoles(awsAuth, text);
  checkEdit(awsAuth, next, [...awsAuth.mapRoles, requested]);
  const emptyBefore: EmptyListBefore | undefined =
    list.kind === "empty" ? { text: before } : undefined;
  return {
    awsAuth: next,
    change: { ...base, kind: "added", entry: requested, ...(emptyBefore ? { emptyBefore } : {}) },
  };
}

/**
 * Removes one entry equal to `entry` (the same role ARN in any case, username and groups
 * in any order): the last one, when there are several, since an added entry goes at the
 * end. Every other entry, identical ones included, stays. When the list is left with no
 * entries and `emptyBefore` says what it held before, that text is written back.
 *
 * @throws Error for a node group entry: removing it takes nodes out of the cluster.
 */
export function removeRoleMapping(
  awsAuth: AwsAuth,
  entry: Pick<RoleMapping, "rolearn" | "username" | "groups">,
  options: { emptyBefore?: EmptyListBefore | undefined } = {},
): { awsAuth: AwsAuth; removed: boolean } {
  if (isNodeMapping(entry)) {
    throw new Error(`refusing to remove the node group mapping of ${entry.rolearn} from aws-auth`);
  }
  const text = awsAuth.source.mapRoles;
  const items = readMappings("mapRoles", text, []);
  const index = items.findLastIndex(
    (item) => item.mapping !== undefined && sameMapping(item.mapping as RoleMapping, entry),
  );
  if (index < 0) return { awsAuth, removed: false };
  const list = layoutOf(text);
  const remaining = awsAuth.mapRoles.filter((_, i) => i !== usableIndex(items, index));
  let nextText: string | undefined;
  if (remaining.length === 0 && items.length === 1 && options.emptyBefore !== undefined) {
    nextText = options.emptyBefore.text;
  } else {
    nextText = removeItem(list, index);
  }
  const next = withMapRoles(awsAuth, nextText);
  checkEdit(awsAuth, next, remaining);
  return { awsAuth: next, removed: true };
}

function usableIndex(items: readonly ReadItem[], index: number): number {
  return items.slice(0, index).filter((item) => item.mapping !== undefined).length;
}

/**
 * The mapping EKS applies to a role, if any: the last entry whose rolearn equals the
 * role's pathless ARN without regard to case (`RoleMapping.Matches`, `MapStore` keys).
 */
export function findRoleMapping(
  awsAuth: AwsAuth,
  roleArn: string | RoleArn,
): RoleMapping | undefined {
  const role = typeof roleArn === "string" ? parseRoleArn("roleArn", roleArn) : roleArn;
  return awsAuth.mapRoles.findLast((entry) => sameArn(entry.rolearn, role.arnWithoutPath));
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

function parseMappedUsername(value: string): string {
  const username = parseKubernetesUsername("username", value);
  refuseIdentityTemplate("username", username);
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
    refuseIdentityTemplate(`groups[${index}]`, group);
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

// strings.EqualFold, as RoleMapping.Matches compares ARNs.
function sameArn(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

function sameMapping(
  a: Pick<RoleMapping, "rolearn" | "username" | "groups" | "sso">,
  b: Pick<RoleMapping, "rolearn" | "username" | "groups" | "sso">,
): boolean {
  return (
    a.sso === undefined &&
    b.sso === undefined &&
    sameArn(a.rolearn, b.rolearn) &&
    (a.username ?? "") === (b.username ?? "") &&
    sameGroups(a.groups, b.groups)
  );
}

// No groups key and an empty list mean the same: no groups.
function sameGroups(a: readonly string[] | undefined, b: readonly string[] | undefined): boolean {
  const left = new Set(a);
  const right = new Set(b);
  return left.size === right.size && [...left].every((group) => right.has(group));
}

// --- Reading, as ParseMap does -------------------------------------------------------------

/** `isSkippable` of the configmap package: these values are "no data", not an error. */
export function isSkippable(text: string): boolean {
  const trimmed = text.trim();
  return trimmed === "" || trimmed === "``" || trimmed === '""' || trimmed === "''";
}

interface ReadItem {
  /** The decoded entry when the authenticator keeps it (it passes `Validate`). */
  mapping?: RoleMapping | UserMapping;
}

type FieldKind = "string" | "strings" | "sso";
const ROLE_FIELDS: Record<string, FieldKind> = {
  rolearn: "string",
  sso: "sso",
  username: "string",
  groups: "strings",
  userid: "string",
};
const USER_FIELDS: Record<string, FieldKind> = {
  userarn: "string",
  username: "string",
  groups: "strings",
  userid: "string",
};
const SSO_FIELDS: Record<string, FieldKind> = {
  permissionSetName: "string",
  accountID: "string",
  partition: "string",
};
const PARTITION_IDS = [
  "aws",
  "aws-cn",
  "aws-us-gov",
  "aws-iso",
  "aws-iso-b",
  "aws-iso-e",
  "aws-iso-f",
  "aws-eusc",
];

function readMappings(
  key: "mapRoles" | "mapUsers",
  text: string | undefined,
  problems: AwsAuthProblem[],
): ReadItem[] {
  if (text === undefined || isSkippable(text)) return [];
  const json = awsAuthYamlToJson(text);
  if (!json.ok) {
    problems.push({ key, message: json.error });
    return [];
  }
  if (json.value === null) return [];
  if (!Array.isArray(json.value)) {
    problems.push({ key, message: `cannot unmarshal ${jsonKind(json.value)} into a list` });
    return [];
  }
  const fields = key === "mapRoles" ? ROLE_FIELDS : USER_FIELDS;
  return json.value.map((value, index) => {
    const report = (message: string) =>
      problems.push({ key, message: `item ${index + 1}: ${message}` });
    const decoded = decodeStruct(value, fields, report);
    const mapping =
      key === "mapRoles" ? validateRole(decoded, report) : validateUser(decoded, report);
    return mapping ? { mapping } : {};
  });
}

interface Decoded {
  [field: string]: string | string[] | Decoded | undefined;
}

// encoding/json into a struct: each key, in order, sets the field it names exactly or
// without regard to case; null leaves a string as it was; a value of the wrong type is
// an error and leaves the field as it was.
function decodeStruct(
  value: GoJson,
  fields: Record<string, FieldKind>,
  report: (message: string) => void,
): Decoded {
  const out: Decoded = {};
  if (value === null) return out;
  if (typeof value !== "object" || Array.isArray(value)) {
    report(`cannot unmarshal ${jsonKind(value)} into a mapping`);
    return out;
  }
  for (const [key, item] of Object.entries(value)) {
    const field =
      key in fields ? key : Object.keys(fields).find((name) => foldName(name) === foldName(key));
    if (field === undefined) continue;
    const kind = fields[field];
    if (kind === "string") {
      if (typeof item === "string") out[field] = item;
      else if (item !== null) report(`cannot unmarshal ${jsonKind(item)} into ${field} (a string)`);
    } else if (kind === "strings") {
      if (item === null) delete out[field];
      else if (Array.isArray(item)) {
        out[field] = item.map((element) => {
          if (typeof element === "string") return element;
          if (element !== null) report(`cannot unmarshal ${jsonKind(element)} into ${field}`);
          return "";
        });
      } else report(`cannot unmarshal ${jsonKind(item)} into ${field} (a list of strings)`);
    } else if (item === null) delete out[field];
    else if (typeof item === "object" && !Array.isArray(item)) {
      out[field] = decodeStruct(item, SSO_FIELDS, report);
    } else report(`cannot unmarshal ${jsonKind(item)} into ${field}`);
  }
  return out;
}

function foldName(name: string): string {
  return name.toUpperCase().toLowerCase();
}

function validateRole(decoded: Decoded, report: (m: string) => void): RoleMapping | undefined {
  const rolearn = typeof decoded.rolearn === "string" ? decoded.rolearn : "";
  const sso = decoded.sso as Decoded | undefined;
  if (rolearn === "" && sso === undefined) {
    report("one of rolearn or SSO must be supplied");
    return undefined;
  }
  if (rolearn !== "" && sso !== undefined) {
    report("only one of rolearn or SSO can be supplied");
    return undefined;
  }
  let matcher: SsoMatcher | undefined;
  if (sso !== undefined) {
    const accountID = typeof sso.accountID === "string" ? sso.accountID : "";
    const permissionSetName =
      typeof sso.permissionSetName === "string" ? sso.permissionSetName : "";
    const partition = typeof sso.partition === "string" ? sso.partition : "";
    if (!/^[0-9]{12}$/.test(accountID)) {
      report(`AccountID '${accountID}' is not a valid AWS Account ID`);
      return undefined;
    }
    if (!/^[\w+=,.@-]{1,32}$/.test(permissionSetName)) {
      report(`PermissionSetName '${permissionSetName}' is not a valid AWS SSO PermissionSet Name`);
      return undefined;
    }
    if (partition !== "" && !PARTITION_IDS.includes(partition)) {
      report(`partition '${partition}' is not a valid AWS partition`);
      return undefined;
    }
    matcher = { permissionSetName, accountID, ...(partition ? { partition } : {}) };
  }
  return {
    rolearn,
    ...identityFields(decoded),
    ...(matcher ? { sso: matcher } : {}),
  };
}

function validateUser(decoded: Decoded, report: (m: string) => void): UserMapping | undefined {
  const userarn = typeof decoded.userarn === "string" ? decoded.userarn : "";
  if (userarn === "") {
    report("value for userarn must be supplied");
    return undefined;
  }
  return { userarn, ...identityFields(decoded) };
}

function identityFields(decoded: Decoded): { username?: string; groups?: string[] } {
  return {
    ...(typeof decoded.username === "string" && decoded.username !== ""
      ? { username: decoded.username }
      : {}),
    ...(Array.isArray(decoded.groups) && decoded.groups.length > 0
      ? { groups: decoded.groups }
      : {}),
  };
}

function jsonKind(value: GoJson): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  return typeof value === "object" ? "object" : typeof value;
}

// mapAccounts is read with go-yaml v2 straight into []string: a scalar is its text as
// written (so "012345678901" and `on` stay as they are), null is "", and anything else
// is an error that leaves "" in its place.
function readAccounts(text: string | undefined, problems: AwsAuthProblem[]): string[] {
  if (text === undefined || isSkippable(text)) return [];
  const doc = parseAllDocuments(text, AWS_AUTH_YAML_OPTIONS)[0];
  if (doc === undefined || !("contents" in doc)) return [];
  const error = doc.errors[0];
  if (error !== undefined) {
    problems.push({ key: "mapAccounts", message: error.message.split("\n", 1)[0] ?? "" });
    return [];
  }
  const root = resolveAlias(doc.contents, doc);
  if (root === null || (isScalar(root) && isNullScalar(root))) return [];
  if (!isSeq(root)) {
    problems.push({ key: "mapAccounts", message: "cannot unmarshal into a list of account ids" });
    return [];
  }
  return root.items.map((item, index) => {
    const node = resolveAlias(item, doc);
    if (node === null || (isScalar(node) && isNullScalar(node))) return "";
    if (isScalar(node)) return String(node.value);
    problems.push({ key: "mapAccounts", message: `item ${index + 1} is not an account id` });
    return "";
  });
}

function resolveAlias(node: unknown, doc: Document): unknown {
  let current = node;
  for (let depth = 0; depth < 100 && isAlias(current); depth++) {
    current = current.resolve(doc as Document.Parsed);
  }
  return current ?? null;
}

function isNullScalar(node: { type?: string; value: unknown; tag?: string | undefined }): boolean {
  return (
    node.type === "PLAIN" &&
    node.tag === undefined &&
    ["", "~", "null", "Null", "NULL"].includes(String(node.value ?? ""))
  );
}

// --- Editing the text -------------------------------------------------------------------------

type ListLayout =
  | { kind: "empty" }
  | {
      kind: "block";
      text: string;
      eol: string;
      items: { start: number; end: number }[];
      dashColumn: number;
      contentOffset: number;
    }
  | { kind: "flow"; text: string; open: number; items: { start: number; end: number }[] };

function editRefused(problem: string): UserInputError {
  return new UserInputError(
    "aws-auth data.mapRoles",
    `${problem}, so an entry cannot be added or removed without rewriting it`,
    "kube-system/aws-auth was not changed. Repair data.mapRoles by hand (kubectl edit configmap aws-auth -n kube-system), then run again.",
  );
}

function layoutOf(text: string | undefined): ListLayout {
  if (text === undefined || isSkippable(text)) return { kind: "empty" };
  if (text.replace(/^\s*/u, "").startsWith("{")) {
    throw editRefused("it is a JSON object, not a list");
  }
  const docs = parseAllDocuments(text, AWS_AUTH_YAML_OPTIONS);
  if (!Array.isArray(docs) || docs.length > 1) throw editRefused("it holds several YAML documents");
  const doc = docs[0];
  if (doc === undefined) return { kind: "empty" };
  const error = doc.errors[0];
  if (error !== undefined) {
    throw editRefused(`it is not valid YAML (${error.message.split("\n", 1)[0] ?? ""})`);
  }
  const root = doc.contents;
  if (root === null || (isScalar(root) && isNullScalar(root))) return { kind: "empty" };
  if (!isSeq(root)) throw editRefused("it is not a YAML list");
  const token = root.srcToken;
  const items: { start: number; end: number }[] = [];
  for (const node of root.items) {
    const range = (node as { range?: [number, number, number] } | null)?.range;
    if (range === undefined) throw editRefused("an item is not a plain list entry");
    items.push({ start: range[0], end: range[1] });
  }
  if (token?.type === "flow-collection") {
    return { kind: "flow", text, open: token.start.offset, items };
  }
  if (token?.type !== "block-seq") throw editRefused("it is not a YAML list");
  const dashes = token.items.map(
    (item) => item.start.find((t) => t.type === "seq-item-ind")?.offset ?? -1,
  );
  if (dashes.some((offset) => offset < 0)) throw editRefused("an item has no '-'");
  const eol = text.includes("\r\n") ? "\r\n" : "\n";
  const firstDash = dashes[0] ?? 0;
  const firstStart = items[0]?.start ?? firstDash + 2;
  const contentOffset =
    firstStart > firstDash && !text.slice(firstDash + 1, firstStart).includes("\n")
      ? firstStart - firstDash
      : 2;
  return {
    kind: "block",
    text,
    eol,
    items: items.map((item, i) => ({
      start: lineStartOf(text, dashes[i] ?? item.start),
      end: lineEndOf(text, item.end),
    })),
    dashColumn: firstDash - lineStartOf(text, firstDash),
    contentOffset,
  };
}

// The start of the line of `offset` when only spaces precede it there, else `offset`.
function lineStartOf(text: string, offset: number): number {
  let start = offset;
  while (start > 0 && (text[start - 1] === " " || text[start - 1] === "\t")) start--;
  return start === 0 || text[start - 1] === "\n" ? start : offset;
}

// Just after the end of the line on which an item's value ends.
function lineEndOf(text: string, offset: number): number {
  if (offset > 0 && text[offset - 1] === "\n") return offset;
  const newline = text.indexOf("\n", offset);
  return newline < 0 ? text.length : newline + 1;
}

function appendEntry(list: ListLayout, entry: RoleMapping): string {
  if (list.kind === "empty") return renderBlockEntry(entry, 0, 2, "\n");
  if (list.kind === "flow") {
    const json = JSON.stringify({
      rolearn: entry.rolearn,
      username: entry.username,
      groups: entry.groups ?? [],
    });
    const last = list.items.at(-1);
    if (last === undefined) return splice(list.text, list.open + 1, list.open + 1, json);
    const second = list.items[1];
    const first = list.items[0];
    const separator =
      first && second
        ? list.text.slice(first.end, second.start)
        : /[:,] /.test(list.text)
          ? ", "
          : ",";
    return splice(list.text, last.end, last.end, `${separator}${json}`);
  }
  const entryText = renderBlockEntry(entry, list.dashColumn, list.contentOffset, list.eol);
  const at = list.items.at(-1)?.end ?? list.text.length;
  if (at === list.text.length && !list.text.endsWith("\n")) {
    return `${list.text}${list.eol}${entryText.slice(0, -list.eol.length)}`;
  }
  return splice(list.text, at, at, entryText);
}

function removeItem(list: ListLayout, index: number): string {
  if (list.kind === "empty") throw new Error("no item to remove");
  const item = list.items[index];
  if (item === undefined) throw new Error("no item to remove");
  if (list.kind === "flow") {
    const previous = list.items[index - 1];
    const next = list.items[index + 1];
    if (next !== undefined) return splice(list.text, item.start, next.start, "");
    if (previous !== undefined) return splice(list.text, previous.end, item.end, "");
    return splice(list.text, item.start, item.end, "");
  }
  let start = item.start;
  if (item.end === list.text.length && !list.text.endsWith("\n") && start > 0) {
    start -= list.text.slice(0, start).endsWith("\r\n") ? 2 : 1;
  }
  return splice(list.text, start, item.end, "");
}

function splice(text: string, start: number, end: number, insert: string): string {
  return `${text.slice(0, start)}${insert}${text.slice(end)}`;
}

function renderBlockEntry(
  entry: RoleMapping,
  dashColumn: number,
  contentOffset: number,
  eol: string,
): string {
  const pad = " ".repeat(dashColumn);
  const inner = pad + " ".repeat(Math.max(contentOffset, 2));
  const first = `${pad}-${" ".repeat(Math.max(contentOffset, 2) - 1)}`;
  const groups = entry.groups ?? [];
  const lines = [
    `${first}rolearn: ${yamlString(entry.rolearn)}`,
    `${inner}username: ${yamlString(entry.username ?? "")}`,
    groups.length === 0 ? `${inner}groups: []` : `${inner}groups:`,
    ...groups.map((group) => `${inner}  - ${yamlString(group)}`),
  ];
  return lines.map((line) => `${line}${eol}`).join("");
}

// Plain when YAML 1.1 (go-yaml) and this package read the text back as the same string;
// double-quoted (JSON escapes are valid YAML) otherwise.
function yamlString(value: string): string {
  const plain =
    /^[A-Za-z0-9_./@=+-][A-Za-z0-9_./@=+:{}-]*$/.test(value) && !/[:{}]\s|:$/.test(value);
  if (plain) {
    const read = awsAuthYamlToJson(`- ${value}\n`);
    if (read.ok && Array.isArray(read.value) && read.value[0] === value) return value;
  }
  return JSON.stringify(value);
}

function withMapRoles(awsAuth: AwsAuth, text: string | undefined): AwsAuth {
  const data = { ...awsAuth.source };
  if (text === undefined) delete data.mapRoles;
  else data.mapRoles = text;
  return parseAwsAuth(data);
}

// A safety net: an edit must read back as exactly the intended list, and must not make
// the authenticator log a problem it did not log before.
function checkEdit(before: AwsAuth, after: AwsAuth, expected: readonly RoleMapping[]): void {
  const same =
    after.mapRoles.length === expected.length &&
    after.mapRoles.every((entry, i) => {
      const want = expected[i];
      return want !== undefined && normalized(entry) === normalized(want);
    }) &&
    after.problems.filter((p) => p.key === "mapRoles").length <=
      before.problems.filter((p) => p.key === "mapRoles").length;
  if (!same) {
    throw new Error(
      "aws-auth: an edit of mapRoles did not read back as intended; nothing was written",
    );
  }
}

function normalized(entry: RoleMapping): string {
  return JSON.stringify([
    entry.rolearn,
    entry.username ?? "",
    [...(entry.groups ?? [])].sort(),
    entry.sso ?? null,
  ]);
}
