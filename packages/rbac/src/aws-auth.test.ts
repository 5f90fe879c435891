import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import {
  addRoleMapping,
  awsAuthIdentities,
  findRoleMapping,
  isNodeMapping,
  isSkippable,
  parseAwsAuth,
  type RoleMapping,
  removeRoleMapping,
  renderAwsAuthConfigMap,
  renderAwsAuthData,
} from "./aws-auth.ts";
import { renderManifests } from "./manifest-yaml.ts";
import { parseRoleArn } from "./names.ts";
import { expectGolden } from "./test-support/golden.ts";
import { thrown } from "./test-support/thrown.ts";

const NODE_ROLE = "arn:aws:iam::123456789012:role/eksctl-demo-nodegroup-NodeInstanceRole-1ABCDEF";
const SFN_ROLE = "arn:aws:iam::123456789012:role/service-role/EKS_StepFunctions_Integration";
const SFN_ROLE_WITHOUT_PATH = "arn:aws:iam::123456789012:role/EKS_StepFunctions_Integration";

// As a managed node group writes it, plus a hand-written mapUsers with a comment.
const CLUSTER_DATA = {
  mapRoles: `- groups:
  - system:bootstrappers
  - system:nodes
  rolearn: ${NODE_ROLE}
  username: system:node:{{EC2PrivateDNSName}}
`,
  mapUsers: `# the platform team
- userarn: arn:aws:iam::123456789012:user/alice
  username: alice
  groups:
    - system:masters
`,
};

const NODE_ENTRY: RoleMapping = {
  groups: ["system:bootstrappers", "system:nodes"],
  rolearn: NODE_ROLE,
  username: "system:node:{{EC2PrivateDNSName}}",
};

const SFN_REQUEST = { roleArn: SFN_ROLE, username: "eks-stepfunctions", groups: [] };

describe("parseAwsAuth", () => {
  it("reads the node group mapping, the users and the accounts", () => {
    const awsAuth = parseAwsAuth({
      ...CLUSTER_DATA,
      mapAccounts: "- 012345678901\n- '210987654321'\n",
    });
    expect(awsAuth.mapRoles).toEqual([NODE_ENTRY]);
    expect(awsAuth.mapUsers).toEqual([
      {
        userarn: "arn:aws:iam::123456789012:user/alice",
        username: "alice",
        groups: ["system:masters"],
      },
    ]);
    expect(awsAuth.mapAccounts).toEqual(["012345678901", "210987654321"]);
  });

  it("reads no ConfigMap, and empty or comment-only lists, as empty", () => {
    for (const data of [
      undefined,
      {},
      { mapRoles: "" },
      { mapRoles: "# nothing yet\n" },
      { mapRoles: "[]" },
    ]) {
      expect(parseAwsAuth(data).mapRoles).toEqual([]);
    }
  });

  it("reads a JSON list as YAML and leaves out keys the authenticator does not know", () => {
    const awsAuth = parseAwsAuth({
      mapRoles:
        '[{"rolearn": "arn:aws:iam::123456789012:role/a", "username": "a", "groups": ["g"], "note": {"by": "hand"}}]',
    });
    expect(awsAuth.mapRoles).toEqual([
      {
        rolearn: "arn:aws:iam::123456789012:role/a",
        username: "a",
        groups: ["g"],
      },
    ]);
  });

  it("accepts entries without username or groups", () => {
    const awsAuth = parseAwsAuth({
      mapRoles: "- rolearn: arn:aws:iam::123456789012:role/a\n  groups:\n",
    });
    expect(awsAuth.mapRoles).toEqual([{ rolearn: "arn:aws:iam::123456789012:role/a" }]);
  });

  it("reports malformed YAML as a problem and maps nothing from that list, as EKS does", () => {
    const awsAuth = parseAwsAuth({
      mapRoles: `- rolearn: ${NODE_ROLE}\n  username: x\n  groups: [system:nodes\n- rolearn: y\n`,
      mapUsers: CLUSTER_DATA.mapUsers,
    });
    expect(awsAuth.mapRoles).toEqual([]);
    expect(awsAuth.mapUsers).toHaveLength(1);
    expect(awsAuth.problems.map((p) => p.key)).toEqual(["mapRoles"]);
  });

  it("refuses to edit a list it cannot splice, naming the key and saying nothing was changed", () => {
    for (const mapRoles of ["rolearn: a\n", "- a: [b\n", '{"rolearn": "a"}']) {
      const error = thrown(() => addRoleMapping(parseAwsAuth({ mapRoles }), SFN_REQUEST));
      expect(error.input).toBe("aws-auth data.mapRoles");
      expect(error.message).toContain("kube-system/aws-auth was not changed");
    }
  });

  it.each([
    ["an item that is a string", { mapRoles: "- rolearn: a\n- just-a-string\n" }, 1],
    ["an entry without rolearn", { mapRoles: "- username: a\n  groups: []\n" }, 0],
    [
      "groups as a string",
      { mapRoles: "- rolearn: a\n  username: b\n  groups: system:masters\n" },
      1,
    ],
    ["a numeric username", { mapRoles: "- rolearn: a\n  username: 42\n" }, 1],
  ])("reports %s as a problem and keeps what EKS keeps", (_, data, kept) => {
    const awsAuth = parseAwsAuth(data);
    expect(awsAuth.problems).not.toEqual([]);
    expect(awsAuth.mapRoles).toHaveLength(kept);
  });

  it("reads duplicate keys as go-yaml does: the later one wins", () => {
    const awsAuth = parseAwsAuth({ mapRoles: "- rolearn: a\n  username: b\n  username: c\n" });
    expect(awsAuth.mapRoles).toEqual([{ rolearn: "a", username: "c" }]);
  });
});

describe("renderAwsAuthData", () => {
  it("writes unchanged lists back byte for byte, comments included", () => {
    const data = { ...CLUSTER_DATA, mapAccounts: "- 012345678901\n", other: "kept" };
    expect(renderAwsAuthData(parseAwsAuth(data))).toEqual(data);
  });

  it("keeps lists as they are and leaves a list it emptied empty", () => {
    expect(renderAwsAuthData(parseAwsAuth(undefined))).toEqual({});
    expect(renderAwsAuthData(parseAwsAuth({ mapUsers: "[]\n" }))).toEqual({ mapUsers: "[]\n" });
    const emptied = removeRoleMapping(
      parseAwsAuth({
        mapRoles: "- rolearn: arn:aws:iam::123456789012:role/a\n  username: a\n  groups: []\n",
      }),
      { rolearn: "arn:aws:iam::123456789012:role/a", username: "a", groups: [] },
    );
    expect(renderAwsAuthData(emptied.awsAuth)).toEqual({ mapRoles: "" });
  });

  it("reads account ids as written, so a leading zero survives", () => {
    const data = { mapAccounts: "- 012345678901\n- '111122223333'\n" };
    expect(parseAwsAuth(data).mapAccounts).toEqual(["012345678901", "111122223333"]);
  });
});

