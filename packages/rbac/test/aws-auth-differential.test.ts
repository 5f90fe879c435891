// The project's reading of aws-auth against aws-iam-authenticator's own (the
// awsauth-reader test program, built from v0.7.13's pkg/mapper/configmap): for the
// fixtures and for generated data they read every identity the same, and after each
// add or remove every other identity reads exactly as before.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type AuthenticatorReading,
  type AwsAuthReader,
  startAwsAuthReader,
} from "../../../test/support/awsauth-reader.ts";
import {
  addRoleMapping,
  awsAuthIdentities,
  type MappedIdentity,
  parseAwsAuth,
  removeRoleMapping,
  renderAwsAuthData,
} from "../src/aws-auth.ts";
import { UserInputError } from "../src/user-input-error.ts";

const FIXTURES = join(import.meta.dirname, "fixtures", "aws-auth");
const fixtures = readdirSync(FIXTURES)
  .filter((name) => name.endsWith(".json"))
  .map((name) => ({
    name,
    data: JSON.parse(readFileSync(join(FIXTURES, name), "utf8")) as Record<string, string>,
  }));

let reader: AwsAuthReader;
// The first run builds the reader from the Go module proxy (minutes); later runs reuse it.
beforeAll(() => {
  reader = startAwsAuthReader();
}, 1_800_000);
afterAll(async () => {
  await reader?.close();
});

type Reading = Omit<AuthenticatorReading, "error">;

function ours(data: Readonly<Record<string, string>>): Reading {
  const identities = awsAuthIdentities(parseAwsAuth(data));
  const sorted = (items: Iterable<MappedIdentity>) =>
    [...items]
      .map((item) => ({ key: item.key, arn: item.arn, ...rest(item) }))
      .sort((a, b) => compare(a.key, b.key));
  return {
    roles: sorted(identities.roles.values()),
    users: sorted(identities.users.values()),
    accounts: [...identities.accounts].sort(compare),
    failed: identities.failed,
  };
}

function rest(item: MappedIdentity): { username: string; groups: string[] } {
  return { username: item.username, groups: [...item.groups] };
}

function compare(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}

async function theirs(data: Readonly<Record<string, string>>): Promise<Reading> {
  const { error: _, ...reading } = await reader.read(data);
  return reading;
}

// --- Generated aws-auth data, written as people and tools write it ---------------------

const arnToken = fc.constantFrom(
  "arn:aws:iam::111122223333:role/sfn",
  "arn:aws:iam::111122223333:role/SFN",
  "arn:aws:iam::444455556666:role/sfn",
  "arn:aws:iam::111122223333:role/node",
  "arn:aws:iam::111122223333:role/etl_runner",
  '"arn:aws:iam::111122223333:role/sfn"',
  "arn:aws-cn:iam::111122223333:role/sfn",
);
const scalarToken = fc.constantFrom(
  "eks-sfn",
  "u",
  "other",
  "on",
  "no",
  "y",
  "0b101",
  "017",
  "0x1F",
  "1e3",
  "~",
  '""',
  '"on"',
  "'y'",
  "2001-12-14",
  "system:node:{{EC2PrivateDNSName}}",
  "eks-sfn:{{SessionName}}",
);
const groupToken = fc.constantFrom(
  "system:masters",
  "eks-sfn-job-runners",
  "g",
  "system:nodes",
  "on",
  "1",
  '"off"',
  "~",
);
const keyCase = (key: string) =>
  fc.constantFrom(
    key,
    key.toUpperCase(),
    key[0]?.toUpperCase() + key.slice(1),
    `${key.slice(0, 4)}${key.slice(4).toUpperCase()}`,
  );

interface GenEntry {
  pairs: [string, string | string[]][];
}

