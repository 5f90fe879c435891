// Reads aws-auth's YAML text into the JSON value EKS sees. aws-iam-authenticator turns
// each list into JSON with k8s.io/apimachinery's utilyaml.ToJSON: text starting with "{"
// is taken as JSON as it is; anything else goes through sigs.k8s.io/yaml, which parses
// YAML 1.1 with go-yaml v2 (so `on`, `no`, `y`, `0b101`, `0x1F`, `017` are not strings)
// and writes the result with encoding/json (object keys sorted, NaN and infinities
// refused). This file imitates exactly that, so both sides read one text the same way.
import {
  type Alias,
  type Document,
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  parseAllDocuments,
  Scalar,
} from "yaml";

/** A value as encoding/json would decode it into `interface{}`; objects keep their key order. */
export type GoJson = null | boolean | number | string | GoJson[] | { [key: string]: GoJson };

export type GoJsonResult = { ok: true; value: GoJson } | { ok: false; error: string };

/** The parse options every aws-auth reading and editing uses. */
export const AWS_AUTH_YAML_OPTIONS = {
  schema: "failsafe",
  version: "1.1",
  uniqueKeys: false,
  merge: false,
  prettyErrors: false,
  keepSourceTokens: true,
  intAsBigInt: false,
} as const;

const UNICODE_SPACE = /^[\s\u0085]*/u;

/**
 * `utilyaml.ToJSON` of apimachinery, then `json.Marshal` and back: the JSON value that
 * aws-iam-authenticator unmarshals. An error is what the authenticator logs before it
 * drops the whole list.
 */
export function awsAuthYamlToJson(text: string): GoJsonResult {
  if (text.replace(UNICODE_SPACE, "").startsWith("{")) {
    try {
      return { ok: true, value: JSON.parse(text) as GoJson };
    } catch (error) {
      return { ok: false, error: (error as Error).message };
    }
  }
  const doc = parseAllDocuments(text, AWS_AUTH_YAML_OPTIONS)[0];
  if (doc === undefined || !("contents" in doc)) return { ok: true, value: null };
  const error = doc.errors[0];
  if (error !== undefined) return { ok: false, error: error.message.split("\n", 1)[0] ?? "" };
  try {
    return { ok: true, value: toGoJson(doc.contents, doc, 0) };
  } catch (error) {
    if (error instanceof GoYamlError) return { ok: false, error: error.message };
    throw error;
  }
}

class GoYamlError extends Error {}

const MAX_DEPTH = 200;

function toGoJson(node: unknown, doc: Document, depth: number): GoJson {
  if (depth > MAX_DEPTH) throw new GoYamlError("document nested too deeply");
  if (node === null || node === undefined) return null;
  if (isAlias(node)) {
    return toGoJson((node as Alias).resolve(doc as Document.Parsed), doc, depth + 1);
  }
  if (isScalar(node)) return scalarToGoJson(node);
  if (isSeq(node)) {
    return node.items.map((item) =>
      isPair(item) ? pairsToObject([item], doc, depth + 1) : toGoJson(item, doc, depth + 1),
    );
  }
  if (isMap(node)) return pairsToObject(node.items, doc, depth + 1);
  throw new GoYamlError("unsupported YAML node");
}

// go-yaml v2 fills a map in document order, later keys replacing earlier ones, and a
// `<<` merge key copies the merged mapping(s) in at its place; encoding/json then sorts
// the keys.
function pairsToObject(pairs: readonly unknown[], doc: Document, depth: number): GoJson {
  const out = new Map<string, GoJson>();
  for (const pair of pairs) {
    if (!isPair(pair)) continue;
    const keyNode = pair.key;
    if (isScalar(keyNode) && keyNode.type === "PLAIN" && keyNode.value === "<<" && !keyNode.tag) {
      mergeInto(out, pair.value, doc, depth);
      continue;
    }
    out.set(goJsonKey(toGoJson(keyNode, doc, depth + 1)), toGoJson(pair.value, doc, depth + 1));
  }
  const sorted: { [key: string]: GoJson } = {};
  for (const key of [...out.keys()].sort(compareBytes)) sorted[key] = out.get(key) ?? null;
  return sorted;
}

function mergeInto(out: Map<string, GoJson>, value: unknown, doc: Document, depth: number): void {
  const target = isAlias(value) ? (value as Alias).resolve(doc as Document.Parsed) : value;
  const sources = isSeq(target) ? [...target.items].reverse() : [target];
  for (const source of sources) {
    const resolved = isAlias(source) ? (source as Alias).resolve(doc as Document.Parsed) : source;
    if (!isMap(resolved)) throw new GoYamlError("map merge requires map or sequence of maps");
    const merged = pairsToObject(resolved.items, doc, depth + 1) as { [key: string]: GoJson };
    for (const [key, item] of Object.entries(merged)) out.set(key, item);
  }
}