describe("addRoleMapping", () => {
  it("renders the whole ConfigMap after adding a role to a node group cluster", () => {
    const { awsAuth } = addRoleMapping(parseAwsAuth(CLUSTER_DATA), SFN_REQUEST);
    expectGolden(
      "aws-auth-configmap.yaml",
      renderManifests([renderAwsAuthConfigMap(renderAwsAuthData(awsAuth))]),
    );
  });

  it("renders a new ConfigMap for a cluster that has none", () => {
    const { awsAuth } = addRoleMapping(parseAwsAuth(undefined), {
      roleArn: SFN_ROLE_WITHOUT_PATH,
      username: "eks-sfn",
      groups: ["eks-sfn-job-runners"],
    });
    expectGolden(
      "aws-auth-created.yaml",
      renderManifests([renderAwsAuthConfigMap(renderAwsAuthData(awsAuth))]),
    );
  });

  it("keeps the node group mapping when it adds a role", () => {
    const { awsAuth } = addRoleMapping(parseAwsAuth(CLUSTER_DATA), SFN_REQUEST);
    const reread = parseAwsAuth(renderAwsAuthData(awsAuth));
    expect(reread.mapRoles[0]).toEqual(NODE_ENTRY);
    expect(reread.mapRoles).toHaveLength(2);
    expect(renderAwsAuthData(awsAuth).mapUsers).toBe(CLUSTER_DATA.mapUsers);
  });

  it("writes the role ARN without its path and says so", () => {
    const { change } = addRoleMapping(parseAwsAuth(CLUSTER_DATA), SFN_REQUEST);
    expect(change).toEqual({
      kind: "added",
      entry: { rolearn: SFN_ROLE_WITHOUT_PATH, username: "eks-stepfunctions", groups: [] },
      requestedRoleArn: SFN_ROLE,
      pathStripped: true,
    });
  });

  it("reports a role without a path as not stripped", () => {
    const { change } = addRoleMapping(parseAwsAuth(undefined), {
      ...SFN_REQUEST,
      roleArn: SFN_ROLE_WITHOUT_PATH,
    });
    expect(change.pathStripped).toBe(false);
  });

  it("adds nothing when the same mapping is already there, whatever the order of its groups", () => {
    const once = addRoleMapping(parseAwsAuth(undefined), { ...SFN_REQUEST, groups: ["a", "b"] });
    const twice = addRoleMapping(once.awsAuth, { ...SFN_REQUEST, groups: ["b", "a"] });
    expect(twice.change.kind).toBe("unchanged");
    expect(twice.awsAuth.mapRoles).toHaveLength(1);
    expect(twice.awsAuth).toBe(once.awsAuth);
  });

  it("counts an entry without groups as the same mapping as one with no groups", () => {
    const start = parseAwsAuth({
      mapRoles: `- rolearn: ${SFN_ROLE_WITHOUT_PATH}\n  username: eks-stepfunctions\n`,
    });
    expect(addRoleMapping(start, SFN_REQUEST).change.kind).toBe("unchanged");
  });

  it("reports a conflict and overwrites nothing when the role has another username", () => {
    const start = addRoleMapping(parseAwsAuth(CLUSTER_DATA), SFN_REQUEST).awsAuth;
    const { awsAuth, change } = addRoleMapping(start, { ...SFN_REQUEST, username: "someone-else" });
    expect(change.kind).toBe("conflict");
    expect(change.kind === "conflict" && change.existing).toEqual({
      rolearn: SFN_ROLE_WITHOUT_PATH,
      username: "eks-stepfunctions",
    });
    expect(awsAuth).toBe(start);
  });

  it("treats an ARN that differs only in case as the same role", () => {
    const start = addRoleMapping(parseAwsAuth(undefined), SFN_REQUEST).awsAuth;
    const { change } = addRoleMapping(start, {
      ...SFN_REQUEST,
      roleArn: SFN_ROLE.replace("EKS_Step", "eks_step"),
      groups: ["x"],
    });
    expect(change.kind).toBe("conflict");
  });

  it("refuses to map a workflow role as a node", () => {
    const start = parseAwsAuth(CLUSTER_DATA);
    expect(
      thrown(() => addRoleMapping(start, { ...SFN_REQUEST, groups: ["system:nodes"] })).message,
    ).toMatch(/^groups\[0\]: "system:nodes" is a node group/);
    expect(
      thrown(() =>
        addRoleMapping(start, { ...SFN_REQUEST, username: "system:node:{{EC2PrivateDNSName}}" }),
      ).message,
    ).toMatch(/^username: /);
  });

  it("rejects a user ARN, naming roleArn", () => {
    const error = thrown(() =>
      addRoleMapping(parseAwsAuth(undefined), {
        ...SFN_REQUEST,
        roleArn: "arn:aws:iam::123456789012:user/alice",
      }),
    );
    expect(error.message).toMatch(/^roleArn: .* is an IAM user ARN/);
  });

  it("takes an ARN the caller has already parsed under its own input name", () => {
    const role = parseRoleArn("role-arn", SFN_ROLE);
    expect(
      addRoleMapping(parseAwsAuth(undefined), { ...SFN_REQUEST, roleArn: role }).change.kind,
    ).toBe("added");
  });
});

describe("removeRoleMapping", () => {
  it("removes only the entry equal to the given one", () => {
    const other = { rolearn: SFN_ROLE_WITHOUT_PATH, username: "eks-stepfunctions", groups: ["x"] };
    const start = parseAwsAuth({ mapRoles: stringify([NODE_ENTRY, other]) });
    const added = addRoleMapping(start, {
      ...SFN_REQUEST,
      roleArn: "arn:aws:iam::123456789012:role/Other",
    });
    expect(added.change.kind).toBe("added");
    for (const lookalike of [
      { ...other, groups: ["y"] },
      { ...other, username: "someone-else" },
      {
        ...other,
        rolearn: "arn:aws:iam::123456789012:role/service-role/EKS_StepFunctions_Integration",
      },
    ]) {
      const { awsAuth, removed } = removeRoleMapping(added.awsAuth, lookalike);
      expect(removed).toBe(false);
      expect(awsAuth).toBe(added.awsAuth);
    }
    const result = removeRoleMapping(added.awsAuth, other);
    expect(result.removed).toBe(true);
    expect(result.awsAuth.mapRoles.map((entry) => entry.rolearn)).toEqual([
      NODE_ROLE,
      "arn:aws:iam::123456789012:role/Other",
    ]);
  });

  it("never removes a node group entry", () => {
    expect(() => removeRoleMapping(parseAwsAuth(CLUSTER_DATA), NODE_ENTRY)).toThrow(
      /node group mapping/,
    );
  });
});

describe("findRoleMapping", () => {
  it("finds the entry aws-auth applies to a role given with its path", () => {
    const { awsAuth } = addRoleMapping(parseAwsAuth(CLUSTER_DATA), SFN_REQUEST);
    expect(findRoleMapping(awsAuth, SFN_ROLE)?.username).toBe("eks-stepfunctions");
    expect(findRoleMapping(awsAuth, "arn:aws:iam::123456789012:role/nobody")).toBeUndefined();
  });
});

