import { EKSClient, ListClustersCommand } from "@aws-sdk/client-eks";
import { beforeAll, describe, expect, it } from "vitest";
import { piJob } from "../../../../../test/support/jobs.ts";
import {
  adminKubeConfig,
  createTestNamespace,
  motoClientConfig,
  testStack,
} from "../../../../../test/support/stack.ts";
import { toEksRequest, toStepFunctionsResult } from "./cluster-tasks.ts";
import { createLocalEngine } from "./local.ts";

describe("the PascalCase of the EKS cluster tasks", () => {
  it("turns Step Functions parameters into the EKS request, keeping tag and label keys", () => {
    expect(
      toEksRequest({
        Name: "c1",
        RoleArn: "arn:aws:iam::123456789012:role/r",
        ResourcesVpcConfig: { SubnetIds: ["s-1"], EndpointPublicAccess: true },
        Tags: { Team: "Data" },
        Labels: { "node.kubernetes.io/Role": "x" },
      }),
    ).toEqual({
      name: "c1",
      roleArn: "arn:aws:iam::123456789012:role/r",
      resourcesVpcConfig: { subnetIds: ["s-1"], endpointPublicAccess: true },
      tags: { Team: "Data" },
      labels: { "node.kubernetes.io/Role": "x" },
    });
  });

  it("returns the EKS response in PascalCase with times as text and no SDK metadata", () => {
    expect(
      toStepFunctionsResult({
        $metadata: { httpStatusCode: 200 },
        cluster: {
          name: "c1",
          endpoint: "https://example",
          certificateAuthority: { data: "Q0E=" },
          createdAt: new Date("2026-11-30T00:00:00Z"),
          tags: { team: "data" },
        },
      }),
    ).toEqual({
      Cluster: {
        Name: "c1",
        Endpoint: "https://example",
        CertificateAuthority: { Data: "Q0E=" },
        CreatedAt: "2026-11-30T00:00:00.000Z",
        Tags: { team: "data" },
      },
    });
  });
});

function temporaryClusterDefinition(
  namespace: string,
  jobName: string,
  annotations: Record<string, string>,
) {
  return {
    Comment: "The sample project's flow: a cluster and node group for one Job, always deleted",
    StartAt: "Create cluster",
    States: {
      "Create cluster": {
        Type: "Task",
        Resource: "arn:aws:states:::eks:createCluster.sync",
        Parameters: {
          "Name.$": "$.clusterName",
          RoleArn: "arn:aws:iam::123456789012:role/eks-cluster",
          ResourcesVpcConfig: { SubnetIds: ["subnet-1", "subnet-2"] },
        },
        ResultPath: "$.eks",
        Next: "Create node group",
      },
      "Create node group": {
        Type: "Task",
        Resource: "arn:aws:states:::eks:createNodegroup.sync",
        Parameters: {
          "ClusterName.$": "$.clusterName",
          NodegroupName: "jobs",
          NodeRole: "arn:aws:iam::123456789012:role/eks-node",
          Subnets: ["subnet-1", "subnet-2"],
        },
        ResultPath: "$.nodegroup",
        Next: "Run job",
      },
      "Run job": {
        Type: "Task",
        Resource: "arn:aws:states:::eks:runJob.sync",
        Parameters: {
          "ClusterName.$": "$.eks.Cluster.Name",
          "CertificateAuthority.$": "$.eks.Cluster.CertificateAuthority.Data",
          "Endpoint.$": "$.eks.Cluster.Endpoint",
          Namespace: namespace,
          Job: piJob(jobName, annotations),
        },
        ResultSelector: { "succeeded.$": "$.status.succeeded" },
        ResultPath: "$.job",
        Catch: [
          { ErrorEquals: ["States.ALL"], ResultPath: "$.failure", Next: "Delete node group" },
        ],
        Next: "Delete node group",
      },
      "Delete node group": {
        Type: "Task",
        Resource: "arn:aws:states:::eks:deleteNodegroup.sync",
        Parameters: { "ClusterName.$": "$.clusterName", NodegroupName: "jobs" },
        ResultPath: null,
        Next: "Delete cluster",
      },
      "Delete cluster": {
        Type: "Task",
        Resource: "arn:aws:states:::eks:deleteCluster.sync",
        Parameters: { "Name.$": "$.clusterName" },
        ResultPath: null,
        Next: "Job failed?",
      },
      "Job failed?": {
        Type: "Choice",
        Choices: [{ Variable: "$.failure", IsPresent: true, Next: "Failed" }],
        Default: "Done",
      },
      Failed: { Type: "Fail", Error: "JobFailed", CausePath: "$.failure.Cause" },
      Done: { Type: "Succeed" },
    },
  };
}

