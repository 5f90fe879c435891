// Moved to test/support/eks-sfn-cli.ts (shared with `npm run demo`); this re-export keeps
// tests written against the old path resolving until they import the new one.
export {
  cliEnv,
  EKS_SFN_MAIN as MAIN,
  type EksSfnResult,
  eksSfn,
  startEksSfn,
} from "../../../../../test/support/eks-sfn-cli.ts";