describe("aws-auth properties", () => {
  const segment = fc.stringMatching(/^[A-Za-z0-9_+=,.@-]{1,8}$/);
  const account = fc.stringMatching(/^\d{12}$/);
  const roleParts = fc.record({
    account,
    path: fc.array(segment, { maxLength: 3 }),
    name: fc.stringMatching(/^[A-Za-z0-9_+=,.@-]{1,16}$/),
  });
  const withPath = ({ account, path, name }: { account: string; path: string[]; name: string }) =>
    `arn:aws:iam::${account}:role/${path.map((part) => `${part}/`).join("")}${name}`;
  const withoutPath = ({ account, name }: { account: string; name: string }) =>
    `arn:aws:iam::${account}:role/${name}`;
  const username = fc
    .stringMatching(/^[a-z][a-z0-9:-]{0,12}$/)
    .filter((name) => !name.startsWith("system:node:"));
  const groups = fc.uniqueArray(
    fc.constantFrom("system:masters", "eks-sfn-job-runners", "viewers", "ops", "a:b"),
    { maxLength: 3 },
  );
  const nodeEntry = roleParts.map(
    (parts): RoleMapping => ({
      groups: ["system:bootstrappers", "system:nodes"],
      rolearn: withoutPath(parts),
      username: "system:node:{{EC2PrivateDNSName}}",
    }),
  );
  const otherEntry = fc
    .record({
      parts: roleParts,
      username,
      groups,
      note: fc.option(fc.string(), { nil: undefined }),
    })
    .map(
      ({ parts, username, groups, note }): RoleMapping => ({
        rolearn: withoutPath(parts),
        username,
        groups,
        ...(note === undefined ? {} : { note }),
      }),
    );
  // A cluster's aws-auth: node group entries among others, written as YAML text.
  const clusterData = fc
    .tuple(
      fc.array(nodeEntry, { minLength: 1, maxLength: 3 }),
      fc.array(otherEntry, { maxLength: 4 }),
      fc.boolean(),
    )
    .chain(([nodes, others, withUsers]) =>
      fc
        .shuffledSubarray([...nodes, ...others], { minLength: nodes.length + others.length })
        .map((entries) => {
          // Written as YAML 1.1, which EKS reads: YAML 1.2 leaves `n` or `on` unquoted.
          const data: Record<string, string> = {
            mapRoles: stringify(entries, { version: "1.1" }),
          };
          if (withUsers) {
            data.mapUsers = CLUSTER_DATA.mapUsers;
          }
          return data;
        }),
    );
  // Fresh roles, and roles already in the map (to meet "unchanged" and "conflict").
  const request = (data: Record<string, string>) => {
    const existing = parseAwsAuth(data).mapRoles.filter(
      (entry) => !entry.username?.startsWith("system:node:"),
    );
    const fresh = fc.record({ roleArn: roleParts.map(withPath), username, groups });
    if (existing.length === 0) {
      return fresh;
    }
    const reused = fc.record({
      roleArn: fc.constantFrom(...existing.map((entry) => entry.rolearn)),
      username: fc.oneof(
        username,
        fc.constantFrom(...existing.map((entry) => entry.username ?? "x")),
      ),
      groups,
    });
    return fc.oneof(fresh, reused);
  };
  const scenario = clusterData.chain((data) => request(data).map((req) => ({ data, req })));

  it("adding the same mapping twice changes nothing the second time", () => {
    fc.assert(
      fc.property(scenario, ({ data, req }) => {
        const first = addRoleMapping(parseAwsAuth(data), req);
        const second = addRoleMapping(first.awsAuth, req);
        expect(second.change.kind).toBe(
          first.change.kind === "conflict" ? "conflict" : "unchanged",
        );
        expect(second.awsAuth).toBe(first.awsAuth);
        expect(renderAwsAuthData(second.awsAuth)).toEqual(renderAwsAuthData(first.awsAuth));
      }),
    );
  });

  it("adding keeps every other entry, node group entries above all, in place", () => {
    fc.assert(
      fc.property(scenario, ({ data, req }) => {
        const before = parseAwsAuth(data);
        const { awsAuth, change } = addRoleMapping(before, req);
        const after = parseAwsAuth(renderAwsAuthData(awsAuth));
        expect(after.mapRoles.slice(0, before.mapRoles.length)).toEqual(before.mapRoles);
        expect(after.mapRoles).toHaveLength(
          before.mapRoles.length + (change.kind === "added" ? 1 : 0),
        );
        expect(
          after.mapRoles.filter((entry) => entry.username?.startsWith("system:node:")),
        ).toEqual(before.mapRoles.filter((entry) => entry.username?.startsWith("system:node:")));
        expect(after.mapUsers).toEqual(before.mapUsers);
      }),
    );
  });

  it("removing what was added gives back the original data, byte for byte", () => {
    fc.assert(
      fc.property(scenario, ({ data, req }) => {
        const before = parseAwsAuth(data);
        const { awsAuth, change } = addRoleMapping(before, req);
        fc.pre(change.kind === "added");
        if (change.kind !== "added") {
          return;
        }
        const removed = removeRoleMapping(parseAwsAuth(renderAwsAuthData(awsAuth)), change.entry);
        expect(removed.removed).toBe(true);
        expect(removed.awsAuth.mapRoles).toEqual(before.mapRoles);
        expect(renderAwsAuthData(removed.awsAuth)).toEqual(data);
      }),
    );
  });

  it("maps an ARN with a path and the same ARN without it to the same pathless entry", () => {
    fc.assert(
      fc.property(clusterData, roleParts, username, groups, (data, parts, user, groupList) => {
        const start = parseAwsAuth(data);
        const pathed = addRoleMapping(start, {
          roleArn: withPath(parts),
          username: user,
          groups: groupList,
        });
        const plain = addRoleMapping(start, {
          roleArn: withoutPath(parts),
          username: user,
          groups: groupList,
        });
        expect(pathed.awsAuth.mapRoles).toEqual(plain.awsAuth.mapRoles);
        expect(pathed.change.kind).toBe(plain.change.kind);
        expect(pathed.change.pathStripped).toBe(parts.path.length > 0);
        if (pathed.change.kind === "added") {
          expect(pathed.change.entry.rolearn).toBe(withoutPath(parts));
        }
      }),
    );
  });

  it("never overwrites a role mapped to another username", () => {
    fc.assert(
      fc.property(clusterData, otherEntry, username, groups, (data, entry, user, groupList) => {
        fc.pre(user !== entry.username);
        const start = parseAwsAuth({
          ...data,
          mapRoles: stringify([...parseAwsAuth(data).mapRoles, entry], { version: "1.1" }),
        });
        const { awsAuth, change } = addRoleMapping(start, {
          roleArn: entry.rolearn,
          username: user,
          groups: groupList,
        });
        expect(change.kind).toBe("conflict");
        expect(change.kind === "conflict" && change.existing).toMatchObject({
          rolearn: entry.rolearn,
          username: entry.username,
        });
        expect(renderAwsAuthData(awsAuth)).toEqual(renderAwsAuthData(start));
      }),
    );
  });
});

