import { UserInputError } from "@eks-sfn/rbac";
import { describe, expect, it } from "vitest";
import { UNRELATED_CA_DATA, UNRELATED_CA_PEM } from "../../../../test/support/unrelated-ca.ts";
import { type ClusterTargetInput, parseClusterTarget } from "./cluster-target.ts";

const CA_DATA = UNRELATED_CA_DATA;
const ENDPOINT = "https://ABCDEF0123456789.gr7.us-east-1.eks.amazonaws.com";

function inputError(input: ClusterTargetInput): UserInputError {
  try {
    parseClusterTarget(input);
  } catch (error) {
    if (error instanceof UserInputError) {
      expectProblemAndFix(error);
      return error;
    }
    throw error;
  }
  throw new Error(`parseClusterTarget accepted ${JSON.stringify(input)}`);
}

/** "<input>: <problem>. <fix>", neither the problem nor the fix left empty. */
function expectProblemAndFix(error: UserInputError): void {
  expect(error.message.startsWith(`${error.input}: `)).toBe(true);
  const rest = error.message.slice(error.input.length + 2);
  expect(rest).not.toMatch(/^\. /);
  expect(rest).not.toMatch(/\. $/);
  expect(rest).toContain(". ");
}

describe("parseClusterTarget", () => {
  it("takes a cluster name as a lookup by name", () => {
    expect(parseClusterTarget({ name: " my-cluster_1 " })).toEqual({
      kind: "name",
      name: "my-cluster_1",
    });
  });

  it("reads tags written as key=value pairs separated by commas", () => {
    expect(parseClusterTarget({ tags: "team=ci, env = test" })).toEqual({
      kind: "tags",
      tags: { team: "ci", env: "test" },
    });
  });

  it("reads tags written one per line, with '=' allowed in a value and an empty value", () => {
    expect(parseClusterTarget({ tags: "team=ci\nquery=a=b\n\nempty=\n" })).toEqual({
      kind: "tags",
      tags: { team: "ci", query: "a=b", empty: "" },
    });
  });

  it("takes tags given as a map", () => {
    expect(parseClusterTarget({ tags: { team: "ci" } })).toEqual({
      kind: "tags",
      tags: { team: "ci" },
    });
  });

  it("treats blank inputs as not given, as an unset action input is empty", () => {
    expect(
      parseClusterTarget({ name: "c1", tags: "  ", endpoint: "", certificateAuthorityData: "" }),
    ).toEqual({
      kind: "name",
      name: "c1",
    });
  });

  it("takes name, endpoint and CA together as an explicit cluster", () => {
    expect(
      parseClusterTarget({
        name: "c1",
        endpoint: `${ENDPOINT}/`,
        certificateAuthorityData: CA_DATA,
      }),
    ).toEqual({
      kind: "explicit",
      name: "c1",
      endpoint: ENDPOINT,
      certificateAuthorityData: CA_DATA,
    });
  });

  it("drops the line breaks of a wrapped base64 CA", () => {
    const wrapped = CA_DATA.replace(/(.{64})/g, "$1\n");
    const target = parseClusterTarget({
      name: "c1",
      endpoint: ENDPOINT,
      certificateAuthorityData: wrapped,
    });
    expect(target).toMatchObject({ kind: "explicit", certificateAuthorityData: CA_DATA });
  });

  it("names the cluster-name input when nothing is given", () => {
    const error = inputError({});
    expect(error.input).toBe("cluster-name");
    expect(error.message).toContain("no cluster was given");
  });

  it.each([["-starts-with-dash"], ["has space"], ["dots.are.not.allowed"], ["a".repeat(101)]])(
    "rejects the cluster name %j and names cluster-name",
    (name) => {
      const error = inputError({ name });
      expect(error.input).toBe("cluster-name");
      expect(error.message).toContain("not a valid EKS cluster name");
    },
  );

  it("accepts a cluster name of exactly 100 characters", () => {
    expect(parseClusterTarget({ name: "a".repeat(100) })).toMatchObject({ kind: "name" });
  });

  it("refuses a name and tags together and names cluster-tags", () => {
    const error = inputError({ name: "c1", tags: "team=ci" });
    expect(error.input).toBe("cluster-tags");
    expect(error.message).toContain("cannot be used together with `cluster-name`");
  });

  it.each([
    ["team", '"team" is not a "key=value" pair'],
    ["=ci", "is not a valid tag key"],
    [`${"k".repeat(129)}=v`, "is not a valid tag key"],
    [`k=${"v".repeat(257)}`, "longer than 256 characters"],
    ["team=ci,team=cd", 'tag "team" is given twice'],
  ])("rejects the tags %j and names cluster-tags", (tags, problem) => {
    const error = inputError({ tags });
    expect(error.input).toBe("cluster-tags");
    expect(error.message).toContain(problem);
  });

  it("rejects a tag map with an empty key", () => {
    expect(inputError({ tags: { "": "x" } }).input).toBe("cluster-tags");
  });

  it("refuses an endpoint with tags and names cluster-endpoint", () => {
    const error = inputError({
      tags: "team=ci",
      endpoint: ENDPOINT,
      certificateAuthorityData: CA_DATA,
    });
    expect(error.input).toBe("cluster-endpoint");
  });

  it("refuses a CA with tags and names cluster-certificate-authority-data", () => {
    const error = inputError({ tags: "team=ci", certificateAuthorityData: CA_DATA });
    expect(error.input).toBe("cluster-certificate-authority-data");
  });

  it("refuses an endpoint without a CA and names the CA input", () => {
    const error = inputError({ name: "c1", endpoint: ENDPOINT });
    expect(error.input).toBe("cluster-certificate-authority-data");
    expect(error.message).toContain("is required when `cluster-endpoint` is given");
  });

  it("refuses a CA without an endpoint and names the endpoint input", () => {
    const error = inputError({ name: "c1", certificateAuthorityData: CA_DATA });
    expect(error.input).toBe("cluster-endpoint");
    expect(error.message).toContain(
      "is required when `cluster-certificate-authority-data` is given",
    );
  });

  it("refuses an endpoint and CA without a name, as Step Functions needs the name", () => {
    const error = inputError({ endpoint: ENDPOINT, certificateAuthorityData: CA_DATA });
    expect(error.input).toBe("cluster-name");
  });

  it.each([
    ["not a url", "is not a URL"],
    ["http://example.com", "is not an https URL"],
    ["https://user:pass@example.com", "credentials, a query or a fragment"],
    ["https://example.com/?x=1", "credentials, a query or a fragment"],
  ])("rejects the endpoint %j and names cluster-endpoint", (endpoint, problem) => {
    const error = inputError({ name: "c1", endpoint, certificateAuthorityData: CA_DATA });
    expect(error.input).toBe("cluster-endpoint");
    expect(error.message).toContain(problem);
  });

  it.each([
    ["a PEM pasted as it is", UNRELATED_CA_PEM, "is a PEM certificate, not its base64"],
    ["text that is not base64", "not*base64!", "is not base64"],
    [
      "base64 of something else",
      Buffer.from("hello world!").toString("base64"),
      "not of a PEM certificate",
    ],
    [
      "base64 of a broken PEM",
      Buffer.from("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n").toString(
        "base64",
      ),
      "not a valid certificate",
    ],
  ])(
    "rejects %s as CA data and names cluster-certificate-authority-data",
    (_what, caData, problem) => {
      const error = inputError({
        name: "c1",
        endpoint: ENDPOINT,
        certificateAuthorityData: caData,
      });
      expect(error.input).toBe("cluster-certificate-authority-data");
      expect(error.message).toContain(problem);
    },
  );

  it("refuses an endpoint with tags and no CA, naming cluster-endpoint", () => {
    const error = inputError({ tags: "team=ci", endpoint: ENDPOINT });
    expect(error.input).toBe("cluster-endpoint");
    expect(error.message).toContain("cannot be used together with `cluster-tags`");
  });

  it("takes a tag key of 128 characters and a value of 256", () => {
    const tags = { ["k".repeat(128)]: "v".repeat(256) };
    expect(parseClusterTarget({ tags })).toEqual({ kind: "tags", tags });
  });

  it("takes a tag given twice with the same value once", () => {
    expect(parseClusterTarget({ tags: "team=ci, team = ci" })).toEqual({
      kind: "tags",
      tags: { team: "ci" },
    });
  });

  it("refuses a tag map whose value is not a string", () => {
    const error = inputError({ tags: { team: 5 } as unknown as Record<string, string> });
    expect(error.input).toBe("cluster-tags");
    expect(error.message).toBe(
      'cluster-tags: the value of tag "team" is not a string. Give each tag as "key=value".',
    );
  });

  it.each([
    ["https://user@example.com"],
    ["https://:secret@example.com"],
    ["https://example.com/#part"],
  ])("rejects the endpoint %j, which carries more than a host", (endpoint) => {
    const error = inputError({ name: "c1", endpoint, certificateAuthorityData: CA_DATA });
    expect(error.input).toBe("cluster-endpoint");
    expect(error.message).toContain("credentials, a query or a fragment");
  });

  it("drops every trailing slash of the endpoint", () => {
    expect(
      parseClusterTarget({
        name: "c1",
        endpoint: `${ENDPOINT}///`,
        certificateAuthorityData: CA_DATA,
      }),
    ).toMatchObject({ endpoint: ENDPOINT });
  });

  it.each([
    ["with a character cut off the end", CA_DATA.slice(0, -1)],
    ["after four characters that are not base64", `****${CA_DATA}`],
    ["followed by four characters that are not base64", `${CA_DATA}****`],
  ])("calls CA data %s not base64", (_what, caData) => {
    const error = inputError({ name: "c1", endpoint: ENDPOINT, certificateAuthorityData: caData });
    expect(error.input).toBe("cluster-certificate-authority-data");
    expect(error.message).toMatch(/^cluster-certificate-authority-data: is not base64\. /);
  });

  it("names the inputs a front end calls them", () => {
    expect(() => parseClusterTarget({}, { name: "--cluster" })).toThrow(
      /^--cluster: no cluster was given/,
    );
  });
});
