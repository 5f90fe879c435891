// What the vitest global setup hands to tests: `inject("stack")`.
import type { StackState } from "./stack.ts";

declare module "vitest" {
  export interface ProvidedContext {
    stack: StackState;
  }
}