// The failing cases of issue 14, each the smallest input that showed it.
describe("aws-auth as EKS reads it (issue 14)", () => {
  const R = "arn:aws:iam::111122223333:role/sfn";
  const request = { roleArn: R, username: "eks-sfn-sfn", groups: ["eks-sfn-job-runners"] };

  it("reads an entry keyed roleARN and adds the new role after it (case 2)", () => {
    const data = {
      mapRoles: "- roleARN: arn:aws:iam::111122223333:role/node\n  username: node\n",
    };
    const { awsAuth, change } = addRoleMapping(parseAwsAuth(data), request);
    expect(change.kind).toBe("added");
    expect(awsAuth.mapRoles.map((entry) => entry.rolearn)).toEqual([
      "arn:aws:iam::111122223333:role/node",
      R,
    ]);
    expect(renderAwsAuthData(awsAuth).mapRoles?.startsWith(data.mapRoles)).toBe(true);
  });

  it("treats mapUsers '' as no data and writes it back untouched (case 3)", () => {
    const data = { mapRoles: CLUSTER_DATA.mapRoles, mapUsers: "''" };
    const { awsAuth, change } = addRoleMapping(parseAwsAuth(data), request);
    expect(change.kind).toBe("added");
    expect(awsAuth.problems).toEqual([]);
    expect(renderAwsAuthData(awsAuth).mapUsers).toBe("''");
  });

  it("takes the last of several entries for a role as the one in effect (case 4)", () => {
    const data = {
      mapRoles: `- {rolearn: ${R}, username: eks-sfn-sfn, groups: [eks-sfn-job-runners]}\n- {rolearn: ${R}, username: other}\n`,
    };
    const awsAuth = parseAwsAuth(data);
    expect(findRoleMapping(awsAuth, R)).toEqual({ rolearn: R, username: "other" });
    expect(addRoleMapping(awsAuth, request).change.kind).toBe("conflict");
  });

  it("removes one of two identical entries and keeps the other (case 5)", () => {
    const data = {
      mapRoles: `- {rolearn: ${R}, username: u, groups: [g]}\n- {rolearn: ${R}, username: u, groups: [g]}\n`,
    };
    const { awsAuth, removed } = removeRoleMapping(parseAwsAuth(data), {
      rolearn: R,
      username: "u",
      groups: ["g"],
    });
    expect(removed).toBe(true);
    expect(renderAwsAuthData(awsAuth).mapRoles).toBe(
      `- {rolearn: ${R}, username: u, groups: [g]}\n`,
    );
  });

  it.each([
    [
      "a Windows editor's CRLF file",
      "# team\r\n- rolearn: arn:aws:iam::1:role/a\r\n  username: a\r\n",
    ],
    [
      "Terraform's yamlencode",
      '- "groups":\n  - "system:masters"\n  "rolearn": "arn:aws:iam::1:role/a"\n  "username": "a"\n',
    ],
    [
      "Terraform's jsonencode",
      '[{"groups":["system:masters"],"rolearn":"arn:aws:iam::1:role/a","username":"a"}]',
    ],
    ["a file without a final newline", "- rolearn: arn:aws:iam::1:role/a\n  username: a"],
    ["an indented block list", "  - rolearn: arn:aws:iam::1:role/a\n    username: a\n"],
    ["an empty flow list", "[]"],
    ["a skippable value", "''"],
  ])("gives back %s byte for byte after a grant and a revoke", (_, mapRoles) => {
    const data = { mapRoles, other: "kept" };
    const { awsAuth, change } = addRoleMapping(parseAwsAuth(data), request);
    expect(change.kind).toBe("added");
    expect(findRoleMapping(awsAuth, R)).toEqual({
      rolearn: R,
      username: "eks-sfn-sfn",
      groups: ["eks-sfn-job-runners"],
    });
    const emptyBefore = change.kind === "added" ? change.emptyBefore : undefined;
    const back = removeRoleMapping(
      awsAuth,
      { rolearn: R, username: "eks-sfn-sfn", groups: ["eks-sfn-job-runners"] },
      { emptyBefore },
    );
    expect(renderAwsAuthData(back.awsAuth)).toEqual(data);
  });

  it("refuses an aws-iam-authenticator template as the username or a group", () => {
    expect(
      thrown(() =>
        addRoleMapping(parseAwsAuth(undefined), { ...request, username: "x-{{SessionName}}" }),
      ).input,
    ).toBe("username");
    expect(
      thrown(() =>
        addRoleMapping(parseAwsAuth(undefined), { ...request, groups: ["{{AccountID}}"] }),
      ).input,
    ).toBe("groups[0]");
  });
});

