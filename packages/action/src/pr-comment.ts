// `comment-on-pr: true`: one comment per workflow job on the pull request, found again
// by a hidden marker and updated on re-runs, never a second one. Uses the REST issues
// comments API (a pull request is an issue there): list, then update or create.
import { readFileSync } from "node:fs";
import type { getOctokit } from "@actions/github";

export type GitHubClient = ReturnType<typeof getOctokit>;

/** GitHub refuses an issue comment body longer than this many characters. */
export const COMMENT_LIMIT_CHARS = 65_536;

export interface PullRequestRef {
  readonly owner: string;
  readonly repo: string;
  readonly number: number;
}

/** The hidden line that marks this workflow job's comment (HTML comments do not render). */
export function commentMarker(identity: { workflow: string; job: string }): string {
  const clean = (text: string): string => text.replace(/--+/g, "-").replace(/[<>]/g, "");
  return `<!-- eks-sfn-action: ${clean(identity.workflow)} / ${clean(identity.job)} -->`;
}

/**
 * The pull request the workflow runs for, from the event payload (GITHUB_EVENT_PATH):
 * `pull_request` and `pull_request_target` events, or an issue comment on a pull request.
 * Undefined for any other event (a push, a schedule).
 */
export function pullRequestFromEvent(
  env: Readonly<Record<string, string | undefined>>,
): PullRequestRef | undefined {
  const path = env.GITHUB_EVENT_PATH;
  const repository = env.GITHUB_REPOSITORY;
  if (!path || !repository?.includes("/")) return undefined;
  let event: {
    pull_request?: { number?: unknown };
    issue?: { number?: unknown; pull_request?: unknown };
  };
  try {
    event = JSON.parse(readFileSync(path, "utf8"));
  } catch {
    return undefined;
  }
  const number =
    event.pull_request?.number ??
    (event.issue?.pull_request !== undefined ? event.issue?.number : undefined);
  if (typeof number !== "number") return undefined;
  const [owner = "", repo = ""] = repository.split("/");
  return { owner, repo, number };
}

/** The comment body: the marker first (so a cut never loses it), within GitHub's limit. */
export function renderCommentBody(marker: string, markdown: string): string {
  const body = `${marker}\n${markdown}`;
  if (body.length <= COMMENT_LIMIT_CHARS) return body;
  const note = "\n\n…(cut to fit a pull request comment; the job summary has everything)\n";
  return body.slice(0, COMMENT_LIMIT_CHARS - note.length) + note;
}

/**
 * Creates this job's comment on the pull request, or updates the one that carries the
 * marker. Comments are listed page by page (100 a page) until the marker is found.
 * @throws the Octokit RequestError of the failing call (its status and URL name it).
 */
export async function upsertPullRequestComment(request: {
  github: GitHubClient;
  pullRequest: PullRequestRef;
  marker: string;
  markdown: string;
}): Promise<{ action: "created" | "updated"; id: number; url: string }> {
  const { github, pullRequest, marker } = request;
  const body = renderCommentBody(marker, request.markdown);
  const params = {
    owner: pullRequest.owner,
    repo: pullRequest.repo,
    issue_number: pullRequest.number,
    per_page: 100,
  };
  let existing: { id: number } | undefined;
  for await (const page of github.paginate.iterator(github.rest.issues.listComments, params)) {
    existing = page.data.find((comment) => comment.body?.startsWith(marker) === true);
    if (existing !== undefined) break;
  }
  if (existing !== undefined) {
    const { data } = await github.rest.issues.updateComment({
      owner: pullRequest.owner,
      repo: pullRequest.repo,
      comment_id: existing.id,
      body,
    });
    return { action: "updated", id: data.id, url: data.html_url };
  }
  const { data } = await github.rest.issues.createComment({
    owner: pullRequest.owner,
    repo: pullRequest.repo,
    issue_number: pullRequest.number,
    body,
  });
  return { action: "created", id: data.id, url: data.html_url };
}