function goJsonKey(key: GoJson): string {
  if (typeof key === "string") return key;
  if (typeof key === "number") return String(key);
  if (typeof key === "boolean") return String(key);
  throw new GoYamlError("unsupported map key");
}

function compareBytes(a: string, b: string): number {
  const left = Buffer.from(a, "utf8");
  const right = Buffer.from(b, "utf8");
  return Buffer.compare(left, right);
}

const STR_TAG = "tag:yaml.org,2002:str";

function scalarToGoJson(node: Scalar): GoJson {
  const text = String(node.value ?? "");
  const tag = node.tag;
  // Quoted and block scalars are strings; so is anything tagged !!str or with a tag
  // go-yaml cannot resolve.
  if (tag === STR_TAG || tag === "tag:yaml.org,2002:binary") return text;
  if (tag !== undefined && !RESOLVABLE_TAGS.has(tag)) return text;
  if (tag === undefined && node.type !== Scalar.PLAIN) return text;
  const resolved = resolvePlain(text);
  if (typeof resolved === "number" && !Number.isFinite(resolved)) {
    throw new GoYamlError(`json: unsupported value: ${resolved}`);
  }
  return resolved;
}

const RESOLVABLE_TAGS = new Set(
  ["bool", "int", "float", "null", "timestamp"].map((t) => `tag:yaml.org,2002:${t}`),
);

const BOOLEANS: Record<string, boolean> = Object.fromEntries([
  ...["y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON"].map(
    (s) => [s, true] as const,
  ),
  ...["n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF"].map(
    (s) => [s, false] as const,
  ),
]);
const NULLS = new Set(["", "~", "null", "Null", "NULL"]);
const SPECIAL_FLOATS: Record<string, number> = {
  ".nan": Number.NaN,
  ".NaN": Number.NaN,
  ".NAN": Number.NaN,
  ".inf": Number.POSITIVE_INFINITY,
  ".Inf": Number.POSITIVE_INFINITY,
  ".INF": Number.POSITIVE_INFINITY,
  "+.inf": Number.POSITIVE_INFINITY,
  "+.Inf": Number.POSITIVE_INFINITY,
  "+.INF": Number.POSITIVE_INFINITY,
  "-.inf": Number.NEGATIVE_INFINITY,
  "-.Inf": Number.NEGATIVE_INFINITY,
  "-.INF": Number.NEGATIVE_INFINITY,
};
const YAML_STYLE_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;

/** go-yaml v2's `resolve` for an untagged plain scalar, as the value JSON would carry. */
export function resolvePlain(text: string): GoJson {
  if (text in BOOLEANS) return BOOLEANS[text] ?? null;
  if (NULLS.has(text)) return null;
  if (text in SPECIAL_FLOATS) return SPECIAL_FLOATS[text] ?? null;
  const first = text[0] ?? "";
  if (first === ".") {
    const value = parseGoFloat(text);
    return value === undefined ? text : value;
  }
  if (!/^[-+0-9]$/.test(first)) return text;
  // A timestamp stays a string when decoded into interface{} (go-yaml v2's rule).
  const plain = text.replaceAll("_", "");
  const int = parseGoInt(plain);
  if (int !== undefined) return int;
  if (YAML_STYLE_FLOAT.test(plain)) {
    const value = parseGoFloat(plain);
    if (value !== undefined) return value;
  }
  // go-yaml's own "0b"/"-0b" fallbacks parse with a 64-bit limit too, so every binary
  // they accept was read above (ParseInt with base 0 reads 0b); a longer one stays text.
  return text;
}

const INT_64_MAX = 2n ** 64n - 1n;

// strconv.ParseInt/ParseUint with base 0: a sign, then 0x, 0o, 0b, a leading 0 (octal)
// or decimal digits; underscores were removed before.
function parseGoInt(text: string): number | undefined {
  const match = /^([-+]?)(0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)$/.exec(
    text,
  );
  if (match === null) return undefined;
  const [, sign, digits = ""] = match;
  let value: bigint;
  if (/^0[oO]/.test(digits)) value = BigInt(`0o${digits.slice(2)}`);
  else if (/^0[0-7]+$/.test(digits)) value = BigInt(`0o${digits.slice(1)}`);
  else value = BigInt(digits);
  if (sign === "-") value = -value;
  if (value < -(2n ** 63n) || value > INT_64_MAX) return undefined;
  return Number(value);
}

function parseGoFloat(text: string): number | undefined {
  if (!/^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/.test(text)) return undefined;
  // strconv.ParseFloat reports a value out of range as an error; go-yaml then keeps the text.
  const value = Number(text);
  return Number.isFinite(value) ? value : undefined;
}