describe("parseAwsAuth: each entry as aws-iam-authenticator decodes it", () => {
  const R = "arn:aws:iam::111122223333:role/Admin";
  it.each<[string, Record<string, string>, object]>([
    [
      "a mapRoles that is a mapping",
      { mapRoles: "rolearn: x\n" },
      {
        mapRoles: [],
        mapUsers: [],
        mapAccounts: [],
        problems: [{ key: "mapRoles", message: "cannot unmarshal object into a list" }],
      },
    ],
    [
      "a mapUsers that is a number",
      { mapUsers: "12\n" },
      {
        mapRoles: [],
        mapUsers: [],
        mapAccounts: [],
        problems: [{ key: "mapUsers", message: "cannot unmarshal number into a list" }],
      },
    ],
    [
      "a mapRoles that is not YAML",
      { mapRoles: "- rolearn: [\n" },
      {
        mapRoles: [],
        mapUsers: [],
        mapAccounts: [],
        problems: [
          {
            key: "mapRoles",
            message:
              "Flow sequence in block collection must be sufficiently indented and end with a ]",
          },
        ],
      },
    ],
    [
      "a mapRoles given as JSON",
      { mapRoles: `[{"rolearn": "${R}", "username": "a"}]` },
      { mapRoles: [{ rolearn: R, username: "a" }], mapUsers: [], mapAccounts: [], problems: [] },
    ],
    [
      "keys in another case",
      { mapRoles: `- RoleArn: ${R}\n  USERNAME: admin\n  Groups: [g]\n` },
      {
        mapRoles: [{ rolearn: R, username: "admin", groups: ["g"] }],
        mapUsers: [],
        mapAccounts: [],
        problems: [],
      },
    ],
    [
      "an item that is null, a string and a list",
      { mapRoles: `- ~\n- text\n- [a]\n` },
      {
        mapRoles: [],
        mapUsers: [],
        mapAccounts: [],
        problems: [
          { key: "mapRoles", message: "item 1: one of rolearn or SSO must be supplied" },
          { key: "mapRoles", message: "item 2: cannot unmarshal string into a mapping" },
          { key: "mapRoles", message: "item 2: one of rolearn or SSO must be supplied" },
          { key: "mapRoles", message: "item 3: cannot unmarshal array into a mapping" },
          { key: "mapRoles", message: "item 3: one of rolearn or SSO must be supplied" },
        ],
      },
    ],
    [
      "a username that is a number and groups that are a string",
      { mapRoles: `- rolearn: ${R}\n  username: 12\n  groups: g\n` },
      {
        mapRoles: [{ rolearn: R }],
        mapUsers: [],
        mapAccounts: [],
        problems: [
          {
            key: "mapRoles",
            message: "item 1: cannot unmarshal string into groups (a list of strings)",
          },
          { key: "mapRoles", message: "item 1: cannot unmarshal number into username (a string)" },
        ],
      },
    ],
    [
      "a username that is null and groups that are null",
      { mapRoles: `- rolearn: ${R}\n  username: ~\n  groups: ~\n` },
      { mapRoles: [{ rolearn: R }], mapUsers: [], mapAccounts: [], problems: [] },
    ],
    [
      "a group list with a number and a null",
      { mapRoles: `- rolearn: ${R}\n  username: a\n  groups: [g, 1, ~]\n` },
      {
        mapRoles: [{ rolearn: R, username: "a", groups: ["g", "", ""] }],
        mapUsers: [],
        mapAccounts: [],
        problems: [{ key: "mapRoles", message: "item 1: cannot unmarshal number into groups" }],
      },
    ],
    [
      "an empty username and an empty group list",
      { mapRoles: `- rolearn: ${R}\n  username: ""\n  groups: []\n` },
      { mapRoles: [{ rolearn: R }], mapUsers: [], mapAccounts: [], problems: [] },
    ],
    [
      "a later key replacing an earlier one, null leaving a string",
      { mapRoles: `- rolearn: ${R}\n  username: a\n  Username: ~\n  groups: [x]\n  GROUPS: ~\n` },
      {
        mapRoles: [{ rolearn: R, username: "a", groups: ["x"] }],
        mapUsers: [],
        mapAccounts: [],
        problems: [],
      },
    ],
    [
      "neither rolearn nor SSO",
      { mapRoles: `- username: a\n` },
      {
        mapRoles: [],
        mapUsers: [],
        mapAccounts: [],
        problems: [{ key: "mapRoles", message: "item 1: one of rolearn or SSO must be supplied" }],
      },
    ],
    [
      "both rolearn and SSO",
      {
        mapRoles: `- rolearn: ${R}\n  sso: {accountID: "111122223333", permissionSetName: Admin}\n`,
      },
      {
        mapRoles: [],
        mapUsers: [],
        mapAccounts: [],
        problems: [
          { key: "mapRoles", message: "item 1: only one of rolearn or SSO can be supplied" },
        ],
      },
    ],
    [
      "an SSO entry",
      { mapRoles: `- sso: {accountID: "111122223333", permissionSetName: Admin}\n  username: a\n` },
      {
        mapRoles: [
          {
            rolearn: "",
            username: "a",
            sso: { permissionSetName: "Admin", accountID: "111122223333" },
          },
        ],
        mapUsers: [],
        mapAccounts: [],
        problems: [],
      },
    ],
    [
      "an SSO entry with a partition",
      {
        mapRoles: `- SSO: {AccountID: "111122223333", permissionSetName: Admin, partition: aws-cn}\n  username: a\n`,
      },
      {
        mapRoles: [
          {
            rolearn: "",
            username: "a",
            sso: { permissionSetName: "Admin", accountID: "111122223333", partition: "aws-cn" },
          },
        ],
        mapUsers: [],
        mapAccounts: [],
        problems: [],
      },
    ],
    [
      "an SSO entry with a bad account",
      { mapRoles: `- sso: {accountID: "1111", permissionSetName: Admin}\n` },
      {
        mapRoles: [],
        mapUsers: [],
        mapAccounts: [],
        problems: [
          { key: "mapRoles", message: "item 1: AccountID '1111' is not a valid AWS Account ID" },
        ],
      },
    ],
    [
      "an SSO entry with a bad permission set",
      { mapRoles: `- sso: {accountID: "111122223333", permissionSetName: "a b"}\n` },
      {
        mapRoles: [],
        mapUsers: [],
        mapAccounts: [],
        problems: [
          {
            key: "mapRoles",
            message: "item 1: PermissionSetName 'a b' is not a valid AWS SSO PermissionSet Name",
          },
        ],
      },
    ],
    [
      "an SSO entry with a too long permission set",
      { mapRoles: `- sso: {accountID: "111122223333", permissionSetName: ${"a".repeat(33)}}\n` },
      {
        mapRoles: [],
        mapUsers: [],
        mapAccounts: [],
        problems: [
          {
            key: "mapRoles",
            message:
              "item 1: PermissionSetName 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa' is not a valid AWS SSO PermissionSet Name",
          },
        ],
      },
    ],
    [
      "an SSO entry with a bad partition",
      {
        mapRoles: `- sso: {accountID: "111122223333", permissionSetName: Admin, partition: aws-mars}\n`,
      },
      {
        mapRoles: [],
        mapUsers: [],
        mapAccounts: [],
        problems: [
          { key: "mapRoles", message: "item 1: partition 'aws-mars' is not a valid AWS partition" },
        ],
      },
    ],
    [
      "an SSO entry with numbers for text",
      { mapRoles: `- sso: {accountID: 111122223333, permissionSetName: Admin}\n` },
      {
        mapRoles: [],
        mapUsers: [],
        mapAccounts: [],
        problems: [
          { key: "mapRoles", message: "item 1: cannot unmarshal number into accountID (a string)" },
          { key: "mapRoles", message: "item 1: AccountID '' is not a valid AWS Account ID" },
        ],
      },
    ],
    [
      "an SSO that is a string",
      { mapRoles: `- sso: x\n  rolearn: ${R}\n` },
      {
        mapRoles: [{ rolearn: R }],
        mapUsers: [],
        mapAccounts: [],
        problems: [{ key: "mapRoles", message: "item 1: cannot unmarshal string into sso" }],
      },
    ],
    [
      "an SSO that is null",
      { mapRoles: `- sso: ~\n  rolearn: ${R}\n` },
      { mapRoles: [{ rolearn: R }], mapUsers: [], mapAccounts: [], problems: [] },
    ],
    [
      "a user without userarn",
      { mapUsers: `- username: a\n` },
      {
        mapRoles: [],
        mapUsers: [],
        mapAccounts: [],
        problems: [{ key: "mapUsers", message: "item 1: value for userarn must be supplied" }],
      },
    ],
    [
      "a user",
      {
        mapUsers: `- userarn: arn:aws:iam::111122223333:user/Bob\n  username: bob\n  groups: [g]\n`,
      },
      {
        mapRoles: [],
        mapUsers: [
          { userarn: "arn:aws:iam::111122223333:user/Bob", username: "bob", groups: ["g"] },
        ],
        mapAccounts: [],
        problems: [],
      },
    ],
    [
      "accounts as written",
      { mapAccounts: `- 012345678901\n- on\n- ~\n- "111122223333"\n- [x]\n` },
      {
        mapRoles: [],
        mapUsers: [],
        mapAccounts: ["012345678901", "on", "", "111122223333", ""],
        problems: [{ key: "mapAccounts", message: "item 5 is not an account id" }],
      },
    ],
    [
      "accounts that are a mapping",
      { mapAccounts: `a: 1\n` },
      {
        mapRoles: [],
        mapUsers: [],
        mapAccounts: [],
        problems: [{ key: "mapAccounts", message: "cannot unmarshal into a list of account ids" }],
      },
    ],
    [
      "accounts that are not YAML",
      { mapAccounts: `- [\n` },
      {
        mapRoles: [],
        mapUsers: [],
        mapAccounts: [],
        problems: [
          {
            key: "mapAccounts",
            message:
              "Flow sequence in block collection must be sufficiently indented and end with a ]",
          },
        ],
      },
    ],
    [
      "accounts that are null",
      { mapAccounts: `~\n` },
      { mapRoles: [], mapUsers: [], mapAccounts: [], problems: [] },
    ],
    [
      "accounts through aliases",
      { mapAccounts: `- &a "111122223333"\n- *a\n` },
      { mapRoles: [], mapUsers: [], mapAccounts: ["111122223333", "111122223333"], problems: [] },
    ],
    [
      "accounts that are a comment",
      { mapAccounts: `# none\n` },
      { mapRoles: [], mapUsers: [], mapAccounts: [], problems: [] },
    ],
    [
      "accounts quoted null",
      { mapAccounts: `- "~"\n- null\n- NULL\n` },
      { mapRoles: [], mapUsers: [], mapAccounts: ["~", "", ""], problems: [] },
    ],
  ])("reads %s", (_, data, expected) => {
    const { mapRoles, mapUsers, mapAccounts, problems } = parseAwsAuth(data);
    expect({ mapRoles, mapUsers, mapAccounts, problems }).toStrictEqual(expected);
  });
});

