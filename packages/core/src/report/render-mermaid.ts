// A definition drawn as a Mermaid flowchart, with the path an execution took and the
// state that failed marked: for a pull-request comment or a step summary (GitHub renders
// ```mermaid blocks). Pure.
import { type StateGraph, type StateMachineDefinition, stateGraph } from "@eks-sfn/rbac";
import type { ExecutionReport, StateVisit } from "./execution-report.ts";

/** The classes a node gets: the last visit's status; states never entered get none. */
const CLASS_STYLES = [
  "classDef succeeded fill:#dcfce7,stroke:#15803d,color:#14532d",
  "classDef failed fill:#fee2e2,stroke:#b91c1c,color:#7f1d1d,stroke-width:3px",
  "classDef caught fill:#fef9c3,stroke:#a16207,color:#713f12",
  "classDef running fill:#dbeafe,stroke:#1d4ed8,color:#1e3a8a",
];
const TAKEN_EDGE = "stroke:#15803d,stroke-width:3px";

/**
 * A `flowchart TD` of `definition`: one node per state (Choice as a rhombus, Succeed and
 * Fail as stadiums, Map and Parallel with their branches in subgraphs), edges for Next,
 * Default, Choice rules, Catch (labelled with their errors) and branch starts. With a
 * report, the states entered are coloured by how their last visit ended (failed states
 * thick red), carry their duration and retries, and the transitions taken are drawn thick.
 * The text has no ``` fence; it ends with a newline.
 */
export function renderReportMermaid(options: {
  definition: StateMachineDefinition;
  report?: Pick<ExecutionReport, "path" | "status"> | undefined;
}): string {
  const graph = stateGraph(options.definition);
  const visits = groupVisits(options.report?.path ?? []);
  const ids = new Map(graph.nodes.map((node, index) => [node.name, `s${index}`]));
  const id = (name: string): string => ids.get(name) ?? "unknown";
  const lines = ["flowchart TD", "  start((start))"];

  const emitScope = (
    parent: string | undefined,
    branch: number | undefined,
    indent: string,
  ): void => {
    for (const node of graph.nodes) {
      if (node.parent !== parent || node.branch !== branch) continue;
      lines.push(
        `${indent}${id(node.name)}${shape(node.type, label(node.name, node.type, visits.get(node.name)))}`,
      );
      if (node.type === "Parallel" || node.type === "Map") {
        const branches = [
          ...new Set(graph.nodes.filter((n) => n.parent === node.name).map((n) => n.branch)),
        ];
        for (const inner of branches) {
          const title =
            node.type === "Map"
              ? `${node.name}: item processor`
              : `${node.name}: branch ${(inner ?? 0) + 1}`;
          lines.push(
            `${indent}subgraph ${id(node.name)}_${inner ?? "items"} [${quote(escapeText(title))}]`,
          );
          emitScope(node.name, inner, `${indent}  `);
          lines.push(`${indent}end`);
        }
      }
    }
  };
  emitScope(undefined, undefined, "  ");
  lines.push("  finish((end))");

  const taken: number[] = [];
  const edges = drawnEdges(graph);
  edges.forEach((edge, index) => {
    const from = edge.from === null ? "start" : id(edge.from);
    const to = edge.to === null ? "finish" : id(edge.to);
    const text = edgeLabel(edge);
    lines.push(`  ${from} ${text ? `-->|${quote(escapeText(text))}|` : "-->"} ${to}`);
    if (options.report && isTaken(edge, visits, options.report.status)) taken.push(index);
  });

  if (options.report) {
    lines.push(...CLASS_STYLES.map((style) => `  ${style}`));
    for (const status of ["succeeded", "failed", "caught", "running"] as const) {
      const members = graph.nodes
        .filter((node) => visits.get(node.name)?.at(-1)?.status === status)
        .map((node) => id(node.name));
      if (members.length > 0) lines.push(`  class ${members.join(",")} ${status}`);
    }
    if (taken.length > 0) lines.push(`  linkStyle ${taken.join(",")} ${TAKEN_EDGE}`);
  }
  return `${lines.join("\n")}\n`;
}

type Edge = StateGraph["edges"][number];

// Ends inside a branch or item processor are not drawn: the branch ends where its
// Map or Parallel state goes on. Top-level ends go to the one `finish` node.
function drawnEdges(graph: StateGraph): Edge[] {
  const parentOf = new Map(graph.nodes.map((node) => [node.name, node.parent]));
  return graph.edges.filter(
    (edge) => edge.to !== null || edge.from === null || parentOf.get(edge.from) === undefined,
  );
}

function isTaken(
  edge: Edge,
  visits: Map<string, StateVisit[]>,
  status: ExecutionReport["status"],
): boolean {
  const fromVisits = edge.from === null ? [] : (visits.get(edge.from) ?? []);
  if (edge.to === null) {
    // The execution ended here: a Succeed, a Fail, or an End state that succeeded.
    if (edge.kind === "fail") return fromVisits.length > 0;
    return status === "SUCCEEDED" && fromVisits.some((v) => v.status === "succeeded");
  }
  if (!visits.has(edge.to)) return false;
  if (edge.from === null) return true;
  switch (edge.kind) {
    case "catch":
      return fromVisits.some((visit) => visit.status === "caught");
    case "start":
      return fromVisits.length > 0;
    default:
      return fromVisits.some((visit) => visit.status === "succeeded");
  }
}

function groupVisits(path: readonly StateVisit[]): Map<string, StateVisit[]> {
  const grouped = new Map<string, StateVisit[]>();
  for (const visit of path) grouped.set(visit.state, [...(grouped.get(visit.state) ?? []), visit]);
  return grouped;
}

function label(name: string, type: string, visits: StateVisit[] | undefined): string {
  const details: string[] = [type];
  if (visits && visits.length > 0) {
    const last = visits.at(-1);
    if (visits.length > 1) details.push(`${visits.length} runs`);
    const total = visits.reduce((sum, visit) => sum + (visit.durationMs ?? 0), 0);
    if (visits.some((visit) => visit.durationMs !== undefined)) details.push(seconds(total));
    const retries = visits.reduce((sum, visit) => sum + visit.retries, 0);
    if (retries > 0) details.push(`retried ${retries}x`);
    if (last?.error && last.status !== "succeeded") details.push(last.error);
  }
  return `${escapeText(name)}<br/><small>${details.map(escapeText).join(" · ")}</small>`;
}

function shape(type: string, text: string): string {
  const quoted = quote(text);
  switch (type) {
    case "Choice":
      return `{${quoted}}`;
    case "Succeed":
    case "Fail":
      return `([${quoted}])`;
    case "Map":
    case "Parallel":
      return `[[${quoted}]]`;
    default:
      return `[${quoted}]`;
  }
}

function edgeLabel(edge: Edge): string {
  switch (edge.kind) {
    case "catch":
      return `catch ${(edge.errors ?? []).join(", ")}`;
    case "choice":
      return `rule ${(edge.index ?? 0) + 1}`;
    case "default":
      return "default";
    case "fail":
      return "fail";
    default:
      return "";
  }
}

// Mermaid's quoted text. What users wrote goes through `escapeText` first; markup we add stays.
function quote(text: string): string {
  return `"${text}"`;
}

// `"`, `<`, `>` and `#` as Mermaid entity codes, so a name cannot break the syntax or add markup.
function escapeText(text: string): string {
  return text.replace(/[#"<>]/g, (c) => `#${c.charCodeAt(0)};`);
}

function seconds(ms: number): string {
  return ms < 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms / 1000)} s`;
}
