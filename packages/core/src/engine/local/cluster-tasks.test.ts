import { describe, expect, it } from "vitest";
import { toEksRequest, toStepFunctionsResult } from "./cluster-tasks.ts";

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