describe("awsAuthIdentities: what EKS's MapStore holds", () => {
  it("keys roles by the lower-cased ARN, the later of two entries winning", () => {
    const identities = awsAuthIdentities(
      parseAwsAuth({
        mapRoles: [
          "- rolearn: arn:aws:iam::111122223333:role/Admin",
          "  username: first",
          "  groups: [a]",
          "- rolearn: arn:aws:iam::111122223333:role/ADMIN",
          "  username: second",
          "- rolearn: arn:aws:iam::111122223333:role/Other",
          "",
        ].join("\n"),
      }),
    );
    expect([...identities.roles.entries()]).toStrictEqual([
      [
        "arn:aws:iam::111122223333:role/admin",
        {
          key: "arn:aws:iam::111122223333:role/admin",
          arn: "arn:aws:iam::111122223333:role/ADMIN",
          username: "second",
          groups: [],
        },
      ],
      [
        "arn:aws:iam::111122223333:role/other",
        {
          key: "arn:aws:iam::111122223333:role/other",
          arn: "arn:aws:iam::111122223333:role/Other",
          username: "",
          groups: [],
        },
      ],
    ]);
    expect(identities.failed).toBe(false);
  });

  it("keys SSO entries by their pattern, leaving out a partition that is given", () => {
    const identities = awsAuthIdentities(
      parseAwsAuth({
        mapRoles: [
          '- sso: {accountID: "111122223333", permissionSetName: Admin}',
          "  username: a",
          '- sso: {accountID: "444455556666", permissionSetName: Dev, partition: aws-cn}',
          "  username: b",
          "",
        ].join("\n"),
      }),
    );
    expect([...identities.roles.keys()]).toStrictEqual([
      "arn:aws:iam::111122223333:role/awsreservedsso_admin_*",
      "arn::iam::444455556666:role/awsreservedsso_dev_*",
    ]);
    expect(identities.roles.get("arn:aws:iam::111122223333:role/awsreservedsso_admin_*")).toEqual({
      key: "arn:aws:iam::111122223333:role/awsreservedsso_admin_*",
      arn: "",
      username: "a",
      groups: [],
    });
  });

  it("keys users by the ARN as written, and lists accounts once", () => {
    const identities = awsAuthIdentities(
      parseAwsAuth({
        mapUsers: [
          "- userarn: arn:aws:iam::111122223333:user/Bob",
          "  username: bob",
          "  groups: [g]",
          "- userarn: arn:aws:iam::111122223333:user/BOB",
          "",
        ].join("\n"),
        mapAccounts: "- '111122223333'\n- '111122223333'\n",
      }),
    );
    expect([...identities.users.values()]).toStrictEqual([
      {
        key: "arn:aws:iam::111122223333:user/Bob",
        arn: "arn:aws:iam::111122223333:user/Bob",
        username: "bob",
        groups: ["g"],
      },
      {
        key: "arn:aws:iam::111122223333:user/BOB",
        arn: "arn:aws:iam::111122223333:user/BOB",
        username: "",
        groups: [],
      },
    ]);
    expect([...identities.accounts]).toStrictEqual(["111122223333"]);
  });

  it("says the reading failed when the authenticator would log a problem", () => {
    expect(awsAuthIdentities(parseAwsAuth({ mapRoles: "- username: a\n" })).failed).toBe(true);
  });
});