describe("the cluster tasks against moto's EKS, with the Job on the test cluster", () => {
  let namespace = "";
  beforeAll(async () => {
    namespace = await createTestNamespace("temporary-cluster");
  });

  async function runTemporaryCluster(clusterName: string, annotations: Record<string, string>) {
    const eks = new EKSClient(motoClientConfig());
    const engine = createLocalEngine({
      identity: { type: "kubeconfig", kubeConfig: adminKubeConfig() },
      clusterTasks: { eks, waiterDelaySeconds: { min: 1, max: 2 } },
      clusters: { [clusterName]: adminKubeConfig() },
    });
    const handle = await engine.start({
      definition: temporaryClusterDefinition(namespace, `job-${clusterName}`, annotations) as never,
      input: { clusterName },
      name: clusterName,
      signal: new AbortController().signal,
    });
    const entered: string[] = [];
    for await (const event of handle.events()) {
      if (event.type === "state-entered") entered.push(event.state);
    }
    const clusters = (await eks.send(new ListClustersCommand({}))).clusters ?? [];
    return { outcome: await handle.outcome(), entered, clusters };
  }

  it("creates the cluster and node group in moto, runs the Job on the mapped cluster, and deletes both", async () => {
    const { outcome, entered, clusters } = await runTemporaryCluster("temp-ok", {});
    expect(outcome.error).toBeUndefined();
    expect(outcome.status).toBe("SUCCEEDED");
    const output = outcome.output as {
      eks: { Cluster: { Name: string; Endpoint: string; CertificateAuthority: { Data: string } } };
      nodegroup: { Nodegroup: { NodegroupName: string; Status: string } };
      job: { succeeded: number };
    };
    expect(output.eks.Cluster.Name).toBe("temp-ok");
    expect(output.eks.Cluster.Endpoint).toBe(testStack().kube.server);
    expect(output.eks.Cluster.CertificateAuthority.Data).toBe(testStack().kube.caData);
    expect(output.nodegroup.Nodegroup).toMatchObject({ NodegroupName: "jobs", Status: "ACTIVE" });
    expect(output.job).toEqual({ succeeded: 1 });
    expect(entered).toEqual([
      "Create cluster",
      "Create node group",
      "Run job",
      "Delete node group",
      "Delete cluster",
      "Job failed?",
      "Done",
    ]);
    expect(clusters).not.toContain("temp-ok");
  });

  it("still deletes the node group and the cluster when the Job fails, and fails with the Job's failure", async () => {
    const { outcome, entered, clusters } = await runTemporaryCluster("temp-fail", {
      "eks-sfn.test/exit-code": "2",
    });
    expect(outcome).toMatchObject({ status: "FAILED", error: "JobFailed" });
    expect(JSON.parse(outcome.cause ?? "{}").status.conditions).toContainEqual(
      expect.objectContaining({ type: "Failed", reason: "BackoffLimitExceeded" }),
    );
    expect(entered).toContain("Delete node group");
    expect(entered).toContain("Delete cluster");
    expect(clusters).not.toContain("temp-fail");
  });
});
