// The pull request comment against a local HTTP server standing in for GitHub's REST
// API (TESTING.md): it keeps issue comments in memory, answers list/create/update as
// GitHub documents them (Link header pagination), and records every request.
import { mkdtempSync, writeFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { getOctokit } from "@actions/github";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  COMMENT_LIMIT_CHARS,
  commentMarker,
  pullRequestFromEvent,
  renderCommentBody,
  upsertPullRequestComment,
} from "./pr-comment.ts";

interface StoredComment {
  id: number;
  body: string;
  html_url: string;
  user: { login: string };
}

let server: Server;
let baseUrl: string;
let comments: StoredComment[] = [];
let requests: { method: string; url: string; authorization?: string | undefined }[] = [];
let nextId = 1000;

async function bodyOf(request: IncomingMessage): Promise<{ body: string }> {
  let text = "";
  for await (const chunk of request) text += chunk;
  return JSON.parse(text) as { body: string };
}

beforeAll(async () => {
  server = createServer(async (request, response) => {
    const url = new URL(request.url ?? "/", baseUrl);
    requests.push({
      method: request.method ?? "",
      url: url.pathname + url.search,
      authorization: request.headers.authorization,
    });
    const send = (status: number, data: unknown, headers: Record<string, string> = {}): void => {
      response.writeHead(status, { "content-type": "application/json", ...headers });
      response.end(JSON.stringify(data));
    };
    const list = /^\/repos\/octo\/app\/issues\/7\/comments$/.exec(url.pathname);
    const one = /^\/repos\/octo\/app\/issues\/comments\/(\d+)$/.exec(url.pathname);
    if (list && request.method === "GET") {
      const perPage = Number(url.searchParams.get("per_page") ?? 30);
      const page = Number(url.searchParams.get("page") ?? 1);
      const slice = comments.slice((page - 1) * perPage, page * perPage);
      const last = Math.max(1, Math.ceil(comments.length / perPage));
      const headers: Record<string, string> =
        page < last
          ? {
              link: `<${baseUrl}/repos/octo/app/issues/7/comments?per_page=${perPage}&page=${page + 1}>; rel="next", <${baseUrl}/repos/octo/app/issues/7/comments?per_page=${perPage}&page=${last}>; rel="last"`,
            }
          : {};
      send(200, slice, headers);
      return;
    }
    if (list && request.method === "POST") {
      const { body } = await bodyOf(request);
      if (body.length > COMMENT_LIMIT_CHARS) {
        send(422, { message: "Validation Failed: body is too long (maximum is 65536 characters)" });
        return;
      }
      const comment = {
        id: nextId++,
        body,
        html_url: `https://github.com/octo/app/pull/7#issuecomment-${nextId}`,
        user: { login: "github-actions[bot]" },
      };
      comments.push(comment);
      send(201, comment);
      return;
    }
    if (one && request.method === "PATCH") {
      const comment = comments.find((c) => c.id === Number(one[1]));
      if (comment === undefined) {
        send(404, { message: "Not Found" });
        return;
      }
      comment.body = (await bodyOf(request)).body;
      send(200, comment);
      return;
    }
    send(404, { message: "Not Found" });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  comments = [];
  requests = [];
});

const pullRequest = { owner: "octo", repo: "app", number: 7 };
const marker = commentMarker({ workflow: "CI", job: "run-job" });
const github = () => getOctokit("ghs_testtoken1234567890", { baseUrl });
const otherComment = (i: number): StoredComment => ({
  id: i,
  body: `a review comment ${i}`,
  html_url: "",
  user: { login: "someone" },
});

describe("upsertPullRequestComment", () => {
  it("creates the comment once, updates it on the second run, never a second one", async () => {
    const first = await upsertPullRequestComment({
      github: github(),
      pullRequest,
      marker,
      markdown: "### ❌ Job pi failed",
    });
    const second = await upsertPullRequestComment({
      github: github(),
      pullRequest,
      marker,
      markdown: "### ✅ Job pi succeeded",
    });
    expect(first.action).toBe("created");
    expect(second).toEqual({ ...first, action: "updated" });
    expect(comments.map((c) => c.body)).toEqual([`${marker}\n### ✅ Job pi succeeded`]);
    expect(requests.map((r) => `${r.method} ${r.url.split("?")[0]}`)).toEqual([
      "GET /repos/octo/app/issues/7/comments",
      "POST /repos/octo/app/issues/7/comments",
      "GET /repos/octo/app/issues/7/comments",
      `PATCH /repos/octo/app/issues/comments/${first.id}`,
    ]);
    expect(requests.every((r) => r.authorization === "token ghs_testtoken1234567890")).toBe(true);
  });

  it("finds its comment on a later page among others' comments", async () => {
    comments = Array.from({ length: 230 }, (_, i) => otherComment(i + 1));
    const created = await upsertPullRequestComment({
      github: github(),
      pullRequest,
      marker,
      markdown: "a",
    });
    const updated = await upsertPullRequestComment({
      github: github(),
      pullRequest,
      marker,
      markdown: "b",
    });
    expect(updated.id).toBe(created.id);
    expect(comments.filter((c) => c.body.startsWith(marker))).toHaveLength(1);
    expect(requests.filter((r) => r.method === "GET").map((r) => r.url)).toContain(
      "/repos/octo/app/issues/7/comments?per_page=100&page=3",
    );
  });

  it("keeps one comment per workflow job: another job's marker is another comment", async () => {
    await upsertPullRequestComment({ github: github(), pullRequest, marker, markdown: "a" });
    await upsertPullRequestComment({
      github: github(),
      pullRequest,
      marker: commentMarker({ workflow: "CI", job: "matrix" }),
      markdown: "b",
    });
    expect(comments).toHaveLength(2);
  });

  it("cuts a body over GitHub's limit, keeping the marker, and GitHub accepts it", async () => {
    const markdown = "x".repeat(COMMENT_LIMIT_CHARS * 2);
    await upsertPullRequestComment({ github: github(), pullRequest, marker, markdown });
    expect(comments[0]?.body.length).toBeLessThanOrEqual(COMMENT_LIMIT_CHARS);
    expect(comments[0]?.body.startsWith(marker)).toBe(true);
    expect(renderCommentBody(marker, "short")).toBe(`${marker}\nshort`);
  });

  it("rejects with the failing request when GitHub refuses", async () => {
    await expect(
      upsertPullRequestComment({
        github: github(),
        pullRequest: { ...pullRequest, number: 8 },
        marker,
        markdown: "a",
      }),
    ).rejects.toMatchObject({ status: 404 });
  });
});

describe("pullRequestFromEvent", () => {
  const event = (payload: unknown) => {
    const path = join(mkdtempSync(join(tmpdir(), "eks-sfn-event-")), "event.json");
    writeFileSync(path, JSON.stringify(payload));
    return { GITHUB_EVENT_PATH: path, GITHUB_REPOSITORY: "octo/app" };
  };

  it("reads a pull_request event and an issue comment on a pull request", () => {
    expect(pullRequestFromEvent(event({ pull_request: { number: 7 } }))).toEqual(pullRequest);
    expect(
      pullRequestFromEvent(event({ issue: { number: 7, pull_request: { url: "x" } } })),
    ).toEqual(pullRequest);
  });

  it("finds no pull request in a push or an issue event", () => {
    expect(pullRequestFromEvent(event({ ref: "refs/heads/main" }))).toBeUndefined();
    expect(pullRequestFromEvent(event({ issue: { number: 3 } }))).toBeUndefined();
    expect(pullRequestFromEvent({})).toBeUndefined();
  });
});