describe("aws-auth edits splice the text and read back as intended", () => {
  const N = "arn:aws:iam::111122223333:role/Node";
  const R = "arn:aws:iam::111122223333:role/sfn";
  const request = { roleArn: R, username: "eks-sfn", groups: ["eks-sfn-job-runners"] };
  it.each<[string, string, { username: string; groups: string[] } | undefined, string]>([
    [
      "a block list written with CRLF",
      `- rolearn: ${N}\r\n  username: system:node:{{EC2PrivateDNSName}}\r\n  groups:\r\n  - system:nodes\r\n`,
      undefined,
      `- rolearn: ${N}\r\n  username: system:node:{{EC2PrivateDNSName}}\r\n  groups:\r\n  - system:nodes\r\n- rolearn: ${R}\r\n  username: eks-sfn\r\n  groups:\r\n    - eks-sfn-job-runners\r\n`,
    ],
    [
      "a block list indented under its key",
      `  - rolearn: ${N}\n    username: system:node:{{EC2PrivateDNSName}}\n`,
      undefined,
      `  - rolearn: ${N}\n    username: system:node:{{EC2PrivateDNSName}}\n  - rolearn: ${R}\n    username: eks-sfn\n    groups:\n      - eks-sfn-job-runners\n`,
    ],
    [
      "a block list with wide dashes",
      `-   rolearn: ${N}\n    username: system:node:{{EC2PrivateDNSName}}\n`,
      undefined,
      `-   rolearn: ${N}\n    username: system:node:{{EC2PrivateDNSName}}\n-   rolearn: ${R}\n    username: eks-sfn\n    groups:\n      - eks-sfn-job-runners\n`,
    ],
    [
      "a block list without a final newline",
      `- rolearn: ${N}\n  username: system:node:{{EC2PrivateDNSName}}`,
      undefined,
      `- rolearn: ${N}\n  username: system:node:{{EC2PrivateDNSName}}\n- rolearn: ${R}\n  username: eks-sfn\n  groups:\n    - eks-sfn-job-runners`,
    ],
    [
      "a block list with CRLF and no final newline",
      `- rolearn: ${N}\r\n  username: system:node:{{EC2PrivateDNSName}}`,
      undefined,
      `- rolearn: ${N}\r\n  username: system:node:{{EC2PrivateDNSName}}\r\n- rolearn: ${R}\r\n  username: eks-sfn\r\n  groups:\r\n    - eks-sfn-job-runners`,
    ],
    [
      "a block list with a comment after it",
      `- rolearn: ${N}\n  username: system:node:{{EC2PrivateDNSName}}\n# end\n`,
      undefined,
      `- rolearn: ${N}\n  username: system:node:{{EC2PrivateDNSName}}\n- rolearn: ${R}\n  username: eks-sfn\n  groups:\n    - eks-sfn-job-runners\n# end\n`,
    ],
    [
      "a block list whose entry starts on the next line",
      `-\n  rolearn: ${N}\n  username: system:node:{{EC2PrivateDNSName}}\n`,
      undefined,
      `-\n  rolearn: ${N}\n  username: system:node:{{EC2PrivateDNSName}}\n- rolearn: ${R}\n  username: eks-sfn\n  groups:\n    - eks-sfn-job-runners\n`,
    ],
    [
      "an empty flow list",
      `[]`,
      undefined,
      `[{"rolearn":"${R}","username":"eks-sfn","groups":["eks-sfn-job-runners"]}]`,
    ],
    [
      "a flow list of one entry",
      `[{"rolearn": "${N}", "username": "system:node:{{EC2PrivateDNSName}}"}]`,
      undefined,
      `[{"rolearn": "${N}", "username": "system:node:{{EC2PrivateDNSName}}"}, {"rolearn":"${R}","username":"eks-sfn","groups":["eks-sfn-job-runners"]}]`,
    ],
    [
      "a compact flow list of one entry",
      `[{rolearn: ${N},username: "system:node:{{EC2PrivateDNSName}}"}]`,
      undefined,
      `[{rolearn: ${N},username: "system:node:{{EC2PrivateDNSName}}"}, {"rolearn":"${R}","username":"eks-sfn","groups":["eks-sfn-job-runners"]}]`,
    ],
    [
      "a flow list of two entries",
      `[{rolearn: ${N}, username: "system:node:{{EC2PrivateDNSName}}"} ,  {rolearn: arn:aws:iam::111122223333:role/b, username: b}]`,
      undefined,
      `[{rolearn: ${N}, username: "system:node:{{EC2PrivateDNSName}}"} ,  {rolearn: arn:aws:iam::111122223333:role/b, username: b} ,  {"rolearn":"${R}","username":"eks-sfn","groups":["eks-sfn-job-runners"]}]`,
    ],
    [
      "mapRoles null",
      `~`,
      undefined,
      `- rolearn: ${R}\n  username: eks-sfn\n  groups:\n    - eks-sfn-job-runners\n`,
    ],
    [
      "a group that YAML 1.1 reads as a boolean",
      `- rolearn: ${N}\n  username: system:node:{{EC2PrivateDNSName}}\n`,
      { username: "eks-sfn", groups: ["on", "12", "a: b", "x:"] },
      `- rolearn: ${N}\n  username: system:node:{{EC2PrivateDNSName}}\n- rolearn: ${R}\n  username: eks-sfn\n  groups:\n    - "on"\n    - "12"\n    - "a: b"\n    - "x:"\n`,
    ],
    [
      "a username with a colon and no groups",
      `- rolearn: ${N}\n  username: system:node:{{EC2PrivateDNSName}}\n`,
      { username: "eks:sfn:runner", groups: [] },
      `- rolearn: ${N}\n  username: system:node:{{EC2PrivateDNSName}}\n- rolearn: ${R}\n  username: eks:sfn:runner\n  groups: []\n`,
    ],
  ])("adds to %s in its own layout, and removing gives the text back", (_, text, who, after) => {
    const before = parseAwsAuth({ mapRoles: text, mapUsers: "- userarn: u\n" });
    const { awsAuth, change } = addRoleMapping(before, { ...request, ...who });
    expect(awsAuth.source).toStrictEqual({ mapRoles: after, mapUsers: "- userarn: u\n" });
    if (change.kind !== "added") throw new Error(`expected added, got ${change.kind}`);
    const back = removeRoleMapping(awsAuth, change.entry, { emptyBefore: change.emptyBefore });
    expect(back).toStrictEqual({ awsAuth: before, removed: true });
  });

  it.each([
    ['{"a": 1}', "it is a JSON object, not a list"],
    [" {a: 1}", "it is a JSON object, not a list"],
    ["---\n- a\n---\n- b\n", "it holds several YAML documents"],
    [
      "- rolearn: [\n",
      "it is not valid YAML (Flow sequence in block collection must be sufficiently indented and end with a ])",
    ],
    ["abc", "it is not a YAML list"],
    ["a: 1", "it is not a YAML list"],
  ])("refuses to edit mapRoles %j: %s", (text, problem) => {
    const error = thrown(() => addRoleMapping(parseAwsAuth({ mapRoles: text }), request));
    expect(error.input).toBe("aws-auth data.mapRoles");
    expect(error.message).toBe(
      `aws-auth data.mapRoles: ${problem}, so an entry cannot be added or removed without rewriting it. kube-system/aws-auth was not changed. Repair data.mapRoles by hand (kubectl edit configmap aws-auth -n kube-system), then run again.`,
    );
  });
});