function entry(arnKey: "rolearn" | "userarn"): fc.Arbitrary<GenEntry> {
  return fc
    .record({
      arn: fc.option(fc.tuple(keyCase(arnKey), arnToken), { nil: undefined }),
      username: fc.option(fc.tuple(keyCase("username"), scalarToken), { nil: undefined }),
      groups: fc.option(fc.tuple(keyCase("groups"), fc.array(groupToken, { maxLength: 3 })), {
        nil: undefined,
      }),
      extra: fc.option(fc.constant<[string, string]>(["userid", "AROAEXAMPLE"]), {
        nil: undefined,
      }),
    })
    .map(({ arn, username, groups, extra }) => {
      const pairs: (readonly [string, string | string[]] | undefined)[] = [
        arn,
        username,
        groups,
        extra,
      ];
      return {
        pairs: pairs.filter((pair) => pair !== undefined).map(([k, v]) => [k, v]),
      } as GenEntry;
    });
}

type Style = "block" | "eksctl" | "flow" | "json";

function renderList(entries: readonly GenEntry[], style: Style): string {
  if (style === "json") {
    return JSON.stringify(
      entries.map((e) =>
        Object.fromEntries(
          e.pairs.map(([k, v]) => [k, Array.isArray(v) ? v.map(unquote) : unquote(v)]),
        ),
      ),
    );
  }
  if (style === "flow") {
    return `${entries
      .map(
        (e) =>
          `- {${e.pairs.map(([k, v]) => `${k}: ${Array.isArray(v) ? `[${v.join(", ")}]` : v}`).join(", ")}}`,
      )
      .join("\n")}\n`;
  }
  const indent = style === "eksctl" ? "" : "  ";
  return entries
    .map((e) => {
      if (e.pairs.length === 0) return "-\n";
      return e.pairs
        .map(([k, v], i) => {
          const lead = i === 0 ? "- " : "  ";
          if (!Array.isArray(v)) return `${lead}${k}: ${v}\n`;
          if (v.length === 0) return `${lead}${k}: []\n`;
          return `${lead}${k}:\n${v.map((g) => `  ${indent}- ${g}\n`).join("")}`;
        })
        .join("");
    })
    .join("");
}

function unquote(token: string): string {
  return token.replace(/^["'](.*)["']$/, "$1");
}

const skippable = fc.constantFrom("''", '""', "``", "", "  \n");
const mapText = (arnKey: "rolearn" | "userarn") =>
  fc.oneof(
    {
      weight: 8,
      arbitrary: fc
        .tuple(
          fc.array(entry(arnKey), { maxLength: 5 }),
          fc.constantFrom<Style>("block", "eksctl", "flow", "json"),
        )
        .map(([entries, style]) => renderList(entries, style)),
    },
    { weight: 1, arbitrary: skippable },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        "[]",
        "# nothing yet\n",
        "~",
        "{}",
        "- [a, b]\n",
        "- rolearn: x\n  - bad\n",
      ),
    },
  );
const accountsText = fc.oneof(
  fc
    .array(fc.constantFrom("111122223333", '"012345678901"', "012345678901", "on", "~", "0x1F"), {
      maxLength: 3,
    })
    .map((ids) => ids.map((id) => `- ${id}\n`).join("")),
  skippable,
);

const awsAuthData = fc
  .record({
    mapRoles: fc.option(mapText("rolearn"), { nil: undefined }),
    mapUsers: fc.option(mapText("userarn"), { nil: undefined }),
    mapAccounts: fc.option(accountsText, { nil: undefined }),
    crlf: fc.boolean(),
  })
  .map(({ crlf, ...lists }) => {
    const data: Record<string, string> = {};
    for (const [key, text] of Object.entries(lists)) {
      if (text !== undefined) data[key] = crlf ? text.replaceAll("\n", "\r\n") : text;
    }
    return data;
  });

