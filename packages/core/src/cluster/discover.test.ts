import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import {
  type Cluster,
  CreateClusterCommand,
  DescribeClusterCommand,
  EKSClient,
} from "@aws-sdk/client-eks";
import { UserInputError } from "@eks-sfn/rbac";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rejection } from "../../../../test/support/rejection.ts";
import { motoClientConfig, resetMoto } from "../../../../test/support/stack.ts";
import { ClusterDiscoveryError } from "./cluster-discovery-error.ts";
import { checkClusterUsable, discoverCluster, waitForClusterActive } from "./discover.ts";

const ROLE_ARN = "arn:aws:iam::123456789012:role/eks";

/**
 * A proxy in front of moto that names the EKS requests it forwards and can make
 * DescribeCluster report another status for a cluster: moto makes every cluster ACTIVE
 * at once and has no CREATING, UPDATING or DELETING of its own.
 */
interface StatusProxy {
  readonly endpoint: string;
  readonly requests: string[];
  /** Statuses to report for a cluster, one per DescribeCluster; the last one stays. */
  readonly statuses: Map<string, string[]>;
  close(): Promise<void>;
}

const HOP_HEADERS = new Set([
  "host",
  "connection",
  "content-length",
  "transfer-encoding",
  "content-encoding",
]);

async function startStatusProxy(upstream: string): Promise<StatusProxy> {
  const requests: string[] = [];
  const statuses = new Map<string, string[]>();
  const server = createServer((req, res) => {
    void (async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const url = new URL(req.url ?? "/", upstream);
      const headers = new Headers();
      for (const [key, value] of Object.entries(req.headers)) {
        if (typeof value === "string" && !HOP_HEADERS.has(key)) headers.set(key, value);
      }
      const answer = await fetch(url, {
        method: req.method ?? "GET",
        headers,
        ...(chunks.length > 0 ? { body: Buffer.concat(chunks) } : {}),
      });
      let text = await answer.text();
      const described =
        req.method === "GET" ? /^\/clusters\/([^/]+)$/.exec(url.pathname)?.[1] : undefined;
      if (described !== undefined) requests.push("DescribeCluster");
      else if (req.method === "GET" && url.pathname === "/clusters") requests.push("ListClusters");
      else requests.push(`${req.method} ${url.pathname}`);
      const queue =
        described === undefined ? undefined : statuses.get(decodeURIComponent(described));
      if (queue !== undefined && answer.ok) {
        const status = queue.length > 1 ? queue.shift() : queue[0];
        const body = JSON.parse(text) as { cluster: { status?: string } };
        if (status !== undefined) body.cluster.status = status;
        text = JSON.stringify(body);
      }
      const outHeaders: Record<string, string> = {};
      answer.headers.forEach((value, key) => {
        if (!HOP_HEADERS.has(key)) outHeaders[key] = value;
      });
      res.writeHead(answer.status, outHeaders);
      res.end(text);
    })().catch((error: unknown) => {
      res.writeHead(502, { "content-type": "text/plain" });
      res.end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    requests,
    statuses,
    close: () =>
      new Promise((resolve, reject) =>
        server.close((error) => (error ? reject(error) : resolve())),
      ),
  };
}

async function userInputError(promise: Promise<unknown>): Promise<UserInputError> {
  const error = await rejection(promise);
  expect(error).toBeInstanceOf(UserInputError);
  return error as UserInputError;
}

async function discoveryError(promise: Promise<unknown>): Promise<ClusterDiscoveryError> {
  const error = await rejection(promise);
  expect(error).toBeInstanceOf(ClusterDiscoveryError);
  return error as ClusterDiscoveryError;
}

describe("discoverCluster against moto", () => {
  let moto: EKSClient;
  let proxy: StatusProxy;
  let eks: EKSClient;

  async function createCluster(
    name: string,
    tags: Record<string, string>,
    vpc: { endpointPublicAccess?: boolean } = {},
  ): Promise<Cluster> {
    const out = await moto.send(
      new CreateClusterCommand({
        name,
        roleArn: ROLE_ARN,
        version: "1.33",
        resourcesVpcConfig: { subnetIds: [], ...vpc },
        tags,
      }),
    );
    if (!out.cluster) throw new Error(`moto created no cluster ${name}`);
    return out.cluster;
  }

  beforeAll(async () => {
    await resetMoto();
    moto = new EKSClient(motoClientConfig());
    proxy = await startStatusProxy(motoClientConfig().endpoint);
    eks = new EKSClient({ ...motoClientConfig(), endpoint: proxy.endpoint });
    await createCluster("ci-test", { team: "ci", env: "test" }, { endpointPublicAccess: true });
    await createCluster("ci-prod", { team: "ci", env: "prod" });
    await createCluster("other", { team: "other" });
    await createCluster("private-only", { team: "private" }, { endpointPublicAccess: false });
    await createCluster("creating", { team: "slow" });
    await createCluster("stuck", { team: "stuck" });
    await createCluster("going-away", { team: "gone" });
    await createCluster("zz-last-page", { team: "last" });
  });

  afterAll(async () => {
    eks?.destroy();
    moto?.destroy();
    await proxy?.close();
  });

  it("describes a cluster by name into a ClusterEndpoint", async () => {
    const described = (await moto.send(new DescribeClusterCommand({ name: "ci-test" }))).cluster;
    const cluster = await discoverCluster({ eks, target: { kind: "name", name: "ci-test" } });
    expect(cluster).toEqual({
      name: "ci-test",
      arn: "arn:aws:eks:us-east-1:123456789012:cluster/ci-test",
      endpoint: described?.endpoint,
      certificateAuthorityData: described?.certificateAuthority?.data,
      version: "1.33",
      status: "ACTIVE",
      authenticationMode: "CONFIG_MAP",
      endpointPublicAccess: true,
      tags: { team: "ci", env: "test" },
      source: "describe",
    });
    expect(cluster.endpoint).toMatch(/^https:\/\//);
  });

  it("finds the one cluster that has all the given tags", async () => {
    const cluster = await discoverCluster({
      eks,
      target: { kind: "tags", tags: { team: "ci", env: "test" } },
    });
    expect(cluster.name).toBe("ci-test");
    expect(cluster.source).toBe("describe");
  });

  it("reads every page of ListClusters when matching tags", async () => {
    proxy.requests.length = 0;
    const cluster = await discoverCluster({
      eks,
      target: { kind: "tags", tags: { team: "last" } },
      pageSize: 3,
    });
    expect(cluster.name).toBe("zz-last-page");
    // Eight clusters, three a page.
    expect(proxy.requests.filter((request) => request === "ListClusters")).toHaveLength(3);
    expect(proxy.requests.filter((request) => request === "DescribeCluster")).toHaveLength(8);
  });

  it("names every cluster when more than one has the tags", async () => {
    const error = await userInputError(
      discoverCluster({ eks, target: { kind: "tags", tags: { team: "ci" } } }),
    );
    expect(error.input).toBe("cluster-tags");
    expect(error.message).toBe(
      "cluster-tags: 2 clusters in us-east-1 have all of the tags team=ci: ci-prod, ci-test. Add a tag that only one of them has, or give `cluster-name` instead.",
    );
  });

  it("says so when no cluster has the tags, and names clusters that exist", async () => {
    const error = await userInputError(
      discoverCluster({ eks, target: { kind: "tags", tags: { team: "ci", env: "staging" } } }),
    );
    expect(error.input).toBe("cluster-tags");
    expect(error.message).toContain(
      "no cluster in us-east-1 has all of the tags team=ci, env=staging",
    );
    expect(error.message).toContain("clusters there: ");
  });

  it("lists up to five clusters of the region when the name is not found", async () => {
    const error = await userInputError(
      discoverCluster({ eks, target: { kind: "name", name: "nope" } }),
    );
    expect(error.input).toBe("cluster-name");
    expect(error.message).toBe(
      'cluster-name: cluster "nope" not found in us-east-1; clusters there: ci-prod, ci-test, creating, going-away, other and 3 more. Check `cluster-name` and the region.',
    );
  });

  it("says the region has no clusters when the name is not found in an empty region", async () => {
    const elsewhere = new EKSClient({ ...motoClientConfig(), region: "eu-west-3" });
    try {
      const error = await userInputError(
        discoverCluster({ eks: elsewhere, target: { kind: "name", name: "ci-test" } }),
      );
      expect(error.message).toBe(
        'cluster-name: cluster "ci-test" not found in eu-west-3; there are no clusters there. Check `cluster-name` and the region.',
      );
    } finally {
      elsewhere.destroy();
    }
  });

  it("refuses a cluster whose API endpoint is private only, and says how to open it", async () => {
    const error = await discoveryError(
      discoverCluster({ eks, target: { kind: "name", name: "private-only" } }),
    );
    expect(error.reason).toBe("private-endpoint");
    expect(error.clusterName).toBe("private-only");
    expect(error.request).toBe("DescribeCluster");
    expect(error.message).toContain("only support clusters whose API endpoint has public access");
    expect(error.message).toContain(
      "aws eks update-cluster-config --name private-only --resources-vpc-config endpointPublicAccess=true",
    );
  });

  it("makes no AWS request for an explicit cluster", async () => {
    proxy.requests.length = 0;
    const cluster = await discoverCluster({
      eks,
      target: {
        kind: "explicit",
        name: "c1",
        endpoint: "https://example.com",
        certificateAuthorityData: "Q0E=",
      },
    });
    expect(cluster).toEqual({
      name: "c1",
      endpoint: "https://example.com",
      certificateAuthorityData: "Q0E=",
      source: "explicit",
    });
    expect(proxy.requests).toEqual([]);
  });

  it("waits with the EKS waiter for a CREATING cluster to become ACTIVE", async () => {
    proxy.requests.length = 0;
    proxy.statuses.set("creating", ["CREATING", "CREATING", "ACTIVE"]);
    const cluster = await discoverCluster({
      eks,
      target: { kind: "name", name: "creating" },
      timeoutMs: 4_000,
    });
    expect(cluster.status).toBe("ACTIVE");
    expect(proxy.requests).toEqual(["DescribeCluster", "DescribeCluster", "DescribeCluster"]);
  });

  it("fails at once on a CREATING cluster when told not to wait", async () => {
    proxy.statuses.set("creating", ["CREATING"]);
    const error = await discoveryError(
      discoverCluster({ eks, target: { kind: "name", name: "creating" }, waitForActive: false }),
    );
    expect(error.reason).toBe("not-active");
    expect(error.message).toContain('cluster "creating" is CREATING, not yet ACTIVE');
  });

  it("gives up after the timeout and names the cluster, its status and the wait", async () => {
    proxy.statuses.set("stuck", ["UPDATING"]);
    const error = await discoveryError(
      discoverCluster({ eks, target: { kind: "name", name: "stuck" }, timeoutMs: 2_000 }),
    );
    expect(error.reason).toBe("timeout");
    expect(error.clusterName).toBe("stuck");
    expect(error.message).toContain(
      'cluster "stuck" is still UPDATING after waiting 2 s for it to become ACTIVE',
    );
  });

  it("stops waiting when the signal aborts, with the signal's reason", async () => {
    proxy.statuses.set("stuck", ["CREATING"]);
    const controller = new AbortController();
    const reason = new Error("cancelled by the workflow");
    setTimeout(() => controller.abort(reason), 300);
    const error = await rejection(
      discoverCluster({
        eks,
        target: { kind: "name", name: "stuck" },
        timeoutMs: 60_000,
        signal: controller.signal,
      }),
    );
    expect(error).toBe(reason);
  });

  it("refuses a DELETING cluster", async () => {
    proxy.statuses.set("going-away", ["DELETING"]);
    const error = await discoveryError(
      discoverCluster({ eks, target: { kind: "name", name: "going-away" } }),
    );
    expect(error.reason).toBe("not-active");
    expect(error.message).toContain('cluster "going-away" is DELETING');
  });

  it("refuses a cluster that turns DELETING while it is waited for", async () => {
    proxy.statuses.set("going-away", ["CREATING", "DELETING"]);
    const error = await discoveryError(
      discoverCluster({ eks, target: { kind: "name", name: "going-away" }, timeoutMs: 4_000 }),
    );
    expect(error.reason).toBe("not-active");
    expect(error.message).toContain('cluster "going-away" is DELETING');
  });

  it("returns at once from waitForClusterActive for an ACTIVE cluster", async () => {
    proxy.requests.length = 0;
    const cluster = await waitForClusterActive({ eks, name: "ci-prod" });
    expect(cluster.status).toBe("ACTIVE");
    expect(proxy.requests).toEqual(["DescribeCluster"]);
  });
});

describe("checkClusterUsable", () => {
  const active: Cluster = {
    name: "c1",
    arn: "arn:aws:eks:us-east-1:123456789012:cluster/c1",
    status: "ACTIVE",
    version: "1.33",
    endpoint: "https://ABC.gr7.us-east-1.eks.amazonaws.com",
    certificateAuthority: { data: "Q0E=" },
    resourcesVpcConfig: { endpointPublicAccess: true, endpointPrivateAccess: false },
    accessConfig: { authenticationMode: "API_AND_CONFIG_MAP" },
    tags: { team: "ci" },
  };

  it("uses an ACTIVE cluster with a public endpoint", () => {
    expect(checkClusterUsable(active)).toEqual({
      kind: "usable",
      cluster: {
        name: "c1",
        arn: "arn:aws:eks:us-east-1:123456789012:cluster/c1",
        endpoint: "https://ABC.gr7.us-east-1.eks.amazonaws.com",
        certificateAuthorityData: "Q0E=",
        version: "1.33",
        status: "ACTIVE",
        authenticationMode: "API_AND_CONFIG_MAP",
        endpointPublicAccess: true,
        tags: { team: "ci" },
        source: "describe",
      },
    });
  });

  it("reads a cluster without accessConfig as CONFIG_MAP", () => {
    const { accessConfig: _, ...old } = active;
    expect(checkClusterUsable(old)).toMatchObject({
      kind: "usable",
      cluster: { authenticationMode: "CONFIG_MAP" },
    });
  });

  it.each(["CREATING", "UPDATING"])("waits for a %s cluster", (status) => {
    expect(checkClusterUsable({ ...active, status: status as Cluster["status"] })).toEqual({
      kind: "wait",
      status,
    });
  });

  it("refuses a DELETING cluster", () => {
    expect(checkClusterUsable({ ...active, status: "DELETING" })).toMatchObject({
      kind: "unusable",
      reason: "not-active",
      message: expect.stringContaining('cluster "c1" is DELETING'),
    });
  });

  it("refuses a FAILED cluster and shows its health issues", () => {
    const failed: Cluster = {
      ...active,
      status: "FAILED",
      health: { issues: [{ code: "Ec2SubnetNotFound", message: "subnet-1 does not exist" }] },
    };
    expect(checkClusterUsable(failed)).toMatchObject({
      kind: "unusable",
      reason: "not-active",
      message: expect.stringContaining(
        "is FAILED (health: Ec2SubnetNotFound: subnet-1 does not exist)",
      ),
    });
  });

  it("refuses a status it does not know", () => {
    expect(checkClusterUsable({ ...active, status: "PENDING" })).toMatchObject({
      kind: "unusable",
      reason: "not-active",
      message: expect.stringContaining("is PENDING, not ACTIVE"),
    });
  });

  it("refuses a private-only cluster without waiting for it to finish creating", () => {
    const creating: Cluster = {
      ...active,
      status: "CREATING",
      resourcesVpcConfig: { endpointPublicAccess: false, endpointPrivateAccess: true },
    };
    expect(checkClusterUsable(creating)).toMatchObject({
      kind: "unusable",
      reason: "private-endpoint",
    });
  });

  it("waits for an UPDATING private-only cluster, as the update may open the endpoint", () => {
    const updating: Cluster = {
      ...active,
      status: "UPDATING",
      resourcesVpcConfig: { endpointPublicAccess: false },
    };
    expect(checkClusterUsable(updating)).toEqual({ kind: "wait", status: "UPDATING" });
  });

  it("treats a missing endpointPublicAccess as public, the EKS default", () => {
    const { resourcesVpcConfig: _, ...noVpc } = active;
    const verdict = checkClusterUsable(noVpc);
    expect(verdict.kind).toBe("usable");
    expect(verdict.kind === "usable" && "endpointPublicAccess" in verdict.cluster).toBe(false);
  });

  it("refuses an ACTIVE cluster that DescribeCluster gave no CA for", () => {
    expect(checkClusterUsable({ ...active, certificateAuthority: {} })).toMatchObject({
      kind: "unusable",
      reason: "incomplete",
    });
  });
});