describe("aws-auth: the small rules", () => {
  it.each(["", "  \n", "``", '""', "''", " '' "])("reads %j as no data, not an error", (text) => {
    expect(isSkippable(text)).toBe(true);
    expect(parseAwsAuth({ mapRoles: text, mapUsers: text, mapAccounts: text }).problems).toEqual(
      [],
    );
  });

  it.each(["[]", "~", "x", "'a'", "` `"])("reads %j as data", (text) => {
    expect(isSkippable(text)).toBe(false);
  });

  it.each<[string, { username?: string; groups?: string[] }, boolean]>([
    ["a system:node: username", { username: "system:node:{{EC2PrivateDNSName}}" }, true],
    ["the system:nodes group", { groups: ["g", "system:nodes"] }, true],
    ["the system:bootstrappers group", { groups: ["system:bootstrappers"] }, true],
    ["the system:node-proxier group", { groups: ["system:node-proxier"] }, true],
    ["a username that only ends with system:node:", { username: "x:system:node:" }, false],
    ["no username and no groups", {}, false],
    ["a workflow username and group", { username: "eks-sfn", groups: ["eks-sfn"] }, false],
  ])("tells a node mapping by %s", (_, entry, node) => {
    expect(isNodeMapping(entry)).toBe(node);
  });

  it("refuses a node username for a workflow, naming username", () => {
    const error = thrown(() =>
      addRoleMapping(parseAwsAuth({}), { ...SFN_REQUEST, username: "system:node:x" }),
    );
    expect(error.message).toBe(
      'username: "system:node:x" is the identity of a node, not of a workflow. Use a username like "eks-sfn".',
    );
  });

  it("refuses a node group, naming its place in groups", () => {
    const error = thrown(() =>
      addRoleMapping(parseAwsAuth({}), { ...SFN_REQUEST, groups: ["a", "system:nodes"] }),
    );
    expect(error.message).toBe(
      'groups[1]: "system:nodes" is a node group; a workflow\'s role must not join it. Use a group bound to the job-runner Role, such as "eks-sfn-job-runners", or none.',
    );
    expect(
      thrown(() => addRoleMapping(parseAwsAuth({}), { ...SFN_REQUEST, groups: [" a"] })).input,
    ).toBe("groups[0]");
  });

  it("writes a group named twice once", () => {
    const { change } = addRoleMapping(parseAwsAuth({}), {
      ...SFN_REQUEST,
      groups: ["a", "b", "a"],
    });
    expect(change.kind === "added" && change.entry.groups).toEqual(["a", "b"]);
  });

  it("names roleArn when findRoleMapping is given something that is not a role ARN", () => {
    expect(thrown(() => findRoleMapping(parseAwsAuth({}), "arn:aws:iam::1:user/u")).input).toBe(
      "roleArn",
    );
  });

  it("never takes an SSO entry for a role entry, even with the same username and groups", () => {
    const awsAuth = parseAwsAuth({
      mapRoles: '- sso: {accountID: "111122223333", permissionSetName: Admin}\n  username: a\n',
    });
    expect(removeRoleMapping(awsAuth, { rolearn: "", username: "a", groups: [] })).toEqual({
      awsAuth,
      removed: false,
    });
  });

  it("removes the right entry when entries EKS drops come before it", () => {
    const text = [
      "- username: dropped",
      `- rolearn: ${SFN_ROLE_WITHOUT_PATH}`,
      "  username: eks-stepfunctions",
      `- rolearn: ${NODE_ROLE}`,
      "  username: other",
      "",
    ].join("\n");
    const awsAuth = parseAwsAuth({ mapRoles: text });
    const { awsAuth: after, removed } = removeRoleMapping(
      awsAuth,
      { rolearn: SFN_ROLE_WITHOUT_PATH, username: "eks-stepfunctions" },
      { emptyBefore: { text: "[]" } },
    );
    expect(removed).toBe(true);
    expect(after.source.mapRoles).toBe(
      `- username: dropped\n- rolearn: ${NODE_ROLE}\n  username: other\n`,
    );
    expect(after.mapRoles).toEqual([{ rolearn: NODE_ROLE, username: "other" }]);
  });

  it("keeps a list whose last usable entry goes but which holds other items", () => {
    const text = `- username: dropped\n- rolearn: ${SFN_ROLE_WITHOUT_PATH}\n  username: eks-stepfunctions\n`;
    const { awsAuth } = removeRoleMapping(
      parseAwsAuth({ mapRoles: text }),
      { rolearn: SFN_ROLE_WITHOUT_PATH, username: "eks-stepfunctions" },
      { emptyBefore: { text: undefined } },
    );
    expect(awsAuth.source.mapRoles).toBe("- username: dropped\n");
  });
});

describe("aws-auth edits: more layouts", () => {
  const N = "arn:aws:iam::111122223333:role/Node";
  const R = "arn:aws:iam::111122223333:role/sfn";
  it.each([
    [`[ ]`, `[{"rolearn":"${R}","username":"eks-sfn","groups":["eks-sfn-job-runners"]} ]`],
    [
      `[{"rolearn":"${N}","username":"b"}]`,
      `[{"rolearn":"${N}","username":"b"},{"rolearn":"${R}","username":"eks-sfn","groups":["eks-sfn-job-runners"]}]`,
    ],
    [
      `# nodes\n- rolearn: ${N}\n  username: b\n`,
      `# nodes\n- rolearn: ${N}\n  username: b\n- rolearn: ${R}\n  username: eks-sfn\n  groups:\n    - eks-sfn-job-runners\n`,
    ],
    [
      `  # nodes\n  - rolearn: ${N}\n    username: b\n`,
      `  # nodes\n  - rolearn: ${N}\n    username: b\n  - rolearn: ${R}\n    username: eks-sfn\n    groups:\n      - eks-sfn-job-runners\n`,
    ],
  ])("adds to %j after its last entry, in its style", (text, after) => {
    const request = { roleArn: R, username: "eks-sfn", groups: ["eks-sfn-job-runners"] };
    expect(addRoleMapping(parseAwsAuth({ mapRoles: text }), request).awsAuth.source.mapRoles).toBe(
      after,
    );
  });

  it.each([
    [
      `[{rolearn: ${R}, username: eks-sfn, groups: [g]}, {rolearn: ${N}, username: b}]`,
      `[{rolearn: ${N}, username: b}]`,
    ],
    [
      `[{rolearn: ${N}, username: b}, {rolearn: ${R}, username: eks-sfn, groups: [g]}]`,
      `[{rolearn: ${N}, username: b}]`,
    ],
    [`[{rolearn: ${R}, username: eks-sfn, groups: [g]}]`, `[]`],
    [
      `- rolearn: ${R}\n  username: eks-sfn\n  groups: [g]\n- rolearn: ${N}\n  username: b\n`,
      `- rolearn: ${N}\n  username: b\n`,
    ],
    [
      `- rolearn: ${N}\n  username: b\n- rolearn: ${R}\n  username: eks-sfn\n  groups: [g]`,
      `- rolearn: ${N}\n  username: b`,
    ],
    [
      `- rolearn: ${N}\n  username: b\n- rolearn: ${R}\n  username: eks-sfn\n  groups: [g]\n`,
      `- rolearn: ${N}\n  username: b\n`,
    ],
    [`- rolearn: ${R}\n  username: eks-sfn\n  groups: [g]\n`, ``],
  ])("removes the entry from %j with its separator", (text, after) => {
    const entry = { rolearn: R, username: "eks-sfn", groups: ["g"] };
    expect(removeRoleMapping(parseAwsAuth({ mapRoles: text }), entry)).toEqual({
      awsAuth: parseAwsAuth({ mapRoles: after }),
      removed: true,
    });
  });
});

describe("aws-auth writes a name plain only when YAML 1.1 reads it back as the same text", () => {
  it.each([
    ["eks:sfn", "eks:sfn"],
    ["a b", '"a b"'],
    ["0x1F", '"0x1F"'],
    ["x:", '"x:"'],
    ["a: b", '"a: b"'],
    ["#a", '"#a"'],
    [".5", '".5"'],
    ["a.5", "a.5"],
    ["@x", '"@x"'],
    ["=a", "=a"],
    ["on", '"on"'],
    ["a{b}", "a{b}"],
    ["{a}", '"{a}"'],
    ["a}: b", '"a}: b"'],
    ["\u00e9", '"\u00e9"'],
  ])("writes the username %j as %s", (username, written) => {
    const { awsAuth } = addRoleMapping(parseAwsAuth({}), {
      roleArn: "arn:aws:iam::111122223333:role/sfn",
      username,
      groups: [],
    });
    expect(awsAuth.source.mapRoles?.split("\n")[1]).toBe(`  username: ${written}`);
  });
});