const request = fc.record({
  roleArn: fc.constantFrom(
    "arn:aws:iam::111122223333:role/sfn",
    "arn:aws:iam::111122223333:role/SFN",
    "arn:aws:iam::444455556666:role/sfn",
    "arn:aws:iam::111122223333:role/service-role/etl_runner",
  ),
  username: fc.constantFrom("eks-sfn-sfn", "u", "on", "eks-sfn"),
  groups: fc.constantFrom([], ["eks-sfn-job-runners"], ["g"], ["y", "eks-sfn-job-runners"]),
});

// Every identity but the one role's. (Whether the authenticator logs a problem may change
// when the removed entry was the one it complained about.)
function othersThan(reading: Reading, key: string) {
  const { failed: _, ...identities } = reading;
  return { ...identities, roles: reading.roles.filter((role) => role.key !== key) };
}

// --- The tests ---------------------------------------------------------------------------

describe("aws-auth as aws-iam-authenticator reads it", () => {
  it.each(fixtures)("reads fixture $name exactly as the authenticator does", async ({ data }) => {
    expect(ours(data)).toEqual(await theirs(data));
  });

  it("reads generated aws-auth data exactly as the authenticator does", async () => {
    await fc.assert(
      fc.asyncProperty(awsAuthData, async (data) => {
        expect(ours(data)).toEqual(await theirs(data));
      }),
      { numRuns: 300 },
    );
  });

  it("adding a role changes only that role's identity, and removing it gives back the data byte for byte", async () => {
    let addedCount = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(awsAuthData, fc.constantFrom(...fixtures.map((f) => f.data))),
        request,
        async (data, req) => {
          const before = parseAwsAuth(data);
          let added: ReturnType<typeof addRoleMapping>;
          try {
            added = addRoleMapping(before, req);
          } catch (error) {
            // Only a list that cannot be edited safely is refused; the data stays as it is.
            expect(error).toBeInstanceOf(UserInputError);
            return;
          }
          if (added.change.kind !== "added") return;
          addedCount += 1;
          const after = renderAwsAuthData(added.awsAuth);
          const key = added.change.entry.rolearn.toLowerCase();
          const was = await theirs(data);
          const now = await theirs(after);
          expect(othersThan(now, key)).toEqual(othersThan(was, key));
          expect(now.failed).toBe(was.failed);
          expect(now.roles.find((role) => role.key === key)).toEqual({
            key,
            arn: added.change.entry.rolearn,
            username: added.change.entry.username,
            groups: added.change.entry.groups,
          });
          const removed = removeRoleMapping(added.awsAuth, added.change.entry, {
            emptyBefore: added.change.emptyBefore,
          });
          expect(removed.removed).toBe(true);
          expect(renderAwsAuthData(removed.awsAuth)).toEqual(data);
        },
      ),
      { numRuns: 300 },
    );
    // Not vacuous: most generated cases really add an entry.
    expect(addedCount).toBeGreaterThan(100);
  });

  it("removing one entry leaves every other role's identity as the authenticator read it", async () => {
    await fc.assert(
      fc.asyncProperty(awsAuthData, fc.nat(), async (data, pick) => {
        const before = parseAwsAuth(data);
        const candidates = before.mapRoles.filter(
          (entry) =>
            entry.rolearn !== "" &&
            !(entry.groups ?? []).some((g) => g.startsWith("system:node")) &&
            !(entry.username ?? "").startsWith("system:node:"),
        );
        fc.pre(candidates.length > 0);
        const target = candidates[pick % candidates.length];
        if (target === undefined) return;
        let removed: ReturnType<typeof removeRoleMapping>;
        try {
          removed = removeRoleMapping(before, target);
        } catch (error) {
          expect(error).toBeInstanceOf(UserInputError);
          return;
        }
        expect(removed.removed).toBe(true);
        const key = target.rolearn.toLowerCase();
        const was = await theirs(data);
        const now = await theirs(renderAwsAuthData(removed.awsAuth));
        expect(othersThan(now, key)).toEqual(othersThan(was, key));
        expect(ours(renderAwsAuthData(removed.awsAuth))).toEqual(now);
      }),
      { numRuns: 200 },
    );
  });
});
